package io.peerpulse.registry.serde;

import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A {@link Serde} of one Java type over the untyped Avro serializer and deserializer; the base
 * of {@link GenericAvroSerde} and {@link SpecificAvroSerde}.
 */
abstract class TypedAvroSerde<T> implements Serde<T> {

  private final Class<T> type;
  private final KafkaAvroSerializer serializer;
  private final KafkaAvroDeserializer deserializer;

  TypedAvroSerde(Class<T> type, KafkaAvroSerializer serializer,
      KafkaAvroDeserializer deserializer) {
    this.type = type;
    this.serializer = serializer;
    this.deserializer = deserializer;
  }

  /** The configs the deserializer needs on top of the caller's (the specific reader flag). */
  Map<String, ?> deserializerConfigs(Map<String, ?> configs) {
    return configs;
  }

  @Override
  public void configure(Map<String, ?> configs, boolean isKey) {
    serializer.configure(configs, isKey);
    deserializer.configure(deserializerConfigs(configs), isKey);
  }

  @Override
  public void close() {
    serializer.close();
    deserializer.close();
  }

  @Override
  public Serializer<T> serializer() {
    return new Serializer<>() {
      @Override
      public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
      }

      @Override
      public byte[] serialize(String topic, T data) {
        return serializer.serialize(topic, data);
      }

      @Override
      public void close() {
        serializer.close();
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return new Deserializer<>() {
      @Override
      public void configure(Map<String, ?> configs, boolean isKey) {
        deserializer.configure(deserializerConfigs(configs), isKey);
      }

      @Override
      public T deserialize(String topic, byte[] data) {
        Object value = deserializer.deserialize(topic, data);
        if (value == null || type.isInstance(value)) {
          return type.cast(value);
        }
        throw new SerializationException("Expected a " + type.getName() + " on topic " + topic
            + " but the writer schema gives a " + value.getClass().getName());
      }

      @Override
      public void close() {
        deserializer.close();
      }
    };
  }
}
