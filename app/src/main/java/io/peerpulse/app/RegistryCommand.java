package io.peerpulse.app;

import io.peerpulse.registry.server.RegistryServer;
import io.peerpulse.registry.server.RegistryServerConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code peerpulse registry}: the Confluent-compatible schema registry server on its own. */
@Command(
    name = "registry",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the Confluent-compatible schema registry server (REST API subset of Confluent Schema Registry).",
      "Without --bootstrap-servers schemas live in memory only and are lost when it stops;",
      "with it they are kept in a compacted Kafka topic, survive restarts and are shared by every server on that topic.",
      "On a secured cluster give the store's Kafka client settings (security.protocol, sasl.*, ssl.*) with --kafka-config",
      "(docs/security.md)."
    })
final class RegistryCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--port", defaultValue = "8081", description = "HTTP port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--host", defaultValue = "0.0.0.0", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers to keep schemas in (default: in memory only).")
  String bootstrapServers;

  @Option(names = "--topic", defaultValue = "_schemas", description = "Compacted one-partition topic for schemas (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(
      names = "--basic-auth",
      defaultValue = "${env:PEERPULSE_REGISTRY_BASIC_AUTH}",
      description = "Require HTTP Basic credentials user:password (default: env PEERPULSE_REGISTRY_BASIC_AUTH, else none).")
  String basicAuth;

  @Option(names = "--kafka-config", paramLabel = "FILE",
      description = "Java properties file with Kafka client settings of the schema store (security.protocol, sasl.jaas.config, ssl.*).")
  Path kafkaConfig;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    RegistryServerConfig config;
    try {
      config = RegistryServerConfig.builder()
          .host(host).port(port).bootstrapServers(bootstrapServers).topic(topic).basicAuth(blankToNull(basicAuth))
          .kafkaProperties(kafkaProperties())
          .build();
    } catch (IllegalArgumentException e) {
      err.println("registry: " + e.getMessage());
      return 2;
    }
    RegistryServer server;
    try {
      server = RegistryServer.start(config);
    } catch (RuntimeException e) {
      err.println("registry: could not start: " + describe(e, config));
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "registry-shutdown"));
    out.printf("Schema registry listening on http://localhost:%d (Confluent REST API; Ctrl-C stops it)%n", server.port());
    out.println(config.usesKafka()
        ? "Schemas are kept in topic " + config.topic() + " on " + config.bootstrapServers()
        : "Schemas are kept IN MEMORY ONLY and are lost when the server stops (use --bootstrap-servers to keep them).");
    out.flush();
    stopped.await();
    return 0;
  }

  private static String describe(RuntimeException e, RegistryServerConfig config) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException) {
        return "port " + config.port() + " on " + config.host() + " is already in use; choose another with --port";
      }
    }
    return e.getMessage();
  }

  /** The --kafka-config file's settings (values trimmed), or none. */
  private Map<String, Object> kafkaProperties() {
    if (kafkaConfig == null) {
      return Map.of();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(kafkaConfig, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("--kafka-config " + kafkaConfig + ": cannot be read as a properties file: "
          + e.getMessage(), e);
    }
    Map<String, Object> settings = new HashMap<>();
    properties.stringPropertyNames().forEach(key -> settings.put(key, properties.getProperty(key).trim()));
    return settings;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
