package io.peerpulse.app;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * One flat configuration from layers, each overriding the ones before (style.md, "Configuration"):
 * defaults in code &lt; a properties file &lt; {@code PEERPULSE_FOO_BAR} environment variables (for key
 * {@code foo.bar}) &lt; command-line flags. Remembers where each value came from, so an error can
 * say which file, variable or flag to fix.
 */
final class ConfigLayers {

  static final String ENV_PREFIX = "PEERPULSE_";

  /** Variables of the launcher and of other commands, not configuration keys. */
  static final Set<String> RESERVED_VARIABLES = Set.of("PEERPULSE_JAVA_OPTS", "PEERPULSE_REGISTRY_BASIC_AUTH",
      "PEERPULSE_PSEUDONYM_KEY");

  private final Map<String, String> values = new TreeMap<>();
  private final Map<String, String> sources = new TreeMap<>();

  ConfigLayers defaults(Map<String, ?> defaults) {
    defaults.forEach((key, value) -> put(key, value, "default"));
    return this;
  }

  /**
   * The layers of a client command ({@code ingest}, {@code export}): a broker and a registry on this
   * machine by default &lt; {@code --config FILE} &lt; {@code PEERPULSE_*} &lt; {@code --bootstrap-servers}
   * and {@code --schema-registry-url}.
   */
  static ConfigLayers forClient(Path configFile, Map<String, String> environment, String bootstrapServers,
      String schemaRegistryUrl) {
    Map<String, Object> defaults = new LinkedHashMap<>();
    defaults.put("bootstrap.servers", "localhost:9092");
    defaults.put("schema.registry.url", "http://localhost:8081");
    return new ConfigLayers().defaults(defaults).configFile(configFile).environment(environment)
        .flag("bootstrap.servers", bootstrapServers, "--bootstrap-servers")
        .flag("schema.registry.url", schemaRegistryUrl, "--schema-registry-url");
  }

  /**
   * Adds the properties file of a command's {@code --config} option; nothing when it is null.
   *
   * @throws IllegalArgumentException naming {@code --config} when the file cannot be read
   */
  ConfigLayers configFile(Path file) {
    if (file == null) {
      return this;
    }
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("--config " + file + ": no such readable file");
    }
    try {
      return file(file);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("--config " + file + ": cannot be read as a properties file: " + e.getMessage(), e);
    }
  }

  /** Adds a Java properties file (UTF-8); values are trimmed. */
  ConfigLayers file(Path file) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    for (String key : properties.stringPropertyNames()) {
      put(key, properties.getProperty(key).trim(), "file " + file);
    }
    return this;
  }

  /** Adds every {@code PEERPULSE_*} variable but the {@link #RESERVED_VARIABLES}. */
  ConfigLayers environment(Map<String, String> environment) {
    new TreeMap<>(environment).forEach((name, value) -> {
      String key = keyOf(name);
      if (key != null) {
        put(key, value.trim(), "environment variable " + name);
      }
    });
    return this;
  }

  /** Adds a flag's value; {@code null} (flag not given) changes nothing. */
  ConfigLayers flag(String key, Object value, String flag) {
    if (value != null) {
      put(key, value, "flag " + flag);
    }
    return this;
  }

  /** The key an environment variable sets ({@code PEERPULSE_LATENESS_DAYS} → {@code lateness.days}), or null. */
  static String keyOf(String variable) {
    if (!variable.startsWith(ENV_PREFIX) || RESERVED_VARIABLES.contains(variable) || variable.length() == ENV_PREFIX.length()) {
      return null;
    }
    return variable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
  }

  /** The merged configuration, by key. */
  Map<String, String> values() {
    return Collections.unmodifiableMap(values);
  }

  /** Where the value of {@code key} came from ("default", "file app.properties", ...), or null. */
  String sourceOf(String key) {
    return sources.get(key);
  }

  /** Every key with its source, in key order (for diagnostics; values left out, they may be secrets). */
  Map<String, String> sources() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(sources));
  }

  private void put(String key, Object value, String source) {
    values.put(key, String.valueOf(value));
    sources.put(key, source);
  }
}
