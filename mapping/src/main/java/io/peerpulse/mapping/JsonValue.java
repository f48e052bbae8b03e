package io.peerpulse.mapping;

import java.util.List;

/**
 * One JSON value as written: numbers keep their literal text, so {@code 30}, {@code 30.0} and
 * {@code 3e1} stay distinguishable and nothing is rounded before it is checked.
 *
 * @param kind what sort of value it is
 * @param text the string's content, or the literal text of a number; null for containers
 * @param items the elements of an array; empty otherwise (objects are never read inside)
 */
record JsonValue(Kind kind, String text, List<JsonValue> items) {

  enum Kind {
    STRING("a string"),
    INTEGER("an integer"),
    DECIMAL("a decimal number"),
    TRUE("true"),
    FALSE("false"),
    NULL("null"),
    ARRAY("an array"),
    OBJECT("an object");

    private final String description;

    Kind(String description) {
      this.description = description;
    }

    /** How a message names a value of this kind without showing it. */
    String description() {
      return description;
    }
  }

  static final JsonValue NULL = new JsonValue(Kind.NULL, null, List.of());
  static final JsonValue TRUE = new JsonValue(Kind.TRUE, null, List.of());
  static final JsonValue FALSE = new JsonValue(Kind.FALSE, null, List.of());
  static final JsonValue OBJECT = new JsonValue(Kind.OBJECT, null, List.of());

  static JsonValue scalar(Kind kind, String text) {
    return new JsonValue(kind, text, List.of());
  }

  static JsonValue array(List<JsonValue> items) {
    return new JsonValue(Kind.ARRAY, null, items);
  }

  boolean isNull() {
    return kind == Kind.NULL;
  }

  boolean isString() {
    return kind == Kind.STRING;
  }
}
