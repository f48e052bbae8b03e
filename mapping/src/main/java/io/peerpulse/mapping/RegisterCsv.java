package io.peerpulse.mapping;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

/**
 * The CSV register layout (mapping/README.md, "CSV registers"): the form in which services upload
 * monthly registers exported from spreadsheets or record systems, shared by the HTTP ingest
 * ({@code POST /v1/registers}), {@code peerpulse ingest} and the CSV source connector.
 *
 * <ul>
 *   <li>A header row is required; columns are named exactly as the event fields of
 *       spec/events.md, in any order, and a {@code type} column is required: one file may mix
 *       types, a column a row's type does not have is left empty on that row.
 *   <li>An empty cell means the field is absent (so a required field is MISSING_FIELD, an
 *       optional one takes its default). Cells are trimmed.
 *   <li>{@code person_ids} holds the pseudonyms of a group contact separated by {@code ;}.
 *       {@code planned_days}, {@code duration_minutes} and {@code fte} are numbers as written;
 *       {@code crisis}, {@code involuntary} and {@code active} are {@code true}/{@code false} in
 *       any case (spreadsheets write {@code TRUE}).
 *   <li>Raw identifier columns {@code person_raw_id}, {@code person_raw_ids} (separated by
 *       {@code ;}) and {@code worker_raw_id} are replaced by the pseudonyms of
 *       {@link Pseudonymiser} in {@code person_id}, {@code person_ids} and {@code worker_id}. A
 *       register with such columns is refused when no key is configured, and a register may not
 *       carry both a raw column and its pseudonym column.
 *   <li>A row without {@code event_id} (no column, or an empty cell) gets
 *       {@code reg-} + 22 base64url characters of the SHA-256 of its other cells (after
 *       pseudonymisation, without {@code recorded_at} and {@code source}), so uploading the same
 *       register twice, or re-exporting it later, counts each row once.
 * </ul>
 * Each row becomes one canonical-form JSON object validated with {@link EventJson#parse}, so a row
 * is accepted or rejected exactly as the same event sent as JSON. Thread-safe; a {@link Rows} is
 * not.
 */
public final class RegisterCsv {

  public static final String TYPE_COLUMN = Fields.TYPE;
  public static final String PERSON_RAW_ID = "person_raw_id";
  public static final String PERSON_RAW_IDS = "person_raw_ids";
  public static final String WORKER_RAW_ID = "worker_raw_id";
  /** Separator of the pseudonyms in a {@code person_ids} cell (and of raw ids in {@code person_raw_ids}). */
  public static final char LIST_SEPARATOR = ';';
  /** Prefix of derived event ids, so they can never clash with a sender's own scheme by accident. */
  public static final String DERIVED_ID_PREFIX = "reg-";

  private static final int DERIVED_ID_HASH_LENGTH = 22;
  private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
  /** Fields left out of the derived event id: the same event recorded or sent again is the same event. */
  private static final Set<String> NOT_IN_DERIVED_ID = Set.of(Fields.EVENT_ID, Fields.RECORDED_AT, Fields.SOURCE);

  /** How a column's cells become JSON. */
  private enum Kind { STRING, NUMBER, BOOLEAN, LIST }

  /** A register column: the JSON field it fills, how, and whether its cells are raw identifiers. */
  private record Column(String name, String field, Kind kind, boolean raw) {}

  private static final Map<String, Column> COLUMNS = columns();

