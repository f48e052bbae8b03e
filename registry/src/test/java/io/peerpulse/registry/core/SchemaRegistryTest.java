package io.peerpulse.registry.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerpulse.registry.core.StoreValue.SchemaValue;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The registry core without HTTP, as {@code mock://} clients use it. */
class SchemaRegistryTest {

  private static final String V1 =
      "{\"type\":\"record\",\"name\":\"E\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";
  private static final String V2 = "{\"type\":\"record\",\"name\":\"E\",\"fields\":["
      + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\",\"default\":0}]}";

  @Test
  void registersLooksUpAndReadsBack() {
    try (SchemaRegistry registry = SchemaRegistry.inMemory()) {
      int id = registry.register("s", V1, "AVRO", false);
      assertThat(registry.register("t", "  " + V1.replace(":", " : "), null, false)).isEqualTo(id);
      RegisteredSchema found = registry.lookup("t", V1, false);
      assertThat(found).isEqualTo(new RegisteredSchema("t", 1, id, "AVRO",
          new org.apache.avro.Schema.Parser().parse(V1).toString(), List.of(), false));
      assertThat(registry.schemaById(id).schema()).isEqualTo(found.schema());
      assertThat(registry.subjectsForId(id, false)).containsExactly("s", "t");
      assertThat(registry.versionsForId(id, false))
          .containsExactly(new SubjectVersion("s", 1), new SubjectVersion("t", 1));
      assertThat(registry.schemaTypes()).containsExactly("AVRO");
    }
  }

  @Test
  void errorsCarryConfluentsCodesAndNameTheProblem() {
    try (SchemaRegistry registry = SchemaRegistry.inMemory()) {
      assertThatThrownBy(() -> registry.version("nope", "1", false))
          .isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.httpStatus()).isEqualTo(404);
            assertThat(e.errorCode()).isEqualTo(40401);
            assertThat(e.getMessage()).contains("'nope'");
          });
      assertThatThrownBy(() -> registry.register("s", "{\"type\":\"nope\"}", "AVRO", false))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.errorCode()).isEqualTo(42201));
      assertThatThrownBy(() -> registry.register("s", V1, "PROTOBUF", false))
          .isInstanceOfSatisfying(RegistryException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(42201);
            assertThat(e.getMessage()).contains("PROTOBUF").contains("AVRO");
          });
      assertThatThrownBy(() -> registry.register(" ", V1, "AVRO", false))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.errorCode()).isEqualTo(42208));
      assertThatThrownBy(() -> CompatibilityLevel.parse("sideways"))
          .isInstanceOfSatisfying(RegistryException.class,
              e -> assertThat(e.errorCode()).isEqualTo(42203));
    }
  }

  @Test
  void compatibilityTestNamesTheIncompatibility() {
    try (SchemaRegistry registry = SchemaRegistry.inMemory()) {
      registry.register("s", V2, "AVRO", false);
      registry.updateConfig("s", CompatibilityLevel.FORWARD);
      CompatibilityResult result = registry.testCompatibility("s", "latest",
          SchemaInput.avro(V1.replace("string", "int")), false);
      assertThat(result.compatible()).isFalse();
      assertThat(String.join("\n", result.messages()))
          .contains("TYPE_MISMATCH").contains("oldSchemaVersion: 1").contains("FORWARD");
      assertThat(registry.testCompatibility("s", null, SchemaInput.avro(V1), false).compatible())
          .as("forward: the old reader fills b from its default").isTrue();
    }
  }

  /**
   * Another instance wins the version this one is about to write: the registry notices, repairs
   * the key so compaction keeps the winner, and retries on the next version.
   */
  @Test
  void aWriterThatLosesARaceRepairsTheKeyAndRetries() {
    RacingStore store = new RacingStore();
    try (SchemaRegistry registry = new SchemaRegistry(store)) {
      registry.updateConfig(CompatibilityLevel.NONE); // the rival's schema is unrelated to ours
      int id = registry.register("s", V1, "AVRO", false);

      SchemaValue rival = store.rival;
      assertThat(id).isNotEqualTo(rival.id());
      assertThat(registry.version("s", "1", false).id()).isEqualTo(rival.id());
      assertThat(registry.version("s", "2", false).id()).isEqualTo(id);
      assertThat(store.appended).filteredOn(r -> r.key().keyType() == StoreKey.KeyType.SCHEMA)
          .extracting(StoreRecord::value).containsExactly(
          // first attempt: version 1 and id 1, both just taken by the rival
          new SchemaValue("s", 1, 1, "AVRO", canonical(V1), List.of(), false),
          rival, // the repair: the winner written again, last for its key
          new SchemaValue("s", 2, rival.id() + 1, "AVRO", canonical(V1), List.of(), false));
    }
  }

  private static String canonical(String schema) {
    return new org.apache.avro.Schema.Parser().parse(schema).toString();
  }

  private record StoreRecord(StoreKey key, StoreValue value) {
  }

  /** Delivers a rival's record for the same key just before this instance's first write. */
  private static final class RacingStore implements SchemaStore {
    private Listener listener;
    private final List<StoreRecord> appended = new ArrayList<>();
    private SchemaValue rival;

    @Override
    public void start(Listener newListener) {
      listener = newListener;
    }

    @Override
    public void append(StoreKey key, StoreValue value) {
      if (rival == null && key.keyType() == StoreKey.KeyType.SCHEMA) {
        rival = new SchemaValue(key.subject(), key.version(), 1, "AVRO", "\"long\"", List.of(),
            false);
        listener.onRecord(key, rival);
      }
      appended.add(new StoreRecord(key, value));
      listener.onRecord(key, value);
    }

    @Override
    public void sync() {
    }

    @Override
    public void close() {
    }
  }
}
