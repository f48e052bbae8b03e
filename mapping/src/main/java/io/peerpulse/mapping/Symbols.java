package io.peerpulse.mapping;

import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Exact-name lookup of an Avro enum's symbols; unlike {@code Enum.valueOf} it does not throw, and it
 * carries the "one of ..." text for messages.
 */
record Symbols<E extends Enum<E>>(Map<String, E> byName, String expected) {

  static <E extends Enum<E>> Symbols<E> of(E[] values) {
    Map<String, E> byName = new HashMap<>();
    for (E value : values) {
      byName.put(value.name(), value);
    }
    String expected = "one of " + Stream.of(values).map(Enum::name).collect(Collectors.joining(", "));
    return new Symbols<>(Map.copyOf(byName), expected);
  }

  /** The symbol of exactly this name, or null. */
  E lookup(String name) {
    return byName.get(name);
  }
}
