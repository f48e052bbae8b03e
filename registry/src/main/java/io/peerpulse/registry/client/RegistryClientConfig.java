package io.peerpulse.registry.client;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import org.apache.kafka.common.config.ConfigException;

/**
 * Everything the REST client needs, read from Kafka-style configs with Confluent's key names (see
 * registry/README.md, "Client and serde", for the table).
 *
 * @param urls registry base URLs, each possibly with a path prefix (Apicurio's
 *     {@code /apis/ccompat/v7}); tried in order, the next one on failure
 * @param cacheCapacity bound of each cache ({@code max.schemas.per.subject})
 * @param headers extra request headers ({@code request.header.<name>})
 */
public record RegistryClientConfig(List<URI> urls, int cacheCapacity, Duration connectTimeout,
    Duration readTimeout, RetryPolicy retry, Credentials credentials,
    Optional<SSLContext> sslContext, Map<String, String> headers, boolean randomizeUrls) {

  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  public static final String MAX_SCHEMAS_PER_SUBJECT = "max.schemas.per.subject";
  public static final int MAX_SCHEMAS_PER_SUBJECT_DEFAULT = 1000;
  public static final String HTTP_CONNECT_TIMEOUT_MS = "http.connect.timeout.ms";
  public static final String HTTP_READ_TIMEOUT_MS = "http.read.timeout.ms";
  public static final int HTTP_TIMEOUT_MS_DEFAULT = 60000;
  public static final String REQUEST_HEADER_PREFIX = "request.header.";
  public static final String URL_RANDOMIZE = "url.randomize";

  public RegistryClientConfig {
    urls = List.copyOf(urls);
    headers = Map.copyOf(headers);
    if (urls.isEmpty()) {
      throw new ConfigException("Missing required configuration \"" + SCHEMA_REGISTRY_URL
          + "\" which has no default value.");
    }
    if (cacheCapacity < 1) {
      throw new ConfigException(MAX_SCHEMAS_PER_SUBJECT, cacheCapacity, "must be >= 1");
    }
  }

  public static RegistryClientConfig from(Map<String, ?> configs) {
    ConfigReader config = ConfigReader.of(configs);
    return new RegistryClientConfig(
        config.list(SCHEMA_REGISTRY_URL).stream().map(RegistryClientConfig::parseUrl).toList(),
        config.integer(MAX_SCHEMAS_PER_SUBJECT, MAX_SCHEMAS_PER_SUBJECT_DEFAULT),
        Duration.ofMillis(config.integer(HTTP_CONNECT_TIMEOUT_MS, HTTP_TIMEOUT_MS_DEFAULT)),
        Duration.ofMillis(config.integer(HTTP_READ_TIMEOUT_MS, HTTP_TIMEOUT_MS_DEFAULT)),
        RetryPolicy.from(config),
        Credentials.from(config),
        SslContexts.from(configs),
        config.withPrefix(REQUEST_HEADER_PREFIX),
        config.bool(URL_RANDOMIZE, false));
  }

  /** Defaults for everything but the URLs; handy in tests and tools. */
  public static RegistryClientConfig forUrls(String... urls) {
    return from(Map.of(SCHEMA_REGISTRY_URL, String.join(",", urls)));
  }

  private static URI parseUrl(String text) {
    URI uri;
    try {
      uri = URI.create(text);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(SCHEMA_REGISTRY_URL, text, "not a URL: " + e.getMessage());
    }
    String scheme = uri.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw new ConfigException(SCHEMA_REGISTRY_URL, text,
          "expected an http:// or https:// URL (or mock://scope)");
    }
    return uri;
  }
}
