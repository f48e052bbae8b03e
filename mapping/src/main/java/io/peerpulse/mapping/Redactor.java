package io.peerpulse.mapping;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Set;

/**
 * The text of a rejected JSON input for the dead-letter topic, with identifier values replaced by
 * {@code "***"}. Only text the tokenizer has understood is ever copied: the output stops at the end
 * of the first JSON object or array, and at the last complete token before a syntax error, so an
 * identifier in text that is not JSON (or after the error) cannot leak. Keys match loosely
 * ({@code personId}, {@code Worker-ID}) because misspelt keys are exactly what gets rejected.
 */
final class Redactor {

  static final String MASK = "\"***\"";
  static final int MAX_LENGTH = 16_384;

  /**
   * Identifier keys, lower case without separators; also the raw-identifier column names of registers
   * ({@link RegisterCsv}), should a sender put them in JSON.
   */
  private static final Set<String> IDENTIFIER_KEYS = Set.of("personid", "personids", "workerid",
      "personrawid", "personrawids", "workerrawid");

  private final String text;
  private final StringBuilder out;
  /** Characters of {@code text} before this index are already in {@code out} (or masked). */
  private int copied;
  /** Where the understood text ends so far. */
  private int safeEnd;

  private Redactor(String text) {
    this.text = text;
    this.out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 64);
  }

  static String redact(String text) {
    return new Redactor(text).run();
  }

  private String run() {
    boolean complete = tokenize();
    out.append(text, copied, complete ? text.length() : safeEnd);
    if (!complete && safeEnd < text.length()) {
      out.append("…[not JSON from here on: ").append(text.length() - safeEnd).append(" characters not shown]");
    }
    return bounded();
  }

  /** Masks identifier values; true when the whole text was one JSON object or array. */
  private boolean tokenize() {
    try (JsonParser parser = JsonObjectReader.FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first != JsonToken.START_OBJECT && first != JsonToken.START_ARRAY) {
        return false;
      }
      safeEnd = tokenEnd(parser);
      return walk(parser) && parser.nextToken() == null;
    } catch (JsonProcessingException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("reading from a String cannot fail", e);
    }
  }

  /**
   * Walks the root container's content, masking every string or number below an identifier key
   * (null and booleans cannot identify anyone and help explain a rejection); false if it stopped early.
   */
  private boolean walk(JsonParser parser) throws IOException {
    int depth = 1;
    int maskDepth = -1; // depth of the identifier value being masked, or -1
    boolean nextIsIdentifier = false;
    JsonToken token;
    while (depth > 0 && (token = parser.nextToken()) != null) {
      if (token == JsonToken.FIELD_NAME) {
        nextIsIdentifier = maskDepth < 0 && isIdentifierKey(parser.currentName());
      } else if (token.isStructStart()) {
        depth++;
        if (nextIsIdentifier) {
          maskDepth = depth;
          nextIsIdentifier = false;
        }
      } else if (token.isStructEnd()) {
        if (depth == maskDepth) {
          maskDepth = -1;
        }
        depth--;
      } else if ((nextIsIdentifier || maskDepth >= 0) && isMaskable(token)) {
        nextIsIdentifier = false;
        if (!mask(parser)) {
          return false;
        }
        continue;
      } else {
        nextIsIdentifier = false;
      }
      int end = tokenEnd(parser);
      if (end < 0) {
        return false;
      }
      safeEnd = end;
    }
    return depth == 0;
  }

  private static boolean isMaskable(JsonToken token) {
    return token == JsonToken.VALUE_STRING || token.isNumeric();
  }

  /** Replaces the current scalar's text with the mask; false when its end cannot be found. */
  private boolean mask(JsonParser parser) {
    int start = (int) parser.currentTokenLocation().getCharOffset();
    int end = tokenEnd(parser);
    if (end < 0) {
      return false;
    }
    out.append(text, copied, start).append(MASK);
    copied = end;
    safeEnd = end;
    return true;
  }

  /**
   * The index after the current token, found in the text itself (Jackson reads strings lazily, so
   * its position may still be inside one); -1 for an unterminated string.
   */
  private int tokenEnd(JsonParser parser) {
    int start = (int) parser.currentTokenLocation().getCharOffset();
    char first = text.charAt(start);
    if (first == '"') {
      return stringEnd(start);
    }
    if (first == '{' || first == '}' || first == '[' || first == ']') {
      return start + 1;
    }
    int end = start;
    while (end < text.length() && !isDelimiter(text.charAt(end))) {
      end++;
    }
    return end;
  }

  private int stringEnd(int start) {
    for (int i = start + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '"') {
        return i + 1;
      }
    }
    return -1;
  }

  private static boolean isDelimiter(char c) {
    return c == ',' || c == '}' || c == ']' || c == ':' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
  }

  private static boolean isIdentifierKey(String key) {
    if (key.length() > 16) {
      return false;
    }
    StringBuilder normalized = new StringBuilder(key.length());
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        normalized.append(c);
      }
    }
    return IDENTIFIER_KEYS.contains(normalized.toString().toLowerCase(Locale.ROOT));
  }

  /** Dead letters are Kafka records: keep them well under the broker's message size limit. */
  private String bounded() {
    if (out.length() <= MAX_LENGTH) {
      return out.toString();
    }
    int over = out.length() - MAX_LENGTH;
    out.setLength(MAX_LENGTH);
    return out.append("…[").append(over).append(" more characters not shown]").toString();
  }
}