  private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
      .setHeader()
      .setSkipHeaderRecord(true)
      .setTrim(true)
      // blank lines come as blank records and are skipped here, so a record's position is where it starts
      .setIgnoreEmptyLines(false)
      // repeated and empty names are checked here, with messages naming the column
      .setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_ALL)
      .setAllowMissingColumnNames(true)
      .get();

  private final Pseudonymiser pseudonymiser;

  private RegisterCsv(Pseudonymiser pseudonymiser) {
    this.pseudonymiser = pseudonymiser;
  }

  /** A layout that refuses registers with raw identifier columns. */
  public static RegisterCsv withoutKey() {
    return new RegisterCsv(null);
  }

  /** A layout that pseudonymises raw identifier columns with {@code pseudonymiser}. */
  public static RegisterCsv withKey(Pseudonymiser pseudonymiser) {
    return new RegisterCsv(Objects.requireNonNull(pseudonymiser, "pseudonymiser"));
  }

  public static RegisterCsv of(Optional<Pseudonymiser> pseudonymiser) {
    return new RegisterCsv(pseudonymiser.orElse(null));
  }

  /** Every column a register may have: the event fields of spec/events.md and the raw identifier columns. */
  public static Set<String> columnNames() {
    return Collections.unmodifiableSet(COLUMNS.keySet());
  }

  /**
   * Reads and checks the header of a register; the rows follow as they are read.
   *
   * @throws RegisterException when the header is missing or wrong, or raw identifier columns
   *     come without a key; the reader is closed then
   */
  public Rows open(Reader reader) {
    LineTrackingReader lines = new LineTrackingReader(Objects.requireNonNull(reader, "reader"));
    CSVParser parser;
    try {
      parser = CSVParser.builder().setReader(lines).setFormat(FORMAT).get();
    } catch (IOException | UncheckedIOException e) {
      closeQuietly(lines);
      throw new RegisterException(RegisterException.Kind.CSV_SYNTAX, 1, "the header row is not valid CSV");
    }
    try {
      List<Column> columns = checkHeader(parser.getHeaderNames());
      return new Rows(parser, lines, columns);
    } catch (RegisterException e) {
      closeQuietly(parser);
      throw e;
    }
  }

  /** Every row of a register held in memory (the HTTP body); see {@link #open}. */
  public List<RegisterRow> readAll(String text) {
    List<RegisterRow> rows = new ArrayList<>();
    try (Rows open = open(new StringReader(text))) {
      open.forEachRemaining(rows::add);
    }
    return rows;
  }

  private List<Column> checkHeader(List<String> names) {
    if (names.isEmpty() || names.stream().allMatch(String::isEmpty)) {
      throw new RegisterException(RegisterException.Kind.BAD_HEADER, 1,
          "expected a header row naming the columns (type, event_id, site_id, ...), got an empty register");
    }
    List<Column> columns = new ArrayList<>(names.size());
    Set<String> seen = new HashSet<>();
    Set<String> fields = new HashSet<>();
    Set<String> raw = new LinkedHashSet<>();
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i);
      String where = "header column " + (i + 1);
      if (name.isEmpty()) {
        throw badHeader(where + ": expected a column name, got an empty one");
      }
      Column column = COLUMNS.get(name);
      if (column == null) {
        throw badHeader(where + " \"" + Messages.fieldName(name) + "\": not a register column; expected one of "
            + String.join(", ", COLUMNS.keySet()) + hint(name));
      }
      if (!seen.add(name)) {
        throw badHeader(where + " \"" + name + "\": the column appears more than once");
      }
      if (!fields.add(column.field())) {
        throw badHeader(where + " \"" + name + "\": the register already has a column for " + column.field()
            + "; give either the pseudonyms (" + column.field() + ") or the raw identifiers, not both");
      }
      if (column.raw()) {
        raw.add(name);
      }
      columns.add(column);
    }
    if (!seen.contains(TYPE_COLUMN)) {
      throw badHeader("expected a \"type\" column (ENROLLED, CONTACT, ...), the header has none");
    }
    if (!raw.isEmpty() && pseudonymiser == null) {
      throw new RegisterException(RegisterException.Kind.RAW_IDENTIFIERS_WITHOUT_KEY, 1,
          "the register has raw identifier columns (" + String.join(", ", raw) + ") but no pseudonym key is "
              + "configured, and raw identifiers must never enter a topic: configure a key (--pseudonym-key-file or "
              + Pseudonymiser.ENV_VARIABLE + ") or send pseudonyms in person_id, person_ids and worker_id");
    }
    return columns;
  }

  private static String hint(String name) {
    String lower = name.toLowerCase(Locale.ROOT).replace(' ', '_').replace('-', '_');
    return !lower.equals(name) && COLUMNS.containsKey(lower) ? " (names are lower case snake_case: " + lower + ")" : "";
  }

  private static RegisterException badHeader(String message) {
    return new RegisterException(RegisterException.Kind.BAD_HEADER, 1, message);
  }

  /** The rows of one open register, in file order. Close it (try-with-resources) to close the reader. */
  public final class Rows implements Iterator<RegisterRow>, AutoCloseable {

    private final CSVParser parser;
    private final LineTrackingReader lines;
    private final List<Column> columns;
    private final Iterator<CSVRecord> records;
    private RegisterRow next;

    private Rows(CSVParser parser, LineTrackingReader lines, List<Column> columns) {
      this.parser = parser;
      this.lines = lines;
      this.columns = List.copyOf(columns);
      this.records = parser.iterator();
    }

    /** The header's column names, in file order. */
    public List<String> columns() {
      return columns.stream().map(Column::name).toList();
    }

    /**
     * @throws RegisterException when the CSV is broken from some line on (rows before it have
     *     been returned)
     */
    @Override
    public boolean hasNext() {
      while (next == null) {
        CSVRecord record = nextRecord();
        if (record == null) {
          return false;
        }
        if (!isBlank(record)) {
          next = toRow(record);
        }
      }
      return true;
    }

    @Override
    public RegisterRow next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      RegisterRow row = next;
      next = null;
      return row;
    }

    private CSVRecord nextRecord() {
      try {
        return records.hasNext() ? records.next() : null;
      } catch (UncheckedIOException | IllegalStateException e) {
        // commons-csv's messages may quote the input; say where only.
        throw new RegisterException(RegisterException.Kind.CSV_SYNTAX, parser.getCurrentLineNumber(),
            "not valid CSV at or before this line (an unbalanced double quote, or text after a closing quote?)");
      }
    }

    private RegisterRow toRow(CSVRecord record) {
      long line = lines.lineOf(record.getCharacterPosition());
      if (record.size() != columns.size()) {
        return new RegisterRow(line, null, new Rejection(Reason.SCHEMA_VIOLATION, null,
            "row: expected " + columns.size() + " cells as in the header, got " + record.size()
                + " (a separator inside an unquoted cell?)"));
      }
      Map<String, Object> fields = new LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        String cell = record.get(i);
        if (!cell.isEmpty()) {
          Column column = columns.get(i);
          fields.put(column.field(), value(column, cell));
        }
      }
      if (!fields.containsKey(Fields.EVENT_ID)) {
        Map<String, Object> withId = new LinkedHashMap<>();
        withId.put(Fields.EVENT_ID, derivedEventId(fields));
        withId.putAll(fields);
        fields = withId;
      }
      String json = toJson(fields);
      return new RegisterRow(line, json, EventJson.parse(json));
    }

    @Override
    public void close() {
      closeQuietly(parser);
    }
  }

  private static boolean isBlank(CSVRecord record) {
    for (String cell : record) {
      if (!cell.isEmpty()) {
        return false;
      }
    }
    return true;
  }

  /** A cell as the JSON value {@link EventJson} expects; text that does not fit stays a string, so the rejection shows it. */
  private Object value(Column column, String cell) {
    return switch (column.kind()) {
      case STRING -> column.raw() ? pseudonymiser.pseudonym(cell) : cell;
      case NUMBER -> JSON_NUMBER.matcher(cell).matches() ? new RawNumber(cell) : cell;
      case BOOLEAN -> cell.equalsIgnoreCase("true") ? Boolean.TRUE : cell.equalsIgnoreCase("false") ? Boolean.FALSE : cell;
      case LIST -> list(column, cell);
    };
  }

  private List<String> list(Column column, String cell) {
    List<String> items = new ArrayList<>();
    int start = 0;
    while (true) {
      int end = cell.indexOf(LIST_SEPARATOR, start);
      String item = (end < 0 ? cell.substring(start) : cell.substring(start, end)).strip();
      // an empty item stays empty, and is rejected as a bad pseudonym, rather than silently dropped
      items.add(column.raw() && !item.isEmpty() ? pseudonymiser.pseudonym(item) : item);
      if (end < 0) {
        return items;
      }
      start = end + 1;
    }
  }

  /** A number cell written into the JSON exactly as in the register, so 30.0 is rejected as it would be in JSON. */
  private record RawNumber(String text) {}

  /**
   * {@code reg-} and 22 base64url characters of the SHA-256 of the row's fields but event_id,
   * recorded_at and source, in name order, as JSON.
   */
  static String derivedEventId(Map<String, Object> fields) {
    Map<String, Object> sorted = new TreeMap<>(fields);
    NOT_IN_DERIVED_ID.forEach(sorted::remove);
    byte[] digest = sha256().digest(toJson(sorted).getBytes(StandardCharsets.UTF_8));
    return DERIVED_ID_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(digest)
        .substring(0, DERIVED_ID_HASH_LENGTH);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java runtime", e);
    }
  }

  /** The fields as one JSON object in the given order. */
  private static String toJson(Map<String, Object> fields) {
    StringWriter out = new StringWriter(256);
    try (JsonGenerator json = JsonObjectReader.FACTORY.createGenerator(out)) {
      json.writeStartObject();
      for (Map.Entry<String, Object> field : fields.entrySet()) {
        json.writeFieldName(field.getKey());
        write(json, field.getValue());
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to a String cannot fail", e);
    }
    return out.toString();
  }

  private static void write(JsonGenerator json, Object value) throws IOException {
    if (value instanceof RawNumber number) {
      json.writeNumber(number.text());
    } else if (value instanceof Boolean bool) {
      json.writeBoolean(bool);
    } else if (value instanceof List<?> list) {
      json.writeStartArray();
      for (Object item : list) {
        json.writeString((String) item);
      }
      json.writeEndArray();
    } else {
      json.writeString((String) value);
    }
  }

  /**
   * The envelope, then every payload field once (in EventType order), then the raw columns: the
   * order of {@link #columnNames()}.
   */
  private static Map<String, Column> columns() {
    Map<String, Column> columns = new LinkedHashMap<>();
    for (String field : Fields.ENVELOPE) {
      columns.put(field, new Column(field, field, Kind.STRING, false));
    }
    for (EventType type : EventType.values()) {
      for (String field : type.payloadFields()) {
        columns.putIfAbsent(field, new Column(field, field, kindOf(field), false));
      }
    }
    columns.put(PERSON_RAW_ID, new Column(PERSON_RAW_ID, Fields.PERSON_ID, Kind.STRING, true));
    columns.put(PERSON_RAW_IDS, new Column(PERSON_RAW_IDS, Fields.PERSON_IDS, Kind.LIST, true));
    columns.put(WORKER_RAW_ID, new Column(WORKER_RAW_ID, Fields.WORKER_ID, Kind.STRING, true));
    return Collections.unmodifiableMap(columns);
  }

  private static Kind kindOf(String field) {
    return switch (field) {
      case Fields.PLANNED_DAYS, Fields.DURATION_MINUTES, Fields.FTE -> Kind.NUMBER;
      case Fields.CRISIS, Fields.INVOLUNTARY, Fields.ACTIVE -> Kind.BOOLEAN;
      case Fields.PERSON_IDS -> Kind.LIST;
      default -> Kind.STRING;
    };
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // nothing was written; a failing close of a reader changes no outcome
    }
  }
}
