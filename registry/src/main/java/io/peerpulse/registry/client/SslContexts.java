package io.peerpulse.registry.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.common.config.ConfigException;

/**
 * Builds the {@link SSLContext} for HTTPS registries from Kafka's SSL config names, read (like
 * Confluent's client) under the {@code schema.registry.} prefix:
 * {@code schema.registry.ssl.truststore.location/password/type},
 * {@code schema.registry.ssl.keystore.location/password/type}, {@code ...ssl.key.password},
 * {@code ...ssl.protocol}.
 */
public final class SslContexts {

  public static final String TRUSTSTORE_LOCATION = "ssl.truststore.location";
  public static final String TRUSTSTORE_PASSWORD = "ssl.truststore.password";
  public static final String TRUSTSTORE_TYPE = "ssl.truststore.type";
  public static final String KEYSTORE_LOCATION = "ssl.keystore.location";
  public static final String KEYSTORE_PASSWORD = "ssl.keystore.password";
  public static final String KEYSTORE_TYPE = "ssl.keystore.type";
  public static final String KEY_PASSWORD = "ssl.key.password";
  public static final String PROTOCOL = "ssl.protocol";

  private SslContexts() {
  }

  /**
   * An SSL context when a truststore or keystore is configured; empty otherwise, so the JDK
   * default trust (the cacerts file) applies to HTTPS URLs.
   *
   * <p>Only the prefixed keys count: the bare {@code ssl.*} keys in a producer's config belong to
   * the broker connection and must not leak into the registry connection.
   */
  public static Optional<SSLContext> from(Map<String, ?> configs) {
    ConfigReader prefixed = ConfigReader.of(stripNamespace(configs));
    boolean trust = prefixed.has(TRUSTSTORE_LOCATION);
    boolean key = prefixed.has(KEYSTORE_LOCATION);
    if (!trust && !key) {
      return Optional.empty();
    }
    try {
      TrustManager[] trustManagers = trust ? trustManagers(prefixed) : null;
      KeyManager[] keyManagers = key ? keyManagers(prefixed) : null;
      SSLContext context = SSLContext.getInstance(prefixed.string(PROTOCOL, "TLS"));
      context.init(keyManagers, trustManagers, null);
      return Optional.of(context);
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException("Cannot build SSL context for the schema registry client: " + e);
    }
  }

  private static Map<String, Object> stripNamespace(Map<String, ?> configs) {
    Map<String, Object> result = new HashMap<>();
    configs.forEach((k, v) -> {
      if (k.startsWith(ConfigReader.CLIENT_NAMESPACE + "ssl.") && v != null) {
        result.put(k.substring(ConfigReader.CLIENT_NAMESPACE.length()), v);
      }
    });
    return result;
  }

  private static TrustManager[] trustManagers(ConfigReader config)
      throws GeneralSecurityException, IOException {
    KeyStore store = load(config, TRUSTSTORE_LOCATION, TRUSTSTORE_PASSWORD, TRUSTSTORE_TYPE);
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }

  private static KeyManager[] keyManagers(ConfigReader config)
      throws GeneralSecurityException, IOException {
    KeyStore store = load(config, KEYSTORE_LOCATION, KEYSTORE_PASSWORD, KEYSTORE_TYPE);
    char[] keyPassword = config.string(KEY_PASSWORD)
        .or(() -> config.string(KEYSTORE_PASSWORD)).map(String::toCharArray).orElse(null);
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, keyPassword);
    return factory.getKeyManagers();
  }

  private static KeyStore load(ConfigReader config, String locationKey, String passwordKey,
      String typeKey) throws GeneralSecurityException, IOException {
    Path location = Path.of(config.string(locationKey).orElseThrow());
    char[] password = config.string(passwordKey).map(String::toCharArray).orElse(null);
    // Kafka's default store type; the JDK's JKS loader also reads PKCS12 files
    KeyStore store = KeyStore.getInstance(config.string(typeKey, "JKS"));
    try (InputStream in = Files.newInputStream(location)) {
      store.load(in, password);
    }
    return store;
  }
}
