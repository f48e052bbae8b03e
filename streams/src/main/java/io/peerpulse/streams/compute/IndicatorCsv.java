package io.peerpulse.streams.compute;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The indicator CSV of spec/interfaces.md, written and read exactly: the header below, ISO dates,
 * integral numbers as integers ({@code 42}), others rounded half-up to 4 decimals without trailing
 * zeros or exponent ({@code 1.4494}, {@code 25.5}), empty fields for null, RFC 4180 quoting when a
 * field holds a comma, quote or line break.
 */
public final class IndicatorCsv {

  public static final String HEADER =
      "indicator,site_id,programme,arm,period_type,period_start,period_end,numerator,denominator,value,status,suppressed,revision";
  private static final int COLUMNS = 13;

  private IndicatorCsv() {}

  /** Writes the header and the rows in the order given (sort with {@link IndicatorRow#CSV_ORDER}). */
  public static void write(List<IndicatorRow> rows, Writer out) throws IOException {
    out.write(HEADER);
    out.write('\n');
    for (IndicatorRow row : rows) {
      out.write(line(row));
      out.write('\n');
    }
    out.flush();
  }

  public static String line(IndicatorRow row) {
    return String.join(",",
        field(row.indicator()), field(row.siteId()), field(row.programme()), field(row.arm()), field(row.periodType()),
        row.periodStart().toString(), row.periodEnd().toString(),
        number(row.numerator()), number(row.denominator()), number(row.value()),
        row.status(), Boolean.toString(row.suppressed()), Integer.toString(row.revision()));
  }

  /** The lexical form of a number in the CSV; empty for null. */
  public static String number(Double value) {
    if (value == null) {
      return "";
    }
    if (value.isNaN() || value.isInfinite()) {
      throw new IllegalArgumentException("value: expected a finite number, got " + value);
    }
    BigDecimal rounded = BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
    return rounded.signum() == 0 ? "0" : rounded.toPlainString();
  }

  /** Reads a CSV written by {@link #write}; fails naming the line and column on anything else. */
  public static List<IndicatorRow> read(Reader in) throws IOException {
    BufferedReader reader = new BufferedReader(in);
    String header = reader.readLine();
    if (!HEADER.equals(header)) {
      throw new IllegalArgumentException("line 1: expected the header \"" + HEADER + "\", got \"" + header + "\"");
    }
    List<IndicatorRow> rows = new ArrayList<>();
    String line;
    int number = 1;
    while ((line = reader.readLine()) != null) {
      number++;
      if (!line.isEmpty()) {
        rows.add(parse(line, number));
      }
    }
    return rows;
  }

  private static IndicatorRow parse(String line, int number) {
    List<String> f = split(line);
    if (f.size() != COLUMNS) {
      throw new IllegalArgumentException("line " + number + ": expected " + COLUMNS + " fields, got " + f.size());
    }
    try {
      return new IndicatorRow(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4), LocalDate.parse(f.get(5)),
          LocalDate.parse(f.get(6)), decimal(f.get(7)), decimal(f.get(8)), decimal(f.get(9)), f.get(10),
          bool(f.get(11)), Integer.parseInt(f.get(12)));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new IllegalArgumentException("line " + number + ": " + e.getMessage(), e);
    }
  }

  private static Double decimal(String text) {
    return text.isEmpty() ? null : Double.valueOf(text);
  }

  private static boolean bool(String text) {
    if (!text.equals("true") && !text.equals("false")) {
      throw new IllegalArgumentException("suppressed: expected true or false, got \"" + text + "\"");
    }
    return Boolean.parseBoolean(text);
  }

  private static String field(String text) {
    if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
      return text;
    }
    return '"' + text.replace("\"", "\"\"") + '"';
  }

  private static List<String> split(String line) {
    List<String> fields = new ArrayList<>(COLUMNS);
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          current.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          current.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    fields.add(current.toString());
    return fields;
  }

  /** The whole CSV as text. */
  public static String toText(List<IndicatorRow> rows) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    rows.forEach(r -> out.append(line(r)).append('\n'));
    return out.toString();
  }
}
