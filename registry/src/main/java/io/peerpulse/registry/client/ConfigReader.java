package io.peerpulse.registry.client;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * Reads Kafka-style configs ({@code Map<String, ?>} whose values may be strings, numbers,
 * booleans, lists or Kafka {@link Password}s) the way Confluent's client does: a key may be given
 * bare ({@code basic.auth.user.info}) or with the {@code schema.registry.} prefix, and the prefixed
 * form wins, so one properties file can configure Kafka clients and the registry client side by
 * side without clashes.
 */
public final class ConfigReader {

  /** Confluent's client namespace, stripped from keys before they are read. */
  public static final String CLIENT_NAMESPACE = "schema.registry.";

  private final Map<String, Object> values;

  private ConfigReader(Map<String, Object> values) {
    this.values = values;
  }

  /** Reads {@code configs}, letting {@code schema.registry.x} override {@code x}. */
  public static ConfigReader of(Map<String, ?> configs) {
    Map<String, Object> merged = new HashMap<>();
    configs.forEach((key, value) -> {
      if (!key.startsWith(CLIENT_NAMESPACE) && value != null) {
        merged.put(key, value);
      }
    });
    configs.forEach((key, value) -> {
      if (key.startsWith(CLIENT_NAMESPACE) && value != null) {
        // schema.registry.url is a key in its own right, not "url" in the namespace
        merged.put(key, value);
        merged.put(key.substring(CLIENT_NAMESPACE.length()), value);
      }
    });
    return new ConfigReader(merged);
  }

  public boolean has(String key) {
    Object value = values.get(key);
    return value != null && !(value instanceof String s && s.isBlank());
  }

  public Optional<String> string(String key) {
    Object value = values.get(key);
    if (value == null) {
      return Optional.empty();
    }
    String text = value instanceof Password p ? p.value() : value.toString().trim();
    return text.isEmpty() ? Optional.empty() : Optional.of(text);
  }

  public String string(String key, String defaultValue) {
    return string(key).orElse(defaultValue);
  }

  public int integer(String key, int defaultValue) {
    Object value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Number n) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "expected an integer");
    }
  }

  public long longValue(String key, long defaultValue) {
    Object value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Number n) {
      return n.longValue();
    }
    try {
      return Long.parseLong(value.toString().trim());
    } catch (NumberFormatException e) {
      throw new ConfigException(key, value, "expected an integer");
    }
  }

  public boolean bool(String key, boolean defaultValue) {
    Object value = values.get(key);
    if (value == null) {
      return defaultValue;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    String text = value.toString().trim().toLowerCase(Locale.ROOT);
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(key, value, "expected true or false");
    };
  }

  /** A list given as a {@link List} or as comma-separated text; blanks dropped. */
  public List<String> list(String key) {
    Object value = values.get(key);
    if (value == null) {
      return List.of();
    }
    List<?> raw = value instanceof List<?> l ? l : Arrays.asList(value.toString().split(","));
    return raw.stream().map(Object::toString).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** The raw value (a {@link Class}, say), or null. */
  public Object raw(String key) {
    return values.get(key);
  }

  /** Entries whose key starts with {@code prefix}, with the prefix removed. */
  public Map<String, String> withPrefix(String prefix) {
    Map<String, String> result = new HashMap<>();
    values.forEach((key, value) -> {
      if (key.startsWith(prefix) && key.length() > prefix.length()) {
        result.put(key.substring(prefix.length()), value.toString());
      }
    });
    return Map.copyOf(result);
  }
}
