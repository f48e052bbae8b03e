package io.peerpulse.registry.server;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Settings of a {@link RegistryServer}. Build one with {@link #builder()}; every setting has a
 * default:
 *
 * <table>
 *   <caption>Registry server settings</caption>
 *   <tr><th>setting</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code host}</td><td>{@code 0.0.0.0}</td><td>address to bind</td></tr>
 *   <tr><td>{@code port}</td><td>{@code 8081}</td><td>port; 0 picks a free one, read it back
 *       with {@link RegistryServer#port()}</td></tr>
 *   <tr><td>{@code bootstrapServers}</td><td>none</td><td>Kafka to keep schemas in; none keeps
 *       them in memory only (lost on close)</td></tr>
 *   <tr><td>{@code topic}</td><td>{@code _schemas}</td><td>compacted one-partition log topic,
 *       created if missing</td></tr>
 *   <tr><td>{@code basicAuth}</td><td>none</td><td>{@code user:password}; when set, every
 *       request must carry it (HTTP Basic) or gets 401</td></tr>
 *   <tr><td>{@code kafkaProperties}</td><td>empty</td><td>extra Kafka client settings (security
 *       protocol, SASL...) for the store's admin, producer and consumer</td></tr>
 *   <tr><td>{@code kafkaTimeout}</td><td>30 s</td><td>how long start-up replay, a write or a
 *       sync may wait for Kafka</td></tr>
 *   <tr><td>{@code threads}</td><td>8</td><td>HTTP worker threads</td></tr>
 * </table>
 *
 * <pre>{@code
 * RegistryServerConfig config = RegistryServerConfig.builder()
 *     .port(8081)
 *     .bootstrapServers("localhost:9092")
 *     .build();
 * try (RegistryServer server = RegistryServer.start(config)) { ... }
 * }</pre>
 */
public record RegistryServerConfig(String host, int port, String bootstrapServers, String topic,
    String basicAuth, Map<String, Object> kafkaProperties, Duration kafkaTimeout, int threads) {

  public static final String DEFAULT_HOST = "0.0.0.0";
  public static final int DEFAULT_PORT = 8081;
  public static final String DEFAULT_TOPIC = "_schemas";
  public static final Duration DEFAULT_KAFKA_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_THREADS = 8;

  public RegistryServerConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(kafkaTimeout, "kafkaTimeout");
    kafkaProperties = kafkaProperties == null ? Map.of() : Map.copyOf(kafkaProperties);
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535, was " + port);
    }
    if (bootstrapServers != null && bootstrapServers.isBlank()) {
      bootstrapServers = null;
    }
    if (topic.isBlank()) {
      throw new IllegalArgumentException("topic must not be blank");
    }
    if (basicAuth != null && basicAuth.indexOf(':') < 1) {
      throw new IllegalArgumentException("basicAuth must be 'user:password'");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1, was " + threads);
    }
  }

  /** Whether schemas are kept in Kafka (else in memory). */
  public boolean usesKafka() {
    return bootstrapServers != null;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builder with the defaults listed on {@link RegistryServerConfig}. */
  public static final class Builder {
    private String host = DEFAULT_HOST;
    private int port = DEFAULT_PORT;
    private String bootstrapServers;
    private String topic = DEFAULT_TOPIC;
    private String basicAuth;
    private Map<String, Object> kafkaProperties = Map.of();
    private Duration kafkaTimeout = DEFAULT_KAFKA_TIMEOUT;
    private int threads = DEFAULT_THREADS;

    private Builder() {
    }

    public Builder host(String value) {
      host = value;
      return this;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    /** {@code null} or blank: keep schemas in memory. */
    public Builder bootstrapServers(String value) {
      bootstrapServers = value;
      return this;
    }

    public Builder topic(String value) {
      topic = value;
      return this;
    }

    /** {@code user:password}, or {@code null} for no authentication. */
    public Builder basicAuth(String value) {
      basicAuth = value;
      return this;
    }

    public Builder kafkaProperties(Map<String, Object> value) {
      kafkaProperties = value;
      return this;
    }

    public Builder kafkaTimeout(Duration value) {
      kafkaTimeout = value;
      return this;
    }

    public Builder threads(int value) {
      threads = value;
      return this;
    }

    public RegistryServerConfig build() {
      return new RegistryServerConfig(host, port, bootstrapServers, topic, basicAuth,
          kafkaProperties, kafkaTimeout, threads);
    }
  }
}
