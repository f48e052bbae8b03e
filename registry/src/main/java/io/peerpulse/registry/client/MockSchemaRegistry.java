package io.peerpulse.registry.client;

import io.peerpulse.registry.core.SchemaRegistry;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.apache.kafka.common.config.ConfigException;

/**
 * In-memory registries for {@code mock://<scope>} URLs, as in Confluent's serdes: every client in
 * this JVM naming the same scope shares one registry, so a test's producer and consumer (or a
 * topology's serdes) agree on ids without a server. State lives until {@link #drop(String)}.
 */
public final class MockSchemaRegistry {

  public static final String MOCK_URL_PREFIX = "mock://";

  private static final ConcurrentMap<String, SchemaRegistry> SCOPES = new ConcurrentHashMap<>();

  private MockSchemaRegistry() {
  }

  /** A client of the registry of {@code scope}, created on first use. */
  public static SchemaRegistryClient clientForScope(String scope) {
    return new LocalSchemaRegistryClient(registryForScope(scope), MOCK_URL_PREFIX + scope);
  }

  /** The registry of {@code scope} itself, created on first use. */
  public static SchemaRegistry registryForScope(String scope) {
    return SCOPES.computeIfAbsent(scope, name -> SchemaRegistry.inMemory());
  }

  /** Forgets {@code scope}: its next client starts from an empty registry. */
  public static void drop(String scope) {
    SchemaRegistry registry = SCOPES.remove(scope);
    if (registry != null) {
      registry.close();
    }
  }

  /**
   * The mock scope named by {@code urls}, or null when they are all real URLs.
   *
   * @throws ConfigException when mock and real URLs are mixed, or several scopes are named
   */
  static String scopeOf(List<String> urls) {
    List<String> mocks = urls.stream().filter(url -> url.startsWith(MOCK_URL_PREFIX)).toList();
    if (mocks.isEmpty()) {
      return null;
    }
    if (mocks.size() != urls.size()) {
      throw new ConfigException(RegistryClientConfig.SCHEMA_REGISTRY_URL, String.join(",", urls),
          "cannot mix mock:// and real URLs");
    }
    if (mocks.size() > 1) {
      throw new ConfigException(RegistryClientConfig.SCHEMA_REGISTRY_URL, String.join(",", urls),
          "only one mock scope is permitted");
    }
    return mocks.get(0).substring(MOCK_URL_PREFIX.length());
  }
}
