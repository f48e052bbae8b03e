package io.peerpulse.streams.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** JSON serde of one internal type with {@link InternalJson}'s mapper; null stays null (tombstones). */
public final class JsonSerde<T> implements Serde<T> {

  private final String typeName;
  private final ObjectWriter writer;
  private final ObjectReader reader;

  private JsonSerde(JavaType type) {
    this.typeName = type.toCanonical();
    this.writer = InternalJson.mapper().writerFor(type);
    this.reader = InternalJson.mapper().readerFor(type);
  }

  public static <T> JsonSerde<T> of(Class<T> type) {
    return new JsonSerde<>(InternalJson.mapper().constructType(type));
  }

  public static <T> JsonSerde<T> of(TypeReference<T> type) {
    return new JsonSerde<>(InternalJson.mapper().constructType(type));
  }

  @Override
  public Serializer<T> serializer() {
    return (topic, value) -> {
      if (value == null) {
        return null;
      }
      try {
        return writer.writeValueAsBytes(value);
      } catch (JsonProcessingException e) {
        throw new SerializationException("cannot write " + typeName + " as JSON for " + topic, e);
      }
    };
  }

  @Override
  public Deserializer<T> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      try {
        return reader.readValue(bytes);
      } catch (IOException e) {
        throw new SerializationException("cannot read " + typeName + " from JSON of " + topic, e);
      }
    };
  }
}
