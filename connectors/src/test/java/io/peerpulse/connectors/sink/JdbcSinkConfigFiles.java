package io.peerpulse.connectors.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** The JDBC sink's example configs in {@code connectors/config/}, as the tests use them. */
final class JdbcSinkConfigFiles {

  static final String CONNECTOR_CLASS = "io.debezium.connector.jdbc.JdbcSinkConnector";

  private JdbcSinkConfigFiles() {
  }

  private static Path config(String file) {
    // surefire and failsafe run in the module directory and name it in basedir
    return Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("config").resolve(file);
  }

  /** The {@code config} object of {@code jdbc-sink-postgres.json} (POST /connectors), mutable. */
  static Map<String, String> distributed() throws IOException {
    JsonNode connector = new ObjectMapper().readTree(config("jdbc-sink-postgres.json").toFile());
    Map<String, String> config = new LinkedHashMap<>();
    connector.path("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
    config.put("name", connector.path("name").asText());
    return config;
  }

  /** {@code jdbc-sink-postgres.properties} (connect-standalone.sh), mutable. */
  static Map<String, String> standalone() throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(config("jdbc-sink-postgres.properties"), StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    Map<String, String> config = new LinkedHashMap<>();
    properties.stringPropertyNames().forEach(key -> config.put(key, properties.getProperty(key)));
    return config;
  }
}
