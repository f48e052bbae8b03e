package io.peerpulse.reference;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The indicator CSV of interfaces.md: header and column order fixed, dates ISO, numbers as plain
 * decimals (integers without a decimal point, other numbers rounded half-up to 4 decimals with
 * trailing zeros dropped, never an exponent), empty field for null, {@code \n} line ends.
 */
public final class ReferenceCsv {

    public static final String HEADER = "indicator,site_id,programme,arm,period_type,period_start,period_end,"
            + "numerator,denominator,value,status,suppressed,revision";

    private static final int COLUMNS = 13;

    private ReferenceCsv() {
    }

    /** Writes the header and {@code rows} in the order given (use {@link ReferenceRow#CSV_ORDER}). */
    public static void write(List<ReferenceRow> rows, Writer out) {
        try {
            out.write(HEADER);
            out.write('\n');
            for (ReferenceRow row : rows) {
                out.write(String.join(",",
                        field(row.indicator()), field(row.siteId()), field(row.programme()), field(row.arm()),
                        field(row.periodType()), row.periodStart().toString(), row.periodEnd().toString(),
                        number(row.numerator()), number(row.denominator()), number(row.value()),
                        row.status(), Boolean.toString(row.suppressed()), Long.toString(row.revision())));
                out.write('\n');
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write indicator CSV", e);
        }
    }

    /** Reads a CSV written by {@link #write} (or by {@code peerpulse compute}). */
    public static List<ReferenceRow> read(Reader in) {
        List<ReferenceRow> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(in)) {
            String header = reader.readLine();
            if (header == null || !HEADER.equals(stripBom(header).strip())) {
                throw new IllegalArgumentException("indicator CSV header must be '" + HEADER + "', was '" + header + "'");
            }
            String line;
            int lineNo = 1;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (!line.isBlank()) {
                    rows.add(parse(line, lineNo));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read indicator CSV", e);
        }
        return rows;
    }

    /** Plain decimal: integral values without decimals, others half-up to 4 decimals; null is empty. */
    public static String number(Double value) {
        if (value == null) {
            return "";
        }
        if (value.isNaN() || value.isInfinite()) {
            throw new IllegalArgumentException("indicator numbers must be finite, was " + value);
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros();
        if (rounded.signum() == 0) {
            return "0";
        }
        return rounded.toPlainString();
    }

    private static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    private static ReferenceRow parse(String line, int lineNo) {
        List<String> f = splitFields(line);
        if (f.size() != COLUMNS) {
            throw new IllegalArgumentException("indicator CSV line " + lineNo + " has " + f.size()
                    + " fields, expected " + COLUMNS + ": " + line);
        }
        try {
            return new ReferenceRow(f.get(0), f.get(1), f.get(2), f.get(3), f.get(4),
                    LocalDate.parse(f.get(5)), LocalDate.parse(f.get(6)),
                    parseNumber(f.get(7)), parseNumber(f.get(8)), parseNumber(f.get(9)),
                    f.get(10), Boolean.parseBoolean(f.get(11)), Long.parseLong(f.get(12)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("indicator CSV line " + lineNo + " is invalid (" + e.getMessage()
                    + "): " + line, e);
        }
    }

    private static Double parseNumber(String field) {
        return field.isEmpty() ? null : Double.valueOf(field);
    }

    private static List<String> splitFields(String line) {
        List<String> fields = new ArrayList<>();
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

    private static String stripBom(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
