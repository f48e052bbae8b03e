package io.peerpulse.registry.client;

import java.util.Map;

/** Chooses the client for {@code schema.registry.url}: in-memory for {@code mock://}, else REST. */
public final class SchemaRegistryClientFactory {

  private SchemaRegistryClientFactory() {
  }

  /**
   * A client for {@code configs} (Confluent key names; see {@link RegistryClientConfig}). The
   * caller owns it and closes it.
   */
  public static SchemaRegistryClient create(Map<String, ?> configs) {
    String scope = MockSchemaRegistry.scopeOf(ConfigReader.of(configs)
        .list(RegistryClientConfig.SCHEMA_REGISTRY_URL));
    if (scope != null) {
      return MockSchemaRegistry.clientForScope(scope);
    }
    return new RestSchemaRegistryClient(RegistryClientConfig.from(configs));
  }
}
