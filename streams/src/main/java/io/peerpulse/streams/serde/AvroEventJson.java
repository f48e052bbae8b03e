package io.peerpulse.streams.serde;

import io.peerpulse.event.Event;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * An {@link Event} in Avro's own JSON encoding, for internal topics and stores: exact (it is the
 * schema's encoding, so every field and logical type round-trips), readable with a console consumer,
 * and free of the registry (internal topics never change schema independently of the code).
 * Performance is a later concern; Avro binary would be the faster choice.
 */
final class AvroEventJson {

  private static final SpecificData MODEL = SpecificData.getForClass(Event.class);

  private AvroEventJson() {}

  static String write(Event event) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      JsonEncoder encoder = EncoderFactory.get().jsonEncoder(Event.getClassSchema(), out);
      new SpecificDatumWriter<Event>(Event.getClassSchema(), MODEL).write(event, encoder);
      encoder.flush();
      return out.toString(StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("encoding an event as Avro JSON", e);
    }
  }

  static Event read(String json) {
    try {
      return new SpecificDatumReader<Event>(Event.getClassSchema(), Event.getClassSchema(), MODEL)
          .read(null, DecoderFactory.get().jsonDecoder(Event.getClassSchema(), json));
    } catch (IOException e) {
      throw new UncheckedIOException("decoding an event from Avro JSON", e);
    }
  }
}
