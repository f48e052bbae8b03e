package io.peerpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.app.ingest.IngestService;
import io.peerpulse.event.Contact;
import io.peerpulse.event.Event;
import io.peerpulse.mapping.Pseudonymiser;
import io.peerpulse.mapping.RegisterCsv;
import io.peerpulse.registry.serde.KafkaAvroSerializer;
import io.peerpulse.streams.topics.Topics;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code peerpulse ingest}: exit codes, report, key handling, with Kafka's MockProducer behind. */
class IngestCommandTest {

  private static final String KEY = "peerpulse-test-key-not-a-secret-0001";
  /** HMAC-SHA-256 of MRN-0042-7731 under KEY, computed with openssl and Python (PseudonymiserTest in mapping). */
  private static final String MRN_0042_7731 = "H2QSInrzypul4T29-ubcHb";
  private static final String ENROLLED = """
      {"event_id":"ulm-e-0001","type":"ENROLLED","site_id":"ulm","occurred_at":"2021-02-01","recorded_at":"2021-02-01T09:00:00Z","person_id":"p7Hq2","programme":"UPSIDES","arm":"INTERVENTION","setting":"OUTPATIENT"}""";
  private static final String REGISTER = """
      type,site_id,occurred_at,recorded_at,person_raw_ids,worker_id,worker_role,mode,duration_minutes,outcome
      CONTACT,ulm,2021-02-09,2021-03-01T10:00:00Z,MRN-0042-7731,w12,PSW,PHONE,20,ATTENDED
      """;

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
  private final String registryUrl = "mock://ingest-command-" + UUID.randomUUID();
  private final List<Map<String, String>> configs = new ArrayList<>();

  @Test
  void allAcceptedIsExitCodeZero() throws IOException {
    Path file = write("events.jsonl", ENROLLED + "\n" + ENROLLED.replace("ulm-e-0001", "ulm-e-0002") + "\n");

    assertThat(run(Map.of(), file.toString(), "--bootstrap-servers", "broker:9092")).isEqualTo(0);

    assertThat(out.toString()).contains("2 rows, 2 accepted").contains("0 rejected");
    assertThat(producer.history()).hasSize(2);
    assertThat(configs.get(0)).containsEntry("bootstrap.servers", "broker:9092");
  }

  @Test
  void someRejectedIsExitCodeOneWithCountsPerReasonAndLines() throws IOException {
    Path file = write("events.jsonl", ENROLLED + "\n{oops\n" + ENROLLED.replace("INTERVENTION", "BOTH") + "\n");

    assertThat(run(Map.of(), file.toString())).isEqualTo(1);

    assertThat(out.toString())
        .contains("3 rows, 1 accepted (written to peerpulse.events.v1), 2 rejected (written to peerpulse.events-dlq.v1)")
        .contains("rejected MALFORMED_JSON       1")
        .contains("rejected BAD_VALUE            1")
        .contains("line 3: BAD_VALUE arm: expected one of INTERVENTION, CONTROL, NONE, got \"BOTH\"");
  }

  @Test
  void theKeyComesFromTheEnvironmentAndIsNeverPassedOnOrPrinted() throws IOException {
    Path file = write("march.csv", REGISTER);

    assertThat(run(Map.of(Pseudonymiser.ENV_VARIABLE, KEY), file.toString())).isEqualTo(0);

    Event event = (Event) io.peerpulse.streams.topics.Topics.of(Map.of("schema.registry.url", registryUrl)).events()
        .valueSerde().deserializer().deserialize(Topics.EVENTS, producer.history().get(0).value());
    assertThat(((Contact) event.getPayload()).getPersonIds()).containsExactly(MRN_0042_7731);
    assertThat(configs.get(0)).doesNotContainKey("pseudonym.key").doesNotContainValue(KEY);
    assertThat(out.toString() + err).doesNotContain(KEY).doesNotContain("MRN-0042");
  }

  @Test
  void aKeyFileOverridesTheEnvironment() throws IOException {
    Path file = write("march.csv", REGISTER);
    Path keyFile = write("key", KEY + "\n");

    assertThat(run(Map.of(Pseudonymiser.ENV_VARIABLE, "another-key-of-enough-length"), file.toString(),
        "--pseudonym-key-file", keyFile.toString())).isEqualTo(0);

    assertThat(new String(producer.history().get(0).value(), StandardCharsets.ISO_8859_1)).contains(MRN_0042_7731);
  }

  @Test
  void usageErrorsAndRefusedFilesAreExitCodeTwoAndSendNothing() throws IOException {
    Path register = write("march.csv", REGISTER);
    Path text = write("events.txt", ENROLLED);
    Path shortKey = write("key", "short");

    assertThat(run(Map.of(), dir.resolve("missing.jsonl").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("missing.jsonl: no such readable file");
    assertThat(run(Map.of(), text.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("cannot tell the format from the file name");
    assertThat(run(Map.of(), register.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("refused: line 1: the register has raw identifier columns (person_raw_ids)")
        .doesNotContain("MRN-0042");
    assertThat(configs).as("no producer made for a refused register").isEmpty();
    assertThat(run(Map.of(), register.toString(), "--pseudonym-key-file", shortKey.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("expected at least 16 bytes, got 5").doesNotContain("short\n");
    assertThat(run(Map.of(), "--no-such-flag", text.toString())).isEqualTo(2);
    assertThat(producer.history()).isEmpty();
  }

  @Test
  void theFormatFlagOverridesTheExtension() throws IOException {
    Path text = write("events.txt", ENROLLED + "\n");

    assertThat(run(Map.of(), text.toString(), "--format", "json_lines")).isEqualTo(0);
    assertThat(producer.history()).hasSize(1);
  }

  @Test
  void kafkaUnavailableIsExitCodeThree() throws IOException {
    Path file = write("events.jsonl", ENROLLED + "\n");
    producer.sendException = new TimeoutException("not present in metadata");

    assertThat(run(Map.of(), file.toString())).isEqualTo(3);
    assertThat(err.toString()).contains("did not acknowledge the rows");
  }

  private int run(Map<String, String> environment, String... args) {
    IngestCommand command = new IngestCommand(environment, (config, pseudonymiser) -> service(config, pseudonymiser));
    CommandLine commandLine = new CommandLine(command).setCaseInsensitiveEnumValuesAllowed(true)
        .setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
    return commandLine.execute(args);
  }

  private IngestService service(Map<String, String> config, Optional<Pseudonymiser> pseudonymiser) {
    configs.add(config);
    KafkaAvroSerializer serializer = new KafkaAvroSerializer();
    serializer.configure(Map.of("schema.registry.url", registryUrl), false);
    return new IngestService(producer, serializer, RegisterCsv.of(pseudonymiser), Clock.systemUTC());
  }

  private Path write(String name, String content) throws IOException {
    return Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
  }
}
