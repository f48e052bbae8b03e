package io.peerpulse.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP request reduced to what the routes need: method, decoded path segments, query
 * parameters and the body.
 */
record Request(String method, List<String> path, Map<String, String> query, byte[] body) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static Request of(String method, String rawPath, String rawQuery, byte[] body) {
    return new Request(method.toUpperCase(Locale.ROOT), segments(rawPath), query(rawQuery), body);
  }

  /**
   * Splits the raw path first and decodes each segment after, so an encoded {@code %2F} stays
   * inside a subject name; {@code +} is a literal plus in a path, unlike in a query.
   */
  private static List<String> segments(String rawPath) {
    List<String> segments = new ArrayList<>();
    for (String raw : rawPath.split("/")) {
      if (!raw.isEmpty()) {
        segments.add(percentDecode(raw));
      }
    }
    return segments;
  }

  private static String percentDecode(String raw) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '%' && i + 2 < raw.length()) {
        int hi = Character.digit(raw.charAt(i + 1), 16);
        int lo = Character.digit(raw.charAt(i + 2), 16);
        if (hi >= 0 && lo >= 0) {
          bytes.write(hi * 16 + lo);
          i += 3;
          continue;
        }
      }
      int codePoint = raw.codePointAt(i);
      byte[] literal = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8);
      bytes.write(literal, 0, literal.length);
      i += Character.charCount(codePoint);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> params = new HashMap<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return params;
    }
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      try {
        params.putIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8),
            URLDecoder.decode(value, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException e) {
        throw HttpError.badRequest("Malformed query parameter '" + pair + "'");
      }
    }
    return params;
  }

  /** A boolean query flag: present as {@code true} (any case) means true. */
  boolean flag(String name) {
    return Boolean.parseBoolean(query.getOrDefault(name, "false").trim());
  }

  String param(String name) {
    return query.get(name);
  }

  /**
   * The body as a JSON object.
   *
   * @throws HttpError 400 when the body is empty, not JSON or not an object, as Confluent's
   *     JSON exception mappers answer
   */
  JsonNode jsonObject() {
    if (body.length == 0) {
      throw HttpError.badRequest("Request body is empty; expected a JSON object");
    }
    JsonNode node;
    try {
      node = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw HttpError.badRequest(e.getOriginalMessage());
    } catch (IOException e) {
      throw HttpError.badRequest("Unreadable request body: " + e.getMessage());
    }
    if (node == null || !node.isObject()) {
      throw HttpError.badRequest("Request body must be a JSON object, was "
          + (node == null ? "empty" : node.getNodeType().name().toLowerCase(Locale.ROOT)));
    }
    return node;
  }
}
