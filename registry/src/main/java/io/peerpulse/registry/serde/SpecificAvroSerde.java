package io.peerpulse.registry.serde;

import io.peerpulse.registry.client.SchemaRegistryClient;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Serde of generated Avro classes for Kafka Streams (Confluent's {@code SpecificAvroSerde}).
 * Given the class, it reads every record into that class's schema, whichever writer version
 * produced it; without it, the class is found by the writer's record name. Configure it with
 * {@code configure(configs, isKey)} before use.
 */
public final class SpecificAvroSerde<T extends SpecificRecord> extends TypedAvroSerde<T> {

  /** For reflective construction ({@code default.value.serde}); records are read by name. */
  @SuppressWarnings("unchecked")
  public SpecificAvroSerde() {
    super((Class<T>) (Class<?>) SpecificRecord.class, new KafkaAvroSerializer(),
        new KafkaAvroDeserializer());
  }

  /** Reads every record as {@code type}; builds its registry client from configs. */
  public SpecificAvroSerde(Class<T> type) {
    this(type, null);
  }

  /** Reads every record as {@code type} through {@code client}, which the caller keeps. */
  public SpecificAvroSerde(Class<T> type, SchemaRegistryClient client) {
    super(type, new KafkaAvroSerializer(client),
        new KafkaAvroDeserializer(client, SpecificData.get().getSchema(type)));
  }

  @Override
  Map<String, ?> deserializerConfigs(Map<String, ?> configs) {
    Map<String, Object> withReader = new HashMap<>(configs);
    withReader.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, true);
    return withReader;
  }
}
