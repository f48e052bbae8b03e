package io.peerpulse.streams.serde;

import io.peerpulse.event.Event;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonDecoder;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * An {@link Event} in Avro's own JSON encoding, for internal topics and stores: exact (it is the
 * schema's encoding, so every field and logical type round-trips), readable with a console consumer,
 * and free of the registry (internal topics never change schema independently of the code).
 * Encoders and decoders are costly to build (each builds a grammar of the schema), so each thread
 * keeps one. Avro binary would be the faster choice when performance work starts.
 */
final class AvroEventJson {

  private static final SpecificData MODEL = SpecificData.getForClass(Event.class);
  private static final ThreadLocal<Writer> WRITERS = ThreadLocal.withInitial(Writer::new);
  private static final ThreadLocal<Reader> READERS = ThreadLocal.withInitial(Reader::new);

  private AvroEventJson() {}

  static String write(Event event) {
    return WRITERS.get().write(event);
  }

  static Event read(String json) {
    return READERS.get().read(json);
  }

  private static final class Writer {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    private final SpecificDatumWriter<Event> datumWriter = new SpecificDatumWriter<>(Event.getClassSchema(), MODEL);
    private final JsonEncoder encoder;

    Writer() {
      try {
        encoder = EncoderFactory.get().jsonEncoder(Event.getClassSchema(), out);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    String write(Event event) {
      try {
        out.reset();
        encoder.configure(out);
        datumWriter.write(event, encoder);
        encoder.flush();
        return out.toString(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("encoding an event as Avro JSON", e);
      }
    }
  }

  private static final class Reader {
    private final SpecificDatumReader<Event> datumReader =
        new SpecificDatumReader<>(Event.getClassSchema(), Event.getClassSchema(), MODEL);
    private final JsonDecoder decoder;

    Reader() {
      try {
        decoder = DecoderFactory.get().jsonDecoder(Event.getClassSchema(), "{}");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    Event read(String json) {
      try {
        decoder.configure(json);
        return datumReader.read(null, decoder);
      } catch (IOException e) {
        throw new UncheckedIOException("decoding an event from Avro JSON", e);
      }
    }
  }
}
