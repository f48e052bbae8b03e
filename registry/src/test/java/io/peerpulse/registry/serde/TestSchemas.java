package io.peerpulse.registry.serde;

import io.peerpulse.registry.testdata.Greeting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/** Schemas shared by the serde tests. */
final class TestSchemas {

  /** Greeting version 1: name, n. */
  static final Schema GREETING_V1 = load("/avro/greeting-v1.avsc");
  /** Greeting version 2: version 1 plus an optional note; the generated {@link Greeting}. */
  static final Schema GREETING_V2 = Greeting.getClassSchema();

  private TestSchemas() {
  }

  static GenericRecord v1(String name, int n) {
    GenericRecord record = new GenericData.Record(GREETING_V1);
    record.put("name", name);
    record.put("n", n);
    return record;
  }

  static GenericRecord v2(String name, int n, String note) {
    GenericRecord record = new GenericData.Record(GREETING_V2);
    record.put("name", name);
    record.put("n", n);
    record.put("note", note);
    return record;
  }

  static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }

  private static Schema load(String resource) {
    try (InputStream in = TestSchemas.class.getResourceAsStream(resource)) {
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
