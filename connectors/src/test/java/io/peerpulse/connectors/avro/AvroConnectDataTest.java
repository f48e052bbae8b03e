package io.peerpulse.connectors.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.apache.avro.LogicalTypes;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/** Avro logical types as the Connect logical types sinks size their columns by (Debezium's JDBC sink). */
class AvroConnectDataTest {

  private final AvroConnectData data = new AvroConnectData();

  private static org.apache.avro.Schema decimal(int precision, int scale) {
    return LogicalTypes.decimal(precision, scale).addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES));
  }

  @Test
  void anAvroDecimalKeepsItsPrecisionInConfluentsParameterAndWritesBackWithIt() {
    Schema connect = data.toConnectSchema(decimal(10, 2));

    assertThat(connect.name()).isEqualTo(Decimal.LOGICAL_NAME);
    assertThat(connect.parameters()).containsEntry(Decimal.SCALE_FIELD, "2").containsEntry(AvroConnectData.DECIMAL_PRECISION, "10");
    assertThat(data.fromConnectSchema(connect).getLogicalType()).isEqualTo(LogicalTypes.decimal(10, 2));
  }

  @Test
  void theDefaultPrecisionHasNoParameterAsWithConfluentsAvroData() {
    Schema connect = data.toConnectSchema(decimal(AvroConnectData.DEFAULT_DECIMAL_PRECISION, 3));

    assertThat(connect.parameters()).doesNotContainKey(AvroConnectData.DECIMAL_PRECISION);
    assertThat(data.fromConnectSchema(connect).getLogicalType()).isEqualTo(LogicalTypes.decimal(AvroConnectData.DEFAULT_DECIMAL_PRECISION, 3));
    // a Connect decimal that never was Avro gets the default
    assertThat(data.fromConnectSchema(Decimal.schema(2)).getLogicalType()).isEqualTo(LogicalTypes.decimal(AvroConnectData.DEFAULT_DECIMAL_PRECISION, 2));
  }

  @Test
  void aRecordWithADecimalAndADateChangedByATransformStillWritesThemWithTheirPrecisionAndAsDate() {
    org.apache.avro.Schema avro = SchemaBuilder.record("Budget").namespace("io.peerpulse.test").fields()
        .name("amount").type(decimal(12, 2)).noDefault()
        .name("day").type(LogicalTypes.date().addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT))).noDefault()
        .endRecord();
    GenericData.Record record = new GenericData.Record(avro);
    record.put("amount", java.nio.ByteBuffer.wrap(new BigDecimal("1234.50").unscaledValue().toByteArray()));
    record.put("day", (int) LocalDate.of(2025, 1, 31).toEpochDay());

    Schema connect = data.toConnectSchema(avro);
    Struct struct = (Struct) data.toConnectData(connect, avro, record);
    assertThat(struct.get("amount")).isEqualTo(new BigDecimal("1234.50"));
    assertThat(struct.schema().field("day").schema().name()).isEqualTo(Date.LOGICAL_NAME);
    assertThat(struct.get("day")).isEqualTo(java.util.Date.from(LocalDate.of(2025, 1, 31).atStartOfDay(java.time.ZoneOffset.UTC).toInstant()));

    // without the original-schema parameter (as after a transform) the Avro schema is rebuilt from Connect's
    org.apache.kafka.connect.data.SchemaBuilder rebuilt = org.apache.kafka.connect.data.SchemaBuilder.struct().name(connect.name());
    connect.fields().forEach(f -> rebuilt.field(f.name(), f.schema()));
    org.apache.avro.Schema written = data.fromConnectSchema(rebuilt.build());
    assertThat(written.getField("amount").schema().getLogicalType()).isEqualTo(LogicalTypes.decimal(12, 2));
    assertThat(written.getField("day").schema().getLogicalType()).isEqualTo(LogicalTypes.date());
  }
}
