package io.peerpulse.registry.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.registry.core.StoreValue.ClearSubjectValue;
import io.peerpulse.registry.core.StoreValue.DeleteSubjectValue;
import io.peerpulse.registry.core.StoreValue.SchemaValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the log's records build the state, and how conflicting records are settled by log order. */
class RegistryStateTest {

  private final RegistryState state = new RegistryState();

  private static SchemaValue schema(String subject, int version, int id, String text) {
    return new SchemaValue(subject, version, id, "AVRO", text, List.of(), false);
  }

  private void put(SchemaValue value) {
    state.apply(StoreKey.schema(value.subject(), value.version()), value);
  }

  @Test
  void aLaterRecordForAnOccupiedVersionLoses() {
    put(schema("s", 1, 1, "\"int\""));
    put(schema("s", 1, 2, "\"long\""));
    assertThat(state.version("s", 1)).contains(schema("s", 1, 1, "\"int\""));
    assertThat(state.schemaById(2)).isEmpty();
    assertThat(state.maxId()).as("the losing id stays burnt").isEqualTo(2);
  }

  @Test
  void aLaterRecordReusingAnIdForAnotherSchemaLoses() {
    put(schema("a", 1, 5, "\"int\""));
    put(schema("b", 1, 5, "\"long\""));
    assertThat(state.versions("b", true)).isEmpty();
    assertThat(state.schemaById(5).orElseThrow().schema()).isEqualTo("\"int\"");
  }

  @Test
  void aLaterRecordGivingAKnownSchemaAnotherIdLoses() {
    put(schema("a", 1, 5, "\"int\""));
    put(schema("b", 1, 6, "\"int\""));
    assertThat(state.versions("b", true)).isEmpty();
    put(schema("b", 1, 5, "\"int\""));
    assertThat(state.usesOfId(5, false)).hasSize(2);
  }

  @Test
  void theSameRecordWithDeletedSetIsASoftDelete() {
    put(schema("s", 1, 1, "\"int\""));
    put(schema("s", 1, 1, "\"int\"").withDeleted(true));
    assertThat(state.versions("s", false)).isEmpty();
    assertThat(state.versions("s", true)).hasSize(1);
    assertThat(state.subjects(false)).isEmpty();
    assertThat(state.subjects(true)).containsExactly("s");
  }

  @Test
  void deleteSubjectSoftDeletesUpToItsVersionAndClearSubjectDropsDeletedOnes() {
    put(schema("s", 1, 1, "\"int\""));
    put(schema("s", 2, 2, "\"long\""));
    state.apply(StoreKey.deleteSubject("s"), new DeleteSubjectValue("s", 1));
    assertThat(state.versions("s", false)).extracting(SchemaValue::version).containsExactly(2);
    state.apply(StoreKey.clearSubject("s"), new ClearSubjectValue("s"));
    assertThat(state.versions("s", true)).extracting(SchemaValue::version).containsExactly(2);
    assertThat(state.schemaById(1)).isEmpty();
  }

  @Test
  void aTombstoneRemovesTheVersionAndFreesTheIdOnlyWhenUnused() {
    put(schema("a", 1, 1, "\"int\""));
    put(schema("b", 1, 1, "\"int\""));
    state.apply(StoreKey.schema("a", 1), null);
    assertThat(state.schemaById(1)).isPresent();
    state.apply(StoreKey.schema("b", 1), null);
    assertThat(state.schemaById(1)).isEmpty();
    assertThat(state.idOf(schema("x", 1, 1, "\"int\"").identity())).isEmpty();
    assertThat(state.maxId()).isEqualTo(1);
  }

  @Test
  void configAndModeTombstonesRemoveTheSetting() {
    state.apply(StoreKey.config(null), new StoreValue.ConfigValue(null, CompatibilityLevel.FULL));
    state.apply(StoreKey.config("s"), new StoreValue.ConfigValue("s", CompatibilityLevel.NONE));
    state.apply(StoreKey.mode("s"), new StoreValue.ModeValue("s", Mode.READONLY));
    assertThat(state.globalConfig()).contains(CompatibilityLevel.FULL);
    assertThat(state.subjectConfig("s")).contains(CompatibilityLevel.NONE);
    assertThat(state.subjectMode("s")).contains(Mode.READONLY);
    state.apply(StoreKey.config("s"), null);
    state.apply(StoreKey.mode("s"), null);
    state.apply(StoreKey.config(null), null);
    assertThat(state.subjectConfig("s")).isEmpty();
    assertThat(state.subjectMode("s")).isEmpty();
    assertThat(state.globalConfig()).isEmpty();
  }
}
