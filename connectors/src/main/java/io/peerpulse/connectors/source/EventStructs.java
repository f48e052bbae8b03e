package io.peerpulse.connectors.source;

import io.peerpulse.connectors.avro.AvroConnectData;
import io.peerpulse.event.Event;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Events as Connect structs: the Avro schema of {@link Event} in Connect form (payload union as
 * Confluent's union struct), so the {@link io.peerpulse.connectors.avro.AvroConverter} writes
 * exactly the schema a Java producer of {@code Event} registers, and any other converter (JSON,
 * Confluent's Avro) can write it too.
 */
public final class EventStructs {

  private static final AvroConnectData DATA = new AvroConnectData();
  public static final Schema SCHEMA = DATA.toConnectSchema(Event.getClassSchema());

  private EventStructs() {
  }

  public static Struct toStruct(Event event) {
    return (Struct) DATA.toConnectData(SCHEMA, Event.getClassSchema(), event);
  }
}
