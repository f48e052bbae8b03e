package io.peerpulse.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.event.Enrolled;
import io.peerpulse.event.Event;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The mapping's field lists must follow the Avro schema, so a schema change cannot go unnoticed here. */
class EventTypeTest {

  @ParameterizedTest
  @EnumSource(EventType.class)
  void payloadFieldsAreTheAvroFieldsInSchemaOrder(EventType type) {
    Schema schema = SpecificData.get().getSchema(type.payloadClass());
    assertThat(type.payloadFields()).isEqualTo(schema.getFields().stream().map(Schema.Field::name).toList());
  }

  @Test
  void everyPayloadBranchHasAType() {
    List<String> branches = Event.getClassSchema().getField("payload").schema().getTypes().stream()
        .map(Schema::getFullName).toList();
    assertThat(List.of(EventType.values())).extracting(type -> type.payloadClass().getName())
        .containsExactlyElementsOf(branches);
  }

  @Test
  void envelopeFieldsAreTheAvroFieldsPlusType() {
    List<String> avro = Event.getClassSchema().getFields().stream().map(Schema.Field::name)
        .filter(name -> !name.equals("payload")).toList();
    assertThat(Fields.ENVELOPE).containsExactlyInAnyOrderElementsOf(
        java.util.stream.Stream.concat(avro.stream(), java.util.stream.Stream.of("type")).toList());
  }

  @Test
  void plannedDaysDefaultComesFromTheSchema() {
    assertThat(EventReader.DEFAULT_PLANNED_DAYS).isEqualTo(182);
    assertThat(new Enrolled().getSchema().getField("planned_days").defaultVal()).isEqualTo(182);
  }

  @Test
  void jsonNamesAreTheEnumNames() {
    assertThat(EventType.fromJsonName("WORKER_STATUS")).contains(EventType.WORKER_STATUS);
    assertThat(EventType.fromJsonName("worker_status")).isEmpty();
  }
}
