package io.peerpulse.connectors.transforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PseudonymiseTest {

  /** The test key of mapping's PseudonymiserTest, with its vectors computed by openssl and Python. */
  private static final String KEY = "peerpulse-test-key-not-a-secret-0001";
  private static final String MRN = "MRN-0042-7731";
  private static final String MRN_PSEUDONYM = "H2QSInrzypul4T29-ubcHb";
  private static final String W17_PSEUDONYM = "BrXR6VD8TaKvCeyK_MGgXl";
  private static final String ZOE_PSEUDONYM = "fJ-u6IlemcdhRlVrXfZBGg";

  private final Pseudonymise<SourceRecord> transform = new Pseudonymise.Value<>();

  @AfterEach
  void close() {
    transform.close();
  }

  private static Map<String, Object> settings(String fields, String key) {
    Map<String, Object> settings = new HashMap<>();
    settings.put("fields", fields);
    if (key != null) {
      settings.put("key", key);
    }
    return settings;
  }

  private static SourceRecord record(Schema schema, Object value) {
    return new SourceRecord(Map.of(), Map.of(), "t", null, Schema.STRING_SCHEMA, "ulm", schema, value);
  }

  @Test
  void replacesNestedFieldsAndArrayElementsWithTheFixedHmacVectors() {
    transform.configure(settings("person_id,person_ids,worker_id", KEY));
    Schema payload = SchemaBuilder.struct().name("Contact")
        .field("person_ids", SchemaBuilder.array(Schema.STRING_SCHEMA).build())
        .field("worker_id", Schema.STRING_SCHEMA)
        .field("mode", Schema.STRING_SCHEMA).build();
    Schema event = SchemaBuilder.struct().name("Event")
        .field("site_id", Schema.STRING_SCHEMA)
        .field("person_id", Schema.OPTIONAL_STRING_SCHEMA)
        .field("payload", payload).build();
    Struct value = new Struct(event).put("site_id", "ulm").put("person_id", null)
        .put("payload", new Struct(payload).put("person_ids", List.of(MRN, "Zoë Ångström")).put("worker_id", "W-17").put("mode", "GROUP"));

    SourceRecord out = transform.apply(record(event, value));

    Struct result = (Struct) out.value();
    assertThat(result.getString("site_id")).isEqualTo("ulm");
    assertThat(result.getString("person_id")).isNull();
    assertThat(result.getStruct("payload").getArray("person_ids")).containsExactly(MRN_PSEUDONYM, ZOE_PSEUDONYM);
    assertThat(result.getStruct("payload").getString("worker_id")).isEqualTo(W17_PSEUDONYM);
    assertThat(result.getStruct("payload").getString("mode")).isEqualTo("GROUP");
    assertThat(out.valueSchema()).isEqualTo(event);
    assertThat(out.key()).isEqualTo("ulm");
    assertThat(value.getStruct("payload").getString("worker_id")).as("the input is not changed").isEqualTo("W-17");
  }

  @Test
  void schemalessMapsToo() {
    transform.configure(settings("person_id", KEY));
    SourceRecord out = transform.apply(record(null, Map.of("person_id", MRN, "site_id", "ulm")));
    assertThat(out.value()).isEqualTo(Map.of("person_id", MRN_PSEUDONYM, "site_id", "ulm"));
  }

  @Test
  void theKeyTransformWorksOnKeys() {
    Pseudonymise<SourceRecord> keys = new Pseudonymise.Key<>();
    keys.configure(settings("person_id", KEY));
    SourceRecord in = new SourceRecord(Map.of(), Map.of(), "t", null, null, Map.of("person_id", "W-17"), null, "v");
    assertThat(keys.apply(in).key()).isEqualTo(Map.of("person_id", W17_PSEUDONYM));
  }

  @Test
  void refusesToStartWithoutAKeyOrWithAnEmptyOrShortOneAndNeverEchoesIt() {
    assertThatThrownBy(() -> new Pseudonymise.Value<SourceRecord>().configure(settings("person_id", null)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("no key configured");
    assertThatThrownBy(() -> new Pseudonymise.Value<SourceRecord>().configure(settings("person_id", "  ")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("key is empty");
    String shortKey = "short-secret-k";
    assertThatThrownBy(() -> new Pseudonymise.Value<SourceRecord>().configure(settings("person_id", shortKey)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("expected at least 16 bytes")
        .message().doesNotContain(shortKey);
    assertThat(Pseudonymise.CONFIG_DEF.configKeys().get("key").type).isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
  }

  @Test
  void aNonStringIdentifierIsRefusedWithoutShowingTheValue() {
    transform.configure(settings("person_id", KEY));
    assertThatThrownBy(() -> transform.apply(record(null, Map.of("person_id", 4242))))
        .hasMessage("Pseudonymise: field person_id: expected a string or an array of strings, got a Integer")
        .message().doesNotContain("4242").doesNotContain(KEY);
    assertThat(transform.toString()).doesNotContain(KEY);
  }
}
