package io.peerpulse.registry.serde;

import io.peerpulse.registry.client.BoundedCache;
import io.peerpulse.registry.client.RestClientException;
import io.peerpulse.registry.client.SchemaMetadata;
import io.peerpulse.registry.client.SchemaRegistryClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes Avro data (generic or specific records, enums, fixed, arrays and Java primitives) in
 * Confluent's wire format, registering or looking up the schema in a Confluent-protocol registry.
 * A drop-in for {@code io.confluent.kafka.serializers.KafkaAvroSerializer}: same config names,
 * same subjects, same bytes.
 *
 * <p>The registry is asked once per (topic, schema); after that a record costs one map lookup
 * and the Avro encoding into a per-thread buffer. {@code null} serializes to {@code null} (a
 * tombstone), never to an Avro null.
 */
public final class KafkaAvroSerializer implements Serializer<Object> {

  private static final int PLAN_CACHE_CAPACITY = 10_000;
  private static final ThreadLocal<Buffers> BUFFERS = ThreadLocal.withInitial(Buffers::new);

  /** Per-thread reusable output: the sink and the encoder writing into it. */
  private static final class Buffers {
    private final ByteSink sink = new ByteSink();
    private BinaryEncoder encoder;
  }

  /** What a record is written as on one topic: decided once, then reused. */
  private record WritePlan(String subject, int schemaId, DatumEncoder encoder, Expiry expiry) {
  }

  /** The Java type is part of the key: a generic and a specific record of one schema differ. */
  private record PlanKey(String topic, Schema schema, Class<?> type) {
  }

  private final SchemaRegistryClient givenClient;
  private final BoundedCache<PlanKey, WritePlan> plans = new BoundedCache<>(PLAN_CACHE_CAPACITY);
  private RegistryBinding registry;
  private AvroSerdeConfig config;
  private boolean isKey;

  /** For Kafka's reflective construction; {@link #configure} builds the registry client. */
  public KafkaAvroSerializer() {
    this(null);
  }

  /** Uses {@code client} (which the caller keeps ownership of) once configured. */
  public KafkaAvroSerializer(SchemaRegistryClient client) {
    this.givenClient = client;
  }

  /** Uses {@code client} and configures for values. */
  public KafkaAvroSerializer(SchemaRegistryClient client, Map<String, ?> configs) {
    this(client);
    configure(configs, false);
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    AvroSerdeConfig parsed = AvroSerdeConfig.from(configs);
    RegistryBinding binding = RegistryBinding.of(givenClient, configs);
    close();
    this.config = parsed;
    this.isKey = isKey;
    this.registry = binding;
  }

  @Override
  public byte[] serialize(String topic, Object data) {
    if (data == null) {
      return null;
    }
    if (registry == null) {
      throw new SerializationException("KafkaAvroSerializer for topic " + topic
          + " used before configure(): call configure() or pass the serializer configs");
    }
    Schema schema = AvroData.schemaOf(data, topic);
    PlanKey key = new PlanKey(topic, schema, data.getClass());
    WritePlan plan = plans.get(key);
    if (plan == null || plan.expiry().passed()) {
      plan = plan(topic, schema, data.getClass());
      plans.put(key, plan);
    }
    return write(plan, data, topic);
  }

  private static byte[] write(WritePlan plan, Object data, String topic) {
    Buffers buffers = BUFFERS.get();
    ByteSink sink = buffers.sink;
    sink.reset(WireFormat.HEADER_SIZE);
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(sink, buffers.encoder);
      buffers.encoder = encoder;
      plan.encoder().encode(data, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException("Error serializing Avro for topic " + topic
          + ", subject " + plan.subject() + ", schema id " + plan.schemaId() + ": " + e, e);
    }
    byte[] bytes = sink.toByteArray();
    WireFormat.writeHeader(bytes, plan.schemaId());
    if (sink.capacity() > ByteSink.RETAIN_LIMIT) {
      BUFFERS.remove();
    }
    return bytes;
  }

  /** Asks the registry which id to write under, as Confluent's serializer does. */
  private WritePlan plan(String topic, Schema schema, Class<?> type) {
    String subject = config.subjectNameStrategy(isKey).subjectName(topic, isKey, schema);
    SchemaRegistryClient client = registry.client();
    try {
      if (config.autoRegisterSchemas()) {
        int id = client.register(subject, schema, config.normalizeSchemas());
        return new WritePlan(subject, id, DatumEncoder.of(type, schema, schema), Expiry.NEVER);
      }
      if (config.useLatestVersion()) {
        return latestVersionPlan(topic, subject, schema, type);
      }
      int id = client.getId(subject, schema, config.normalizeSchemas());
      return new WritePlan(subject, id, DatumEncoder.of(type, schema, schema), Expiry.NEVER);
    } catch (RestClientException e) {
      if (!config.autoRegisterSchemas() && e.isNotFound()) {
        throw new SerializationException("Schema " + schema.getFullName() + " for topic " + topic
            + " is not registered under subject " + subject + " in registry "
            + client.location() + " and " + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS
            + "=false: register it first (" + e.getMessage() + ")", e);
      }
      throw new SerializationException(action() + " for topic " + topic + ", subject " + subject
          + " in registry " + client.location() + " failed: " + e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw new SerializationException(action() + " for topic " + topic + ", subject " + subject
          + " failed: " + e.getMessage(), e);
    }
  }

  private WritePlan latestVersionPlan(String topic, String subject, Schema schema,
      Class<?> type) {
    SchemaRegistryClient client = registry.client();
    SchemaMetadata latest = client.getLatestVersion(subject);
    Schema latestSchema = client.getSchemaById(latest.id());
    if (config.latestCompatibilityStrict()) {
      // the latest schema must be able to read what this record's own schema writes; forward
      // compatibility is not required, as in Confluent, so unions can be narrowed
      SchemaCompatibility.SchemaPairCompatibility check =
          SchemaCompatibility.checkReaderWriterCompatibility(latestSchema, schema);
      if (check.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
        throw new SerializationException("Incompatible schema for topic " + topic + ": latest"
            + " version " + latest.version() + " (schema id " + latest.id() + ") of subject "
            + subject + " cannot read records of schema " + schema.getFullName() + " ("
            + check.getDescription() + "). Set " + AvroSerdeConfig.LATEST_COMPATIBILITY_STRICT
            + "=false to disable this check.");
      }
    }
    return new WritePlan(subject, latest.id(), DatumEncoder.of(type, schema, latestSchema),
        Expiry.after(config.latestCacheTtl()));
  }

  private String action() {
    if (config.autoRegisterSchemas()) {
      return "Registering the Avro schema";
    }
    return config.useLatestVersion() ? "Retrieving the latest Avro schema"
        : "Looking up the Avro schema";
  }

  @Override
  public void close() {
    if (registry != null) {
      registry.close();
      registry = null;
    }
  }
}
