package io.peerpulse.connectors.avro;

import io.peerpulse.registry.client.RegistryClientConfig;
import io.peerpulse.registry.client.RestClientException;
import io.peerpulse.registry.client.SchemaRegistryClient;
import io.peerpulse.registry.client.SchemaRegistryClientFactory;
import io.peerpulse.registry.serde.AvroSerdeConfig;
import io.peerpulse.registry.serde.KafkaAvroDeserializer;
import io.peerpulse.registry.serde.KafkaAvroSerializer;
import io.peerpulse.registry.serde.UnknownSchemaIdException;
import io.peerpulse.registry.serde.WireFormat;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;

/**
 * A Connect {@link Converter} writing and reading Avro in Confluent's wire format through the
 * PeerPulse registry client: a drop-in for {@code io.confluent.connect.avro.AvroConverter} with
 * the same config keys ({@code schema.registry.url}, {@code auto.register.schemas},
 * {@code use.latest.version}, {@code key.subject.name.strategy}/{@code value.subject.name.strategy},
 * {@code normalize.schemas}, {@code latest.compatibility.strict}, the registry's auth and TLS
 * keys), because it hands them unchanged to the project's {@link KafkaAvroSerializer} and
 * {@link KafkaAvroDeserializer}. Connect ↔ Avro follows Confluent's conventions
 * ({@link AvroConnectData}).
 *
 * <p>One exception, for dead letters: a value whose schema is {@link #RAW_BYTES_SCHEMA} is written
 * as its bytes, without the wire format, so the dead-letter topic keeps the plain UTF-8 text that
 * the HTTP ingest and the streams application write there.
 */
public final class AvroConverter implements Converter {

  /** Name of the bytes schema whose values this converter writes as they are (dead-letter text). */
  public static final String RAW_BYTES_NAME = "io.peerpulse.connect.RawBytes";
  public static final Schema RAW_BYTES_SCHEMA = SchemaBuilder.bytes().name(RAW_BYTES_NAME).optional().build();

  private final AvroConnectData data = new AvroConnectData();
  private SchemaRegistryClient client;
  private KafkaAvroSerializer serializer;
  private KafkaAvroDeserializer deserializer;
  /** A client built from the configs is closed with the converter; one handed in is the caller's. */
  private boolean ownsClient;

  public AvroConverter() {
  }

  /** Uses {@code client} (owned by the caller) instead of one built from the configs; for tests and embedding. */
  public AvroConverter(SchemaRegistryClient client) {
    this.client = client;
  }


  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    if (configs.get(RegistryClientConfig.SCHEMA_REGISTRY_URL) == null && client == null) {
      throw new org.apache.kafka.common.config.ConfigException(RegistryClientConfig.SCHEMA_REGISTRY_URL, null,
          "the AvroConverter needs the registry's URL (http://host:8081, or mock://scope in tests)");
    }
    if (client == null) {
      client = SchemaRegistryClientFactory.create(configs);
      ownsClient = true;
    }
    Map<String, Object> serdeConfigs = new HashMap<>(configs);
    // Connect data is generic: a specific reader would need the generated classes in the plugin
    serdeConfigs.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, false);
    serializer = new KafkaAvroSerializer(client);
    serializer.configure(serdeConfigs, isKey);
    deserializer = new KafkaAvroDeserializer(client);
    deserializer.configure(serdeConfigs, isKey);
  }

  @Override
  public byte[] fromConnectData(String topic, Schema schema, Object value) {
    if (value == null) {
      return null; // a tombstone stays a tombstone
    }
    if (schema == null) {
      throw new DataException("AvroConverter for topic " + topic + ": expected a Connect schema with the value, got a"
          + " schemaless " + value.getClass().getName() + " (use the JSON converter with schemas.enable=false for schemaless data)");
    }
    if (RAW_BYTES_NAME.equals(schema.name())) {
      return (byte[]) value;
    }
    try {
      org.apache.avro.Schema avro = data.fromConnectSchema(schema);
      return serializer.serialize(topic, data.fromConnectData(schema, avro, value));
    } catch (SerializationException | UncheckedIOException | org.apache.avro.AvroRuntimeException | RestClientException e) {
      throw new DataException("AvroConverter could not convert the Connect data of schema "
          + (schema.name() != null ? schema.name() : schema.type()) + " for topic " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public SchemaAndValue toConnectData(String topic, byte[] value) {
    if (value == null) {
      return SchemaAndValue.NULL;
    }
    try {
      // the deserializer first: it names an id the registry does not know (UnknownSchemaIdException)
      Object avroValue = deserializer.deserialize(topic, value);
      org.apache.avro.Schema writer = client.getSchemaById(WireFormat.schemaId(value, topic)); // cached by now
      Schema schema = data.toConnectSchema(writer);
      return new SchemaAndValue(schema, data.toConnectData(schema, writer, avroValue));
    } catch (UnknownSchemaIdException e) {
      throw new DataException("AvroConverter could not read a record of topic " + topic + ": schema id " + e.schemaId()
          + " is not in the registry (written against another registry, or its schema was deleted permanently)", e);
    } catch (SerializationException | UncheckedIOException | org.apache.avro.AvroRuntimeException | RestClientException e) {
      throw new DataException("AvroConverter could not read the Avro data of topic " + topic + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ConfigDef config() {
    return new ConfigDef()
        .define(RegistryClientConfig.SCHEMA_REGISTRY_URL, ConfigDef.Type.LIST, ConfigDef.Importance.HIGH,
            "Registry URLs (Confluent protocol), comma-separated; mock://scope for an in-memory registry in tests.")
        .define(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, ConfigDef.Type.BOOLEAN, true, ConfigDef.Importance.MEDIUM,
            "Register a record's schema when it is not yet in its subject.")
        .define(AvroSerdeConfig.USE_LATEST_VERSION, ConfigDef.Type.BOOLEAN, false, ConfigDef.Importance.MEDIUM,
            "Write with the subject's latest schema (with auto.register.schemas=false).");
  }

  @Override
  public void close() {
    if (serializer != null) {
      serializer.close();
    }
    if (deserializer != null) {
      deserializer.close();
    }
    if (ownsClient && client != null) {
      client.close();
      client = null;
    }
  }
}
