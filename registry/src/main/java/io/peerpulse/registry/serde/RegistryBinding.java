package io.peerpulse.registry.serde;

import io.peerpulse.registry.client.SchemaRegistryClient;
import io.peerpulse.registry.client.SchemaRegistryClientFactory;
import java.util.Map;

/**
 * The registry client a serde talks to, and whether the serde owns it. A client built from
 * configs is the serde's to close; a client handed in (shared by several serdes, or a test's)
 * belongs to the caller.
 */
record RegistryBinding(SchemaRegistryClient client, boolean owned) {

  static RegistryBinding of(SchemaRegistryClient given, Map<String, ?> configs) {
    return given != null ? new RegistryBinding(given, false)
        : new RegistryBinding(SchemaRegistryClientFactory.create(configs), true);
  }

  void close() {
    if (owned) {
      client.close();
    }
  }
}
