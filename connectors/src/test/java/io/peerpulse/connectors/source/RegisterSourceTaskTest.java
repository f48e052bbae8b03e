package io.peerpulse.connectors.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.mapping.DeadLetterHeaders;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegisterSourceTaskTest {

  static final String HEADER = "type,event_id,site_id,occurred_at,recorded_at,person_id,programme,arm,setting,planned_days\n";

  /** Five rows; line 4 (arm missing) and line 6 (bad date) are rejected. Rows have no event_id: ids are derived. */
  static final String REGISTER = HEADER
      + "ENROLLED,,ulm,2021-02-01,2021-02-01T09:00:00Z,p1,UPSIDES,CONTROL,COMMUNITY,\n"
      + "ENROLLED,,ulm,2021-02-02,2021-02-02T09:00:00Z,p2,UPSIDES,INTERVENTION,COMMUNITY,90\n"
      + "ENROLLED,,ulm,2021-02-03,2021-02-03T09:00:00Z,p3,UPSIDES,,COMMUNITY,90\n"
      + "ENROLLED,,santiago,2021-02-04,2021-02-04T09:00:00Z,p4,UPSIDES,CONTROL,INPATIENT,\n"
      + "ENROLLED,,ulm,2021-13-05,2021-02-05T09:00:00Z,p5,UPSIDES,CONTROL,COMMUNITY,\n";

  @TempDir Path dir;
  private final List<RegisterSourceTask> tasks = new ArrayList<>();
  /** What a worker committed: partition -> offset, as the offset store would hold it. */
  private final Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>();

  @AfterEach
  void stop() {
    tasks.forEach(RegisterSourceTask::stop);
  }

  private RegisterSourceTask task(int index, int count, int batchSize) {
    RegisterSourceTask task = new RegisterSourceTask(Clock.fixed(Instant.parse("2021-03-01T00:00:00Z"), ZoneOffset.UTC));
    task.initialize(new SourceTaskContext() {
      @Override
      public Map<String, String> configs() {
        return Map.of();
      }

      @Override
      public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
        return null;
      }

      @Override
      public OffsetStorageReader offsetStorageReader() {
        return new OffsetStorageReader() {
          @Override
          public <T> Map<String, Object> offset(Map<String, T> partition) {
            return committed.get(new HashMap<String, Object>(partition));
          }

          @Override
          public <T> Map<Map<String, T>, Map<String, Object>> offsets(java.util.Collection<Map<String, T>> partitions) {
            throw new UnsupportedOperationException();
          }
        };
      }
    });
    task.start(Map.of(RegisterSourceConfig.INPUT_DIR, dir.toString(), RegisterSourceConfig.POLL_INTERVAL_MS, "10",
        RegisterSourceConfig.BATCH_SIZE, Integer.toString(batchSize),
        RegisterSourceConfig.TASK_INDEX, Integer.toString(index), RegisterSourceConfig.TASK_COUNT, Integer.toString(count)));
    tasks.add(task);
    return task;
  }

  /** Acknowledges and commits the records as a worker does after the producer's callback and an offset flush. */
  private void acknowledge(RegisterSourceTask task, List<SourceRecord> records) {
    for (SourceRecord record : records) {
      task.commitRecord(record, null);
      committed.put(new HashMap<>(record.sourcePartition()), new HashMap<>(record.sourceOffset()));
    }
  }

  private List<SourceRecord> drain(RegisterSourceTask task) throws InterruptedException {
    List<SourceRecord> all = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      List<SourceRecord> batch = task.poll();
      if (batch != null) {
        acknowledge(task, batch);
        all.addAll(batch);
      } else if (!all.isEmpty() || i > 2) {
        task.poll(); // lets the task move finished registers
        return all;
      }
    }
    return all;
  }

  private void drop(String name, String text) throws IOException {
    Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  private List<String> files(String sub) throws IOException {
    try (Stream<Path> files = Files.list(dir.resolve(sub))) {
      return files.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void acceptedRowsBecomeEventsKeyedBySiteAndRejectedRowsDeadLettersWithReasonFileAndLine() throws Exception {
    drop("feb.csv", REGISTER);
    RegisterSourceTask task = task(0, 1, 500);

    List<SourceRecord> records = drain(task);

    List<SourceRecord> events = records.stream().filter(r -> r.topic().equals("peerpulse.events.v1")).toList();
    List<SourceRecord> dead = records.stream().filter(r -> r.topic().equals("peerpulse.events-dlq.v1")).toList();
    assertThat(events).extracting(SourceRecord::key).containsExactly("ulm", "ulm", "santiago");
    assertThat(events).extracting(r -> ((Struct) r.value()).getString("event_id")).allMatch(id -> id.matches("reg-[A-Za-z0-9_-]{22}"));
    assertThat(((Struct) events.get(1).value()).getStruct("payload").getStruct("Enrolled").getInt32("planned_days")).isEqualTo(90);
    assertThat(events.stream().map(r -> (Object) r.sourceOffset().get("line")).toList()).containsExactly(2L, 3L, 5L);
    assertThat(dead).extracting(r -> r.headers().lastWithName(DeadLetterHeaders.SOURCE_LINE).value()).containsExactly("4", "6");
    assertThat(dead).extracting(r -> r.headers().lastWithName(DeadLetterHeaders.REASON).value())
        .containsExactly("MISSING_FIELD", "BAD_TIMESTAMP");
    assertThat(dead).allSatisfy(r -> {
      assertThat(r.headers().lastWithName(DeadLetterHeaders.SOURCE_NAME).value()).isEqualTo("feb.csv");
      assertThat(new String((byte[]) r.value(), StandardCharsets.UTF_8)).doesNotContain("p3").doesNotContain("p5");
    });
    assertThat(files("finished")).singleElement().asString().matches("t0-[0-9a-f]{12}__feb\\.csv");
    assertThat(files("processing")).isEmpty();
  }

  @Test
  void aTaskStoppedMidFileResumesAfterTheCommittedLineWithNothingMissingOrRepeated() throws Exception {
    drop("feb.csv", REGISTER);
    RegisterSourceTask first = task(0, 1, 2);
    List<SourceRecord> firstBatch = first.poll();
    acknowledge(first, firstBatch);
    List<SourceRecord> unacknowledged = first.poll(); // sent, but the worker died before committing
    assertThat(unacknowledged).hasSize(2);
    first.stop();
    assertThat(files("processing")).hasSize(1);

    RegisterSourceTask second = task(0, 1, 2);
    List<SourceRecord> rest = drain(second);

    List<Object> lines = new ArrayList<>();
    firstBatch.forEach(r -> lines.add(r.sourceOffset().get("line")));
    rest.forEach(r -> lines.add(r.sourceOffset().get("line")));
    assertThat(lines).containsExactly(2L, 3L, 4L, 5L, 6L);
    assertThat(files("finished")).hasSize(1);
  }

  @Test
  void aRegisterIsFinishedOnlyOnceEveryRecordIsAcknowledged() throws Exception {
    drop("feb.csv", REGISTER);
    RegisterSourceTask task = task(0, 1, 500);
    List<SourceRecord> records = task.poll();
    assertThat(task.poll()).isNull();
    assertThat(files("finished")).as("nothing acknowledged yet").isEmpty();
    acknowledge(task, records);
    task.poll();
    assertThat(files("finished")).hasSize(1);
  }

  @Test
  void theSameRegisterUploadedTwiceGivesTheSameEventIds() throws Exception {
    RegisterSourceTask task = task(0, 1, 500);
    drop("feb.csv", REGISTER);
    List<SourceRecord> once = drain(task);
    drop("feb.csv", REGISTER);
    List<SourceRecord> twice = drain(task);

    assertThat(twice).extracting(RegisterSourceTaskTest::eventId).isEqualTo(once.stream().map(RegisterSourceTaskTest::eventId).toList());
    assertThat(files("finished")).hasSize(2);
  }

  private static String eventId(SourceRecord record) {
    return record.value() instanceof Struct struct ? struct.getString("event_id") : "dlq:" + record.sourceOffset().get("line");
  }

  @Test
  void tasksSharingTheDirectoryEachClaimDifferentRegisters() throws Exception {
    for (int i = 0; i < 6; i++) {
      drop("r" + i + ".csv", REGISTER.replace("UPSIDES", "UPSIDES" + i));
    }
    RegisterSourceTask a = task(0, 2, 500);
    RegisterSourceTask b = task(1, 2, 500);
    List<SourceRecord> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      for (RegisterSourceTask task : List.of(a, b)) {
        List<SourceRecord> batch = task.poll();
        if (batch != null) {
          acknowledge(task, batch);
          all.addAll(batch);
        }
      }
    }
    a.poll();
    b.poll();
    assertThat(all).hasSize(6 * 5);
    assertThat(all.stream().map(r -> r.sourcePartition().get("file")).distinct()).hasSize(6);
    assertThat(files("finished")).hasSize(6).anyMatch(n -> n.startsWith("t0-")).anyMatch(n -> n.startsWith("t1-"));
  }

  @Test
  void registersRefusedAsAWholeGoToErrorWithTheReasonAndOneDeadLetterEachNamingFileAndReason() throws Exception {
    drop("a-bad.csv", "type,event_id,site,occurred_at\nENROLLED,e1,ulm,2021-02-01\n");
    drop("b-raw.csv", "type,event_id,site_id,occurred_at,recorded_at,person_raw_id,reason\n"
        + "EXITED,x1,ulm,2021-02-01,2021-02-01T09:00:00Z,MRN-0042-7731,COMPLETED\n");
    drop("c-empty.csv", "");
    drop("d-headless.csv", "ENROLLED,e1,ulm,2021-02-01,2021-02-01T09:00:00Z,p1,UPSIDES,CONTROL,COMMUNITY,\n");
    // "Müller" in Latin-1: 0xFC is not UTF-8
    byte[] latin1 = (HEADER + "ENROLLED,e1,ulm,2021-02-01,2021-02-01T09:00:00Z,M\u00fcller,UPSIDES,CONTROL,COMMUNITY,\n")
        .getBytes(StandardCharsets.ISO_8859_1);
    Files.write(dir.resolve("e-latin1.csv"), latin1);
    RegisterSourceTask task = task(0, 1, 500);

    List<SourceRecord> dead = drain(task);

    assertThat(dead).allSatisfy(r -> {
      assertThat(r.topic()).isEqualTo("peerpulse.events-dlq.v1");
      assertThat(header(r, DeadLetterHeaders.REASON)).isEqualTo("SCHEMA_VIOLATION");
      assertThat(header(r, DeadLetterHeaders.SOURCE_LINE)).isEqualTo("1");
      // the file's cells never reach the topic: neither the raw id nor the headless row's person
      assertThat(new String((byte[]) r.value(), StandardCharsets.UTF_8)).isEqualTo(header(r, DeadLetterHeaders.MESSAGE))
          .doesNotContain("MRN-0042").doesNotContain("p1,").doesNotContain("ller");
    });
    Map<String, String> messageByFile = new java.util.TreeMap<>();
    dead.forEach(r -> messageByFile.put(header(r, DeadLetterHeaders.SOURCE_NAME), header(r, DeadLetterHeaders.MESSAGE)));
    assertThat(messageByFile).containsOnlyKeys("a-bad.csv", "b-raw.csv", "c-empty.csv", "d-headless.csv", "e-latin1.csv");
    assertThat(dead).hasSize(5);
    assertThat(messageByFile.get("a-bad.csv")).contains("(BAD_HEADER)").contains("\"site\": not a register column");
    assertThat(messageByFile.get("b-raw.csv")).contains("(RAW_IDENTIFIERS_WITHOUT_KEY)").contains("no pseudonym key");
    assertThat(messageByFile.get("c-empty.csv")).contains("(BAD_HEADER)").contains("got an empty register");
    assertThat(messageByFile.get("d-headless.csv")).contains("(BAD_HEADER)").contains("\"ENROLLED\": not a register column");
    assertThat(messageByFile.get("e-latin1.csv")).contains("(CSV_SYNTAX)").contains("not UTF-8 text");

    List<String> errors = files("error");
    assertThat(errors).hasSize(10);
    String why = Files.readString(dir.resolve("error").resolve(errors.stream().filter(n -> n.endsWith("b-raw.csv.error.txt")).findFirst().orElseThrow()));
    assertThat(why).contains("no pseudonym key");
    assertThat(files("processing")).isEmpty();
    assertThat(files("finished")).isEmpty();
  }

  @Test
  void aRefusedRegisterStaysInProcessingUntilItsDeadLetterIsAcknowledgedAndIsNotRefusedTwiceAfterARestart() throws Exception {
    drop("bad.csv", "type,event_id,site,occurred_at\n");
    RegisterSourceTask first = task(0, 1, 500);
    List<SourceRecord> dead = first.poll();
    assertThat(dead).hasSize(1);
    first.poll();
    assertThat(files("processing")).as("not acknowledged yet").hasSize(1);
    assertThat(files("error")).isEmpty();
    acknowledge(first, dead); // committed, but the task stops before it moves the file
    first.stop();

    RegisterSourceTask second = task(0, 1, 500);
    assertThat(drain(second)).as("the dead letter was committed before the restart").isEmpty();
    assertThat(files("error")).hasSize(2);
    assertThat(files("processing")).isEmpty();
  }

  @Test
  void aRegisterBrokenOffMidFileSendsTheRowsBeforeAndOneDeadLetterAtTheBreak() throws Exception {
    drop("broken.csv", REGISTER + "ENROLLED,,ulm,\"2021-02-06,2021-02-06T09:00:00Z,p6,UPSIDES,CONTROL,COMMUNITY,\n");
    RegisterSourceTask task = task(0, 1, 500);

    List<SourceRecord> records = drain(task);

    assertThat(records).hasSize(6);
    SourceRecord last = records.get(5);
    assertThat(last.topic()).isEqualTo("peerpulse.events-dlq.v1");
    assertThat(header(last, DeadLetterHeaders.MESSAGE)).contains("broke off").contains("(CSV_SYNTAX)");
    assertThat(Long.parseLong(header(last, DeadLetterHeaders.SOURCE_LINE))).isGreaterThanOrEqualTo(7);
    assertThat(files("error")).hasSize(2);
  }

  private static String header(SourceRecord record, String name) {
    var header = record.headers().lastWithName(name);
    return header == null ? null : (String) header.value();
  }

  @Test
  void rawIdentifierColumnsArePseudonymisedWithTheConfiguredKey() throws Exception {
    drop("raw.csv", "type,event_id,site_id,occurred_at,recorded_at,person_raw_id,reason\n"
        + "EXITED,x1,ulm,2021-02-01,2021-02-01T09:00:00Z,MRN-0042-7731,COMPLETED\n");
    RegisterSourceTask task = new RegisterSourceTask();
    tasks.add(task);
    task.start(Map.of(RegisterSourceConfig.INPUT_DIR, dir.toString(), RegisterSourceConfig.PSEUDONYM_KEY,
        "peerpulse-test-key-not-a-secret-0001"));
    List<SourceRecord> records = task.poll();
    assertThat(((Struct) records.get(0).value()).getStruct("payload").getStruct("Exited").getString("person_id"))
        .isEqualTo("H2QSInrzypul4T29-ubcHb");
  }
}
