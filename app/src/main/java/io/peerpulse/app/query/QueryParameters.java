package io.peerpulse.app.query;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The parameters of a URL query string ({@code a=1&b=x%20y}), each at most once. */
final class QueryParameters {

  private QueryParameters() {}

  /**
   * Decodes {@code rawQuery} (percent-encoding and {@code +} for space), in order of appearance.
   *
   * @param rawQuery the query as sent, without {@code ?}; null or empty for none
   * @throws InvalidFilterException when a name is given twice or a value is not valid percent-encoded UTF-8
   */
  static Map<String, String> parse(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return Map.of();
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals), "parameter name");
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1), name);
      if (values.putIfAbsent(name, value) != null) {
        throw new InvalidFilterException(name, "given more than once; expected at most one value");
      }
    }
    return Collections.unmodifiableMap(values);
  }

  /** The query string of {@code values}, percent-encoded. */
  static String format(Map<String, String> values) {
    return values.entrySet().stream()
        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String decode(String text, String name) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new InvalidFilterException(name, "expected valid percent-encoding, got \"" + text + "\"");
    }
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
