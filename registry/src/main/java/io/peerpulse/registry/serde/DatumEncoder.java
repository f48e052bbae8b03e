package io.peerpulse.registry.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificFixed;
import org.apache.avro.specific.SpecificRecord;

/** Encodes one datum as Avro binary; built once per (Java type, schema pair) and shared. */
@FunctionalInterface
interface DatumEncoder {

  void encode(Object datum, BinaryEncoder out) throws IOException;

  /**
   * An encoder writing values of {@code type}, whose own schema is {@code source}, in
   * {@code target}'s encoding. The two differ only with {@code use.latest.version}, when the
   * record must go out as the registry's latest schema: then the value is converted by Avro's
   * schema resolution (defaults filled in, removed fields dropped), which stays correct when
   * fields moved, where Confluent's positional write would mix fields up.
   */
  static DatumEncoder of(Class<?> type, Schema source, Schema target) {
    if (target.getType() == Schema.Type.BYTES && source.getType() == Schema.Type.BYTES) {
      return (datum, out) -> out.writeFixed(AvroData.rawBytes(datum));
    }
    DatumWriter<Object> sourceWriter = writerFor(type, source);
    if (source.equals(target)) {
      return sourceWriter::write;
    }
    GenericDatumReader<Object> resolver =
        new GenericDatumReader<>(source, target, GenericData.get());
    GenericDatumWriter<Object> targetWriter = new GenericDatumWriter<>(target, GenericData.get());
    return (datum, out) -> {
      ByteArrayOutputStream asSource = new ByteArrayOutputStream();
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(asSource, null);
      sourceWriter.write(datum, encoder);
      encoder.flush();
      Object asTarget = resolver.read(null,
          DecoderFactory.get().binaryDecoder(asSource.toByteArray(), null));
      targetWriter.write(asTarget, out);
    };
  }

  /** Generated classes carry their own data model (logical-type conversions included). */
  private static DatumWriter<Object> writerFor(Class<?> type, Schema schema) {
    boolean specific = SpecificRecord.class.isAssignableFrom(type) || type.isEnum()
        || SpecificFixed.class.isAssignableFrom(type);
    return specific ? new SpecificDatumWriter<>(schema, SpecificData.getForClass(type))
        : new GenericDatumWriter<>(schema, GenericData.get());
  }
}
