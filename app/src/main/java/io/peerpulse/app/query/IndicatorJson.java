package io.peerpulse.app.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.peerpulse.streams.compute.IndicatorCsv;
import io.peerpulse.streams.compute.IndicatorRow;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The JSON of the query API.
 *
 * <ul>
 *   <li>Public ({@code GET /v1/indicators}): {@code {"rows":[{"indicator":...,"site_id":...,"programme":...,
 *       "arm":...,"period_type":...,"period_start":"YYYY-MM-DD","period_end":"YYYY-MM-DD","numerator":n|null,
 *       "denominator":n|null,"value":n|null,"status":"PROVISIONAL"|"FINAL","suppressed":bool,"revision":int}],
 *       "count":N}}: the CSV's columns under the CSV's names, numbers written exactly as the CSV writes
 *       them ({@link IndicatorCsv#number}: counts as integers, others rounded half-up to 4 decimals).
 *   <li>Between instances ({@code GET /v1/internal/indicators}): {@code {"partitions":[...],"rows":[...]}}
 *       with the same row objects but numbers unrounded, so rounding happens once, where the answer
 *       is written.
 *   <li>Errors: {@code {"error":"...","parameter":"..."}} ({@code parameter} only for a bad parameter).
 * </ul>
 */
final class IndicatorJson {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private IndicatorJson() {}

  /** The public answer, written to {@code out} (not closed). */
  static void writePublic(List<IndicatorRow> rows, OutputStream out) throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      json.writeStartObject();
      json.writeArrayFieldStart("rows");
      for (IndicatorRow row : rows) {
        writeRow(json, row, true);
      }
      json.writeEndArray();
      json.writeNumberField("count", rows.size());
      json.writeEndObject();
    }
  }

  /** A peer's answer for {@code partitions}, unrounded. */
  static void writePartitions(Set<Integer> partitions, List<IndicatorRow> rows, OutputStream out) throws IOException {
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.configure(JsonGenerator.Feature.AUTO_CLOSE_TARGET, false);
      json.writeStartObject();
      json.writeArrayFieldStart("partitions");
      for (int partition : new TreeSet<>(partitions)) {
        json.writeNumber(partition);
      }
      json.writeEndArray();
      json.writeArrayFieldStart("rows");
      for (IndicatorRow row : rows) {
        writeRow(json, row, false);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  /** A peer's answer as written by {@link #writePartitions}. */
  record PartitionAnswer(Set<Integer> partitions, List<IndicatorRow> rows) {}

  /**
   * Reads a peer's answer.
   *
   * @throws IOException when the body is not such an answer, naming what is wrong
   */
  static PartitionAnswer readPartitions(InputStream in) throws IOException {
    Set<Integer> partitions = new TreeSet<>();
    List<IndicatorRow> rows = new ArrayList<>();
    try (JsonParser json = JSON.createParser(in)) {
      expect(json, json.nextToken(), JsonToken.START_OBJECT);
      while (json.nextToken() == JsonToken.FIELD_NAME) {
        String field = json.currentName();
        JsonToken start = json.nextToken();
        if (field.equals("partitions")) {
          expect(json, start, JsonToken.START_ARRAY);
          while (json.nextToken() == JsonToken.VALUE_NUMBER_INT) {
            partitions.add(json.getIntValue());
          }
          expect(json, json.currentToken(), JsonToken.END_ARRAY);
        } else if (field.equals("rows")) {
          expect(json, start, JsonToken.START_ARRAY);
          while (json.nextToken() == JsonToken.START_OBJECT) {
            rows.add(readRow(json));
          }
          expect(json, json.currentToken(), JsonToken.END_ARRAY);
        } else {
          json.skipChildren();
        }
      }
    } catch (IllegalArgumentException | NullPointerException | java.time.DateTimeException e) {
      throw new IOException("a row of the answer is incomplete or invalid: " + e.getMessage(), e);
    }
    return new PartitionAnswer(partitions, rows);
  }

  /** {@code {"error":message}} or, with a parameter, {@code {"error":message,"parameter":name}}. */
  static byte[] error(String message, String parameter) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeStringField("error", message);
      if (parameter != null) {
        json.writeStringField("parameter", parameter);
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static void writeRow(JsonGenerator json, IndicatorRow row, boolean rounded) throws IOException {
    json.writeStartObject();
    json.writeStringField("indicator", row.indicator());
    json.writeStringField("site_id", row.siteId());
    json.writeStringField("programme", row.programme());
    json.writeStringField("arm", row.arm());
    json.writeStringField("period_type", row.periodType());
    json.writeStringField("period_start", row.periodStart().toString());
    json.writeStringField("period_end", row.periodEnd().toString());
    writeNumber(json, "numerator", row.numerator(), rounded);
    writeNumber(json, "denominator", row.denominator(), rounded);
    writeNumber(json, "value", row.value(), rounded);
    json.writeStringField("status", row.status());
    json.writeBooleanField("suppressed", row.suppressed());
    json.writeNumberField("revision", row.revision());
    json.writeEndObject();
  }

  private static void writeNumber(JsonGenerator json, String field, Double value, boolean rounded) throws IOException {
    json.writeFieldName(field);
    if (value == null) {
      json.writeNull();
    } else if (rounded) {
      json.writeNumber(IndicatorCsv.number(value)); // the CSV's lexical form, a valid JSON number
    } else {
      json.writeNumber(value);
    }
  }

  private static IndicatorRow readRow(JsonParser json) throws IOException {
    String indicator = null;
    String site = null;
    String programme = null;
    String arm = null;
    String periodType = null;
    LocalDate start = null;
    LocalDate end = null;
    Double numerator = null;
    Double denominator = null;
    Double value = null;
    String status = null;
    boolean suppressed = false;
    int revision = 0;
    while (json.nextToken() == JsonToken.FIELD_NAME) {
      String field = json.currentName();
      JsonToken token = json.nextToken();
      switch (field) {
        case "indicator" -> indicator = json.getValueAsString();
        case "site_id" -> site = json.getValueAsString();
        case "programme" -> programme = json.getValueAsString();
        case "arm" -> arm = json.getValueAsString();
        case "period_type" -> periodType = json.getValueAsString();
        case "period_start" -> start = LocalDate.parse(json.getValueAsString());
        case "period_end" -> end = LocalDate.parse(json.getValueAsString());
        case "numerator" -> numerator = token == JsonToken.VALUE_NULL ? null : json.getDoubleValue();
        case "denominator" -> denominator = token == JsonToken.VALUE_NULL ? null : json.getDoubleValue();
        case "value" -> value = token == JsonToken.VALUE_NULL ? null : json.getDoubleValue();
        case "status" -> status = json.getValueAsString();
        case "suppressed" -> suppressed = json.getBooleanValue();
        case "revision" -> revision = json.getIntValue();
        default -> json.skipChildren();
      }
    }
    return new IndicatorRow(indicator, site, programme, arm, periodType, start, end, numerator, denominator, value, status,
        suppressed, revision);
  }

  private static void expect(JsonParser json, JsonToken actual, JsonToken expected) throws IOException {
    if (actual != expected) {
      throw new IOException("expected " + expected + " at " + json.currentLocation().offsetDescription() + ", got " + actual);
    }
  }
}
