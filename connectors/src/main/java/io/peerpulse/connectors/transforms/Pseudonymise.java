package io.peerpulse.connectors.transforms;

import io.peerpulse.mapping.Pseudonymiser;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Replaces raw identifiers with their pseudonyms, the privacy rule of spec/events.md
 * ({@code HMAC-SHA-256(key, raw)}, base64url, 22 characters; {@link Pseudonymiser}), so raw
 * identifiers never reach a topic. Use {@code Pseudonymise$Value} or {@code Pseudonymise$Key}.
 *
 * <ul>
 *   <li>{@code fields}: the field names to replace, e.g. {@code person_id,person_ids,worker_id}.
 *       A name matches at any depth (in nested structs and maps, and in structs inside arrays),
 *       because events carry the identifiers inside their payload struct. A string is replaced; an
 *       array of strings has every element replaced; null stays null.
 *   <li>{@code key}: the HMAC key. Declared a password so Connect masks it in its REST API and
 *       logs; give it through a config provider ({@code ${file:/etc/peerpulse/secrets.properties:pseudonym.key}}
 *       or {@code ${env:PEERPULSE_PSEUDONYM_KEY}}), never in plain text. Without a key the
 *       transform refuses to start. The key never appears in logs or exception messages.
 * </ul>
 * Works with schema'd data (Struct; the schema is unchanged, as identifiers stay strings) and
 * schemaless data (Map).
 */
public abstract class Pseudonymise<R extends ConnectRecord<R>> implements Transformation<R> {

  public static final String FIELDS_CONFIG = "fields";
  public static final String KEY_CONFIG = "key";

  public static final ConfigDef CONFIG_DEF = new ConfigDef()
      .define(FIELDS_CONFIG, ConfigDef.Type.LIST, ConfigDef.NO_DEFAULT_VALUE,
          ConfigDef.Importance.HIGH, "Names of the identifier fields to pseudonymise, at any depth, e.g. person_id,person_ids,worker_id.")
      .define(KEY_CONFIG, ConfigDef.Type.PASSWORD, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH,
          "The HMAC-SHA-256 key (at least 16 bytes), through a config provider: ${file:PATH:KEY} or ${env:VARIABLE}.");

  private Pseudonymiser pseudonymiser;
  private Set<String> fields;

  @Override
  public void configure(Map<String, ?> configs) {
    Map<String, Object> values;
    try {
      values = CONFIG_DEF.parse(configs);
    } catch (ConfigException e) {
      // ConfigDef's messages may quote values; name the setting only, so a key never leaks
      throw new ConfigException("Pseudonymise transform: " + (configs.containsKey(KEY_CONFIG)
          ? "invalid settings; expected " + FIELDS_CONFIG + " (a list of field names) and " + KEY_CONFIG + " (a password)"
          : "no " + KEY_CONFIG + " configured; expected the HMAC key through a config provider, e.g. "
              + KEY_CONFIG + "=${env:" + Pseudonymiser.ENV_VARIABLE + "}; refusing to pass raw identifiers on"));
    }
    Password key = (Password) values.get(KEY_CONFIG);
    if (key == null || key.value() == null || key.value().isBlank()) {
      throw new ConfigException("Pseudonymise transform: " + KEY_CONFIG + " is empty; expected the HMAC key through a config"
          + " provider (did the provider find the file or variable?); refusing to pass raw identifiers on");
    }
    @SuppressWarnings("unchecked")
    List<String> names = (List<String>) values.get(FIELDS_CONFIG);
    if (names.isEmpty() || names.stream().anyMatch(String::isBlank)) {
      throw new ConfigException(FIELDS_CONFIG, String.join(",", names), "expected field names separated by commas, e.g. person_id,worker_id");
    }
    this.fields = Set.copyOf(names);
    try {
      this.pseudonymiser = Pseudonymiser.ofKey(key.value(), "transform setting " + KEY_CONFIG);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Pseudonymise transform: " + e.getMessage());
    }
  }

  @Override
  public R apply(R record) {
    Object value = operatingValue(record);
    if (value == null) {
      return record;
    }
    Schema schema = operatingSchema(record);
    Object replaced = replace(schema, value, null);
    return newRecord(record, schema, replaced);
  }

  /** {@code value} with the configured fields replaced; {@code name} is the field it sits in, or null. */
  private Object replace(Schema schema, Object value, String name) {
    if (value == null) {
      return null;
    }
    if (value instanceof Struct struct) {
      Struct copy = new Struct(struct.schema());
      for (Field field : struct.schema().fields()) {
        copy.put(field, replace(field.schema(), struct.get(field), field.name()));
      }
      return copy;
    }
    if (value instanceof Map<?, ?> map) {
      Map<Object, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Schema valueSchema = schema == null ? null : schema.valueSchema();
        String key = entry.getKey() instanceof String text ? text : null;
        copy.put(entry.getKey(), replace(valueSchema, entry.getValue(), key));
      }
      return copy;
    }
    boolean target = name != null && fields.contains(name);
    if (value instanceof Collection<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      for (Object item : list) {
        copy.add(target ? pseudonym(item, name) : replace(schema == null ? null : schema.valueSchema(), item, null));
      }
      return copy;
    }
    return target ? pseudonym(value, name) : value;
  }

  private String pseudonym(Object value, String field) {
    if (value instanceof String raw) {
      return pseudonymiser.pseudonym(raw);
    }
    // the value is a raw identifier of the wrong type: name its type, never the value
    throw new DataException("Pseudonymise: field " + field + ": expected a string or an array of strings, got a "
        + (value == null ? "null array element" : value.getClass().getSimpleName()));
  }

  @Override
  public ConfigDef config() {
    return CONFIG_DEF;
  }

  @Override
  public void close() {
    pseudonymiser = null;
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[fields=" + fields + "]"; // never the key
  }

  protected abstract Schema operatingSchema(R record);

  protected abstract Object operatingValue(R record);

  protected abstract R newRecord(R record, Schema schema, Object value);

  /** Pseudonymises fields of the record key. */
  public static final class Key<R extends ConnectRecord<R>> extends Pseudonymise<R> {
    @Override
    protected Schema operatingSchema(R record) {
      return record.keySchema();
    }

    @Override
    protected Object operatingValue(R record) {
      return record.key();
    }

    @Override
    protected R newRecord(R record, Schema schema, Object value) {
      return record.newRecord(record.topic(), record.kafkaPartition(), schema, value, record.valueSchema(), record.value(),
          record.timestamp(), record.headers());
    }
  }

  /** Pseudonymises fields of the record value. */
  public static final class Value<R extends ConnectRecord<R>> extends Pseudonymise<R> {
    @Override
    protected Schema operatingSchema(R record) {
      return record.valueSchema();
    }

    @Override
    protected Object operatingValue(R record) {
      return record.value();
    }

    @Override
    protected R newRecord(R record, Schema schema, Object value) {
      return record.newRecord(record.topic(), record.kafkaPartition(), record.keySchema(), record.key(), schema, value,
          record.timestamp(), record.headers());
    }
  }
}
