package io.peerpulse.mapping;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the top-level members of one JSON object with Jackson's streaming parser (strict JSON: no
 * comments, NaN, single quotes or leading zeros). A repeated key makes the text MALFORMED_JSON: RFC
 * 8259 leaves its meaning open and parsers disagree on which copy wins, so accepting it would let
 * two systems read different events from the same line.
 */
final class JsonObjectReader {

  /** Thread-safe and costly to build: one for the whole process. */
  static final JsonFactory FACTORY = JsonFactory.builder().build();

  private JsonObjectReader() {}

  /** Thrown only for text that is not exactly one JSON object; never on the happy path. */
  static final class MalformedJson extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Rejection rejection;

    MalformedJson(String field, String message) {
      super(message, null, false, false);
      this.rejection = new Rejection(Reason.MALFORMED_JSON, field, message);
    }

    Rejection rejection() {
      return rejection;
    }
  }

  /** The members in document order. */
  static Map<String, JsonValue> read(String text) throws MalformedJson {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new MalformedJson(null, first == null
            ? "not valid JSON: the input is empty"
            : "not valid JSON: expected one JSON object {...}, got " + describe(first));
      }
      Map<String, JsonValue> members = readMembers(parser);
      if (parser.nextToken() != null) {
        throw new MalformedJson(null, "not valid JSON: unexpected content after the object at "
            + position(parser.currentTokenLocation()));
      }
      return members;
    } catch (JsonProcessingException e) {
      // Jackson's own message quotes the offending input, which may be an identifier: say where only.
      throw new MalformedJson(null, "not valid JSON: syntax error at " + position(e.getLocation()));
    } catch (IOException e) {
      throw new UncheckedIOException("reading from a String cannot fail", e);
    }
  }

  private static Map<String, JsonValue> readMembers(JsonParser parser) throws IOException, MalformedJson {
    Map<String, JsonValue> members = new LinkedHashMap<>(32);
    String name;
    while ((name = parser.nextFieldName()) != null) {
      JsonValue value = readValue(parser, parser.nextToken());
      if (members.putIfAbsent(name, value) != null) {
        String shown = Messages.fieldName(name);
        throw new MalformedJson(shown, shown + ": the key appears more than once in the object");
      }
    }
    return members;
  }

  private static JsonValue readValue(JsonParser parser, JsonToken token) throws IOException {
    return switch (token) {
      case VALUE_STRING -> JsonValue.scalar(JsonValue.Kind.STRING, parser.getText());
      case VALUE_NUMBER_INT -> JsonValue.scalar(JsonValue.Kind.INTEGER, parser.getText());
      case VALUE_NUMBER_FLOAT -> JsonValue.scalar(JsonValue.Kind.DECIMAL, parser.getText());
      case VALUE_TRUE -> JsonValue.TRUE;
      case VALUE_FALSE -> JsonValue.FALSE;
      case VALUE_NULL -> JsonValue.NULL;
      case START_ARRAY -> readArray(parser);
      case START_OBJECT -> {
        // No field takes an object, so its content is never needed; the parser still checks its syntax.
        parser.skipChildren();
        yield JsonValue.OBJECT;
      }
      default -> throw new IllegalStateException("unexpected token " + token);
    };
  }

  private static JsonValue readArray(JsonParser parser) throws IOException {
    List<JsonValue> items = new ArrayList<>();
    JsonToken token;
    while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
      items.add(readValue(parser, token));
    }
    return JsonValue.array(items);
  }

  private static String describe(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "a string";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> token.asString();
    };
  }

  private static String position(JsonLocation location) {
    return location == null ? "an unknown position"
        : "line " + location.getLineNr() + ", column " + location.getColumnNr();
  }
}
