package io.peerpulse.mapping;

/**
 * How rejection messages show values: short (long values are cut to {@value #MAX_SHOWN} characters),
 * on one line, and never for identifier fields, whose values are described by kind and length only.
 */
final class Messages {

  static final int MAX_SHOWN = 40;
  static final int MAX_FIELD_NAME = 64;

  private Messages() {}

  /** A value as a message shows it: strings quoted, numbers as written, containers by kind. */
  static String show(JsonValue value) {
    return switch (value.kind()) {
      case STRING -> '"' + cut(value.text()) + '"';
      case INTEGER, DECIMAL -> cut(value.text());
      case TRUE -> "true";
      case FALSE -> "false";
      case NULL -> "null";
      case ARRAY, OBJECT -> value.kind().description();
    };
  }

  /** A value of a field that must not be shown (identifiers): its kind and, for strings, its length. */
  static String describeHidden(JsonValue value) {
    return value.isString()
        ? "a string of " + value.text().length() + " characters"
        : value.kind().description();
  }

  /** A field name from the input, bounded so a huge key cannot bloat a message. */
  static String fieldName(String name) {
    return name.length() <= MAX_FIELD_NAME ? printable(name) : printable(name.substring(0, MAX_FIELD_NAME)) + "…";
  }

  static String cut(String text) {
    return text.length() <= MAX_SHOWN ? printable(text) : printable(text.substring(0, MAX_SHOWN)) + "…";
  }

  /** Control characters would break one-line logs and CSV reports. */
  private static String printable(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return replaceControls(text);
      }
    }
    return text;
  }

  private static String replaceControls(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? '?' : c);
    }
    return out.toString();
  }
}
