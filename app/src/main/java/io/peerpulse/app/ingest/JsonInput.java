package io.peerpulse.app.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.ParseResult;
import io.peerpulse.mapping.Reason;
import io.peerpulse.mapping.Rejection;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Splits JSON input into rows, each validated with {@link EventJson#parse}. For {@link IngestFormat#JSON}
 * the text decides: starting with {@code [} it is an array of events (which must be valid JSON as
 * a whole, since elements cannot be told apart otherwise); one object, even spread over several
 * lines, is one event; anything else is read as JSON lines, each line on its own, so a broken line
 * is one MALFORMED_JSON row and the others still count.
 */
final class JsonInput {

  private static final JsonFactory FACTORY = JsonFactory.builder().build();
  private static final char BOM = '\uFEFF';

  private JsonInput() {}

  /** The rows of a whole input held in memory. */
  static List<InputRow> rows(String text, IngestFormat format) {
    String body = stripBom(text);
    if (body.isBlank()) {
      throw new InputRefusedException("EMPTY_BODY", 0, "expected one JSON event, a JSON array of events or JSON lines, "
          + "got an empty body");
    }
    if (format == IngestFormat.JSON) {
      String start = body.stripLeading();
      if (start.charAt(0) == '[') {
        return array(body);
      }
      if (start.charAt(0) == '{' && isOneJsonValue(body)) {
        return List.of(row(1, body));
      }
    }
    List<InputRow> rows = new ArrayList<>();
    lines(new BufferedReader(new StringReader(body))).forEachRemaining(rows::add);
    return rows;
  }

  /** The non-blank lines of a JSON-lines input as rows, read as they are needed. */
  static Iterator<InputRow> lines(BufferedReader reader) {
    return new Iterator<>() {
      private long lineNumber;
      private InputRow next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          String line;
          try {
            line = reader.readLine();
          } catch (IOException e) {
            throw new UncheckedIOException("reading line " + (lineNumber + 1), e);
          }
          if (line == null) {
            return false;
          }
          lineNumber++;
          if (lineNumber == 1) {
            line = stripBom(line);
          }
          if (!line.isBlank()) {
            next = row(lineNumber, line);
          }
        }
        return true;
      }

      @Override
      public InputRow next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        InputRow row = next;
        next = null;
        return row;
      }
    };
  }

  static InputRow row(long line, String json) {
    ParseResult result = EventJson.parse(json);
    return new InputRow(line, result.isAccepted() ? "" : EventJson.redactedText(json), result);
  }

  /** Each element of a JSON array, numbered from 1; an element that is not an object is MALFORMED_JSON. */
  private static List<InputRow> array(String body) {
    List<InputRow> rows = new ArrayList<>();
    try (JsonParser parser = FACTORY.createParser(body)) {
      parser.nextToken(); // [
      JsonToken token;
      while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
        if (token == null) {
          throw unreadableArray(parser.currentLocation().getLineNr(), "the array is not closed");
        }
        long position = rows.size() + 1L;
        if (token.isStructStart()) {
          int start = (int) parser.currentTokenLocation().getCharOffset();
          parser.skipChildren();
          int end = (int) parser.currentLocation().getCharOffset();
          rows.add(row(position, body.substring(start, end)));
        } else {
          rows.add(new InputRow(position, "", new Rejection(Reason.MALFORMED_JSON, null,
              "element " + position + ": expected a JSON object {...} (an event), got " + describe(token))));
        }
      }
      if (parser.nextToken() != null) {
        throw unreadableArray(parser.currentTokenLocation().getLineNr(), "unexpected content after the array");
      }
    } catch (JsonProcessingException e) {
      // Jackson's message quotes the input, which may hold an identifier: say where only.
      throw unreadableArray(e.getLocation() == null ? 0 : e.getLocation().getLineNr(), "syntax error");
    } catch (IOException e) {
      throw new UncheckedIOException("reading from a String cannot fail", e);
    }
    if (rows.isEmpty()) {
      throw new InputRefusedException("EMPTY_BODY", 1, "expected at least one event in the JSON array, got []");
    }
    return rows;
  }

  private static InputRefusedException unreadableArray(long line, String problem) {
    return new InputRefusedException("UNREADABLE_BODY", line, "line " + line + ": " + problem
        + ": a body starting with [ must be one valid JSON array of events (send JSON lines to have each line "
        + "checked on its own)");
  }

  /** Whether the text is exactly one JSON value (followed by whitespace only). */
  private static boolean isOneJsonValue(String text) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      parser.nextToken();
      parser.skipChildren();
      return parser.nextToken() == null;
    } catch (IOException e) {
      return false;
    }
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.name();
    };
  }

  private static String stripBom(String text) {
    return !text.isEmpty() && text.charAt(0) == BOM ? text.substring(1) : text;
  }
}
