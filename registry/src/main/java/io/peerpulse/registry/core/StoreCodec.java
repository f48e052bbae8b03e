package io.peerpulse.registry.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerpulse.registry.core.StoreKey.KeyType;
import io.peerpulse.registry.core.StoreValue.ClearSubjectValue;
import io.peerpulse.registry.core.StoreValue.ConfigValue;
import io.peerpulse.registry.core.StoreValue.DeleteSubjectValue;
import io.peerpulse.registry.core.StoreValue.ModeValue;
import io.peerpulse.registry.core.StoreValue.NoopValue;
import io.peerpulse.registry.core.StoreValue.SchemaValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads and writes {@code _schemas} records in Confluent Schema Registry's own JSON, so a topic
 * written by either registry can be read by the other. Examples:
 * <pre>
 * key   {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}
 * value {"subject":"s","version":1,"id":7,"schema":"...","deleted":false}
 * key   {"keytype":"CONFIG","subject":"s","magic":0}      (no subject: global)
 * value {"subject":"s","compatibilityLevel":"FULL"}
 * key   {"keytype":"MODE","magic":0}                       value {"mode":"READONLY"}
 * key   {"keytype":"DELETE_SUBJECT","subject":"s","magic":0} value {"subject":"s","version":3}
 * key   {"keytype":"CLEAR_SUBJECT","subject":"s","magic":0}  value {"subject":"s"}
 * </pre>
 * {@code schemaType} is omitted for Avro and {@code references} when empty, as Confluent does.
 * Keys of types this registry does not know (Confluent's CONTEXT, rules...) decode to empty and
 * are skipped by the reader.
 */
final class StoreCodec {

  private static final ObjectMapper JSON = new ObjectMapper();

  private StoreCodec() {
  }

  static byte[] encodeKey(StoreKey key) {
    ObjectNode node = JSON.createObjectNode();
    node.put("keytype", key.keyType().name());
    if (key.subject() != null && !key.subject().isEmpty()) {
      node.put("subject", key.subject());
    }
    if (key.keyType() == KeyType.SCHEMA) {
      node.put("version", key.version());
    }
    node.put("magic", key.magic());
    return bytes(node);
  }

  /** The key, or empty for a key type this registry ignores. */
  static Optional<StoreKey> decodeKey(byte[] bytes) throws IOException {
    JsonNode node = JSON.readTree(bytes);
    String type = node.path("keytype").asText("");
    KeyType keyType;
    try {
      keyType = KeyType.valueOf(type);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String subject = node.hasNonNull("subject") ? node.get("subject").asText() : null;
    Integer version = node.hasNonNull("version") ? node.get("version").asInt() : null;
    if (keyType == KeyType.SCHEMA && (subject == null || version == null)) {
      throw new IOException("SCHEMA key without subject or version: " + node);
    }
    return Optional.of(new StoreKey(keyType, subject, version));
  }

  static byte[] encodeValue(StoreValue value) {
    if (value == null) {
      return null;
    }
    ObjectNode node = JSON.createObjectNode();
    if (value instanceof SchemaValue schema) {
      node.put("subject", schema.subject());
      node.put("version", schema.version());
      node.put("id", schema.id());
      if (!SchemaInput.AVRO.equals(schema.schemaType())) {
        node.put("schemaType", schema.schemaType());
      }
      if (!schema.references().isEmpty()) {
        ArrayNode refs = node.putArray("references");
        for (SchemaReference ref : schema.references()) {
          refs.addObject().put("name", ref.name()).put("subject", ref.subject())
              .put("version", ref.version());
        }
      }
      node.put("schema", schema.schema());
      node.put("deleted", schema.deleted());
    } else if (value instanceof ConfigValue config) {
      putSubject(node, config.subject());
      node.put("compatibilityLevel", config.compatibilityLevel().name());
    } else if (value instanceof ModeValue mode) {
      putSubject(node, mode.subject());
      node.put("mode", mode.mode().name());
    } else if (value instanceof DeleteSubjectValue delete) {
      node.put("subject", delete.subject());
      node.put("version", delete.version());
    } else if (value instanceof ClearSubjectValue clear) {
      node.put("subject", clear.subject());
    }
    return bytes(node);
  }

  private static void putSubject(ObjectNode node, String subject) {
    if (subject != null && !subject.isEmpty()) {
      node.put("subject", subject);
    }
  }

  /** The value for {@code key}; {@code null} for a tombstone or a setting this registry lacks. */
  static StoreValue decodeValue(StoreKey key, byte[] bytes) throws IOException {
    if (bytes == null) {
      return null;
    }
    JsonNode node = JSON.readTree(bytes);
    return switch (key.keyType()) {
      case SCHEMA -> new SchemaValue(
          node.path("subject").asText(key.subject()),
          node.path("version").asInt(key.version()),
          required(node, "id").asInt(),
          node.hasNonNull("schemaType") ? node.get("schemaType").asText() : SchemaInput.AVRO,
          required(node, "schema").asText(),
          references(node.path("references")),
          node.path("deleted").asBoolean(false));
      case CONFIG -> node.hasNonNull("compatibilityLevel")
          ? new ConfigValue(key.subject(),
              CompatibilityLevel.parse(node.get("compatibilityLevel").asText()))
          : null;
      case MODE -> decodeMode(key, node);
      case DELETE_SUBJECT -> new DeleteSubjectValue(
          node.path("subject").asText(key.subject()), required(node, "version").asInt());
      case CLEAR_SUBJECT -> new ClearSubjectValue(node.path("subject").asText(key.subject()));
      case NOOP -> new NoopValue();
    };
  }

  private static ModeValue decodeMode(StoreKey key, JsonNode node) {
    if (!node.hasNonNull("mode")) {
      return null;
    }
    try {
      return new ModeValue(key.subject(), Mode.parse(node.get("mode").asText()));
    } catch (RegistryException e) {
      // A Confluent-only mode such as IMPORT: treated as read-write, the safe reading for us.
      return new ModeValue(key.subject(), Mode.READWRITE);
    }
  }

  private static JsonNode required(JsonNode node, String field) throws IOException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IOException("record value lacks '" + field + "'");
    }
    return value;
  }

  private static List<SchemaReference> references(JsonNode array) {
    List<SchemaReference> refs = new ArrayList<>();
    for (JsonNode ref : array) {
      refs.add(new SchemaReference(ref.path("name").asText(), ref.path("subject").asText(),
          ref.path("version").asInt()));
    }
    return refs;
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }
}
