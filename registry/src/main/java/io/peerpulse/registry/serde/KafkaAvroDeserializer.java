package io.peerpulse.registry.serde;

import io.peerpulse.registry.client.BoundedCache;
import io.peerpulse.registry.client.RestClientException;
import io.peerpulse.registry.client.SchemaMetadata;
import io.peerpulse.registry.client.SchemaRegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Deserializes Confluent wire-format Avro: reads the writer schema id, fetches that schema from
 * the registry (once per id) and resolves the data to the reader schema. The reader schema is, in
 * order: one given to the constructor; for {@code specific.avro.reader=true}, the class's schema
 * ({@code specific.avro.key.type} / {@code specific.avro.value.type}, else the generated class
 * named like the writer's record); with {@code use.latest.version=true}, the subject's latest
 * schema; else the writer schema itself.
 *
 * <p>Returns {@code GenericRecord}s (or the specific class), primitives as Java values (strings as
 * {@code String}), and {@code null} for {@code null} (a tombstone). An id the registry does not
 * know raises {@link UnknownSchemaIdException}; any other failure a
 * {@link SerializationException} naming the topic and schema id.
 */
public final class KafkaAvroDeserializer implements Deserializer<Object> {

  private static final int PLAN_CACHE_CAPACITY = 10_000;
  private static final ThreadLocal<BinaryDecoder> DECODERS = new ThreadLocal<>();

  /** How records with one writer schema id are read on one topic: decided once, reused. */
  private record ReadPlan(Schema writer, DatumReader<Object> reader, Expiry expiry) {

    boolean rawBytes() {
      return writer.getType() == Schema.Type.BYTES;
    }
  }

  /** The topic is part of the key only because the latest version depends on the subject. */
  private record PlanKey(String topic, int schemaId) {
  }

  private final SchemaRegistryClient givenClient;
  private final Schema givenReaderSchema;
  private final BoundedCache<PlanKey, ReadPlan> plans = new BoundedCache<>(PLAN_CACHE_CAPACITY);
  private RegistryBinding registry;
  private AvroSerdeConfig config;
  private boolean isKey;
  private Schema readerSchema;

  /** For Kafka's reflective construction; {@link #configure} builds the registry client. */
  public KafkaAvroDeserializer() {
    this(null, (Schema) null);
  }

  /** Uses {@code client} (which the caller keeps ownership of) once configured. */
  public KafkaAvroDeserializer(SchemaRegistryClient client) {
    this(client, (Schema) null);
  }

  /** Uses {@code client} and configures for values. */
  public KafkaAvroDeserializer(SchemaRegistryClient client, Map<String, ?> configs) {
    this(client, (Schema) null);
    configure(configs, false);
  }

  /**
   * Resolves every record to {@code readerSchema} (may be null), whatever the configs say: for a
   * consumer that must see one shape of data across writer versions.
   */
  public KafkaAvroDeserializer(SchemaRegistryClient client, Schema readerSchema) {
    this.givenClient = client;
    this.givenReaderSchema = readerSchema;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig parsed = AvroSerdeConfig.from(configs);
    RegistryBinding binding = RegistryBinding.of(givenClient, configs);
    close();
    this.config = parsed;
    this.isKey = isKey;
    this.registry = binding;
    this.readerSchema = givenReaderSchema != null ? givenReaderSchema
        : parsed.specificAvroReader()
            ? parsed.specificType(isKey).map(SpecificData.get()::getSchema).orElse(null)
            : null;
  }

  @Override
  public Object deserialize(String topic, byte[] data) {
    if (data == null) {
      return null;
    }
    if (registry == null) {
      throw new SerializationException("KafkaAvroDeserializer for topic " + topic
          + " used before configure(): call configure() or pass the deserializer configs");
    }
    int schemaId = WireFormat.schemaId(data, topic);
    PlanKey key = new PlanKey(topic, schemaId);
    ReadPlan plan = plans.get(key);
    if (plan == null || plan.expiry().passed()) {
      plan = plan(topic, schemaId);
      plans.put(key, plan);
    }
    return read(plan, data, topic, schemaId);
  }

  private Object read(ReadPlan plan, byte[] data, String topic, int schemaId) {
    if (plan.rawBytes()) {
      return Arrays.copyOfRange(data, WireFormat.HEADER_SIZE, data.length);
    }
    try {
      BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, WireFormat.HEADER_SIZE,
          data.length - WireFormat.HEADER_SIZE, DECODERS.get());
      DECODERS.set(decoder);
      Object result = plan.reader().read(null, decoder);
      if (config.failOnTrailingData() && !decoder.isEnd()) {
        throw new SerializationException("Trailing data after the Avro datum for topic " + topic
            + " with writer schema id " + schemaId);
      }
      return plan.writer().getType() == Schema.Type.STRING ? result.toString() : result;
    } catch (SerializationException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // truncated data ends in EOFException, corrupt data in AvroRuntimeException or worse
      throw new SerializationException("Error deserializing Avro for topic " + topic
          + " with writer schema id " + schemaId + ": " + e, e);
    }
  }

  private ReadPlan plan(String topic, int schemaId) {
    SchemaRegistryClient client = registry.client();
    Schema writer;
    try {
      writer = client.getSchemaById(schemaId);
    } catch (RestClientException e) {
      if (e.errorCode() == RestClientException.SCHEMA_NOT_FOUND) {
        throw new UnknownSchemaIdException(topic, schemaId, client.location(), e);
      }
      throw new SerializationException("Error retrieving Avro schema id " + schemaId
          + " for topic " + topic + " from registry " + client.location() + ": "
          + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new SerializationException("Error retrieving Avro schema id " + schemaId
          + " for topic " + topic + ": " + e.getMessage(), e);
    }
    boolean specific = config.specificAvroReader();
    if (readerSchema != null) {
      return new ReadPlan(writer, datumReader(writer, readerSchema, specific), Expiry.NEVER);
    }
    if (specific && isNamed(writer)) {
      return new ReadPlan(writer, datumReader(writer, specificSchema(writer), true),
          Expiry.NEVER);
    }
    if (config.useLatestVersion() && !specific && isNamed(writer)) {
      return new ReadPlan(writer, datumReader(writer, latestSchema(topic, writer), false),
          Expiry.after(config.latestCacheTtl()));
    }
    return new ReadPlan(writer, datumReader(writer, writer, specific), Expiry.NEVER);
  }

  private static boolean isNamed(Schema schema) {
    return switch (schema.getType()) {
      case RECORD, ENUM, FIXED -> true;
      default -> false;
    };
  }

  /** The generated class named like the writer's record is the reader, as in Confluent. */
  private static Schema specificSchema(Schema writer) {
    Class<?> type = SpecificData.get().getClass(writer);
    if (type == null || !(SpecificRecord.class.isAssignableFrom(type) || type.isEnum())) {
      throw new SerializationException("Could not find class " + writer.getFullName()
          + " specified in writer's schema whilst finding reader's schema for a SpecificRecord");
    }
    return SpecificData.get().getSchema(type);
  }

  private Schema latestSchema(String topic, Schema writer) {
    String subject = config.subjectNameStrategy(isKey).subjectName(topic, isKey, writer);
    SchemaRegistryClient client = registry.client();
    try {
      SchemaMetadata latest = client.getLatestVersion(subject);
      return client.getSchemaById(latest.id());
    } catch (RestClientException | UncheckedIOException e) {
      throw new SerializationException("Error retrieving the latest version of subject "
          + subject + " for topic " + topic + ": " + e.getMessage(), e);
    }
  }

  private static DatumReader<Object> datumReader(Schema writer, Schema reader, boolean specific) {
    return specific
        ? new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader))
        : new GenericDatumReader<>(writer, reader, GenericData.get());
  }

  @Override
  public void close() {
    if (registry != null) {
      registry.close();
      registry = null;
    }
  }
}
