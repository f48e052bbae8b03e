package io.peerpulse.registry.serde;

import io.peerpulse.registry.client.SchemaRegistryClient;
import org.apache.avro.generic.GenericRecord;

/**
 * Serde of {@link GenericRecord}s for Kafka Streams (Confluent's {@code GenericAvroSerde}).
 * Configure it with {@code configure(configs, isKey)} before use.
 */
public final class GenericAvroSerde extends TypedAvroSerde<GenericRecord> {

  /** For reflective construction ({@code default.value.serde}). */
  public GenericAvroSerde() {
    this(null);
  }

  /** Uses {@code client}, which the caller keeps ownership of. */
  public GenericAvroSerde(SchemaRegistryClient client) {
    super(GenericRecord.class, new KafkaAvroSerializer(client), new KafkaAvroDeserializer(client));
  }
}
