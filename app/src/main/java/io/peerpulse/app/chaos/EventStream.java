package io.peerpulse.app.chaos;

import io.peerpulse.app.generate.GeneratedLine;
import io.peerpulse.app.ingest.IngestFormat;
import io.peerpulse.app.ingest.IngestResult;
import io.peerpulse.app.ingest.IngestService;
import io.peerpulse.app.ingest.RowResult;
import io.peerpulse.event.Event;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.ParseResult;
import io.peerpulse.streams.topics.Topics;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The producer of the campaign: streams generated events at a steady rate through the ingest, as
 * services send them, with the malformed flood mixed in ({@link BadRow}: JSON rows through the
 * ingest, Avro records straight to the events topic). It keeps what the checks need: every event
 * on the events topic in topic order per site (the reference's input file), and every bad record
 * with the reason it must be dead-lettered with.
 *
 * <p>Order: a batch goes through the ingest and is acknowledged before the batch's Avro records
 * are sent and acknowledged, and those before the next batch, so a site's events (one partition)
 * are on the topic in the order of the reference's file, and a conflicting duplicate comes after
 * its original.
 */
final class EventStream {

  /** Batches per second when throttled: small batches keep the stream steady. */
  private static final int BATCHES_PER_SECOND = 10;
  private static final int UNTHROTTLED_BATCH = 500;
  private static final List<BadRow> ROTATION = BadRow.rotation();

  /** What was sent. */
  /**
   * @param validEvents generated events sent
   * @param eventsOnTopic events put on the events topic that the reference sees: the generated ones,
   *     conflicting duplicates and orphan voids
   */
  record Sent(long validEvents, long eventsOnTopic, Map<BadRow, Long> badRows, List<DeadLetterAudit.Expected> expected,
      List<String> problems, double seconds) {

    long badRowCount() {
      return badRows.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final ChaosSettings settings;
  private final Iterator<GeneratedLine> lines;
  private final IngestService ingest;
  private final Producer<String, byte[]> producer;
  private final Serializer<Object> avro;
  private final Path acceptedFile;
  private final SplittableRandom random;
  private final AtomicLong validSent = new AtomicLong();

  private final Map<BadRow, Long> badRows = new EnumMap<>(BadRow.class);
  private final List<DeadLetterAudit.Expected> expected = new ArrayList<>();
  private final List<String> problems = new ArrayList<>();
  private long eventsOnTopic;
  private long badSequence;
  private int nextKind;

  /**
   * @param producer writes the Avro kinds to the events topic (idempotent, acks=all)
   * @param avro the events' value serializer (Confluent wire format)
   * @param acceptedFile receives every event put on the events topic, in order (the reference's input)
   */
  EventStream(ChaosSettings settings, Iterator<GeneratedLine> lines, IngestService ingest, Producer<String, byte[]> producer,
      Serializer<Object> avro, Path acceptedFile) {
    this.settings = settings;
    this.lines = lines;
    this.ingest = ingest;
    this.producer = producer;
    this.avro = avro;
    this.acceptedFile = acceptedFile;
    this.random = new SplittableRandom(settings.seed());
  }

  /** Valid events sent so far (read from other threads for progress). */
  long validSent() {
    return validSent.get();
  }

  /** Sends {@code settings.events()} valid events (fewer if the generator runs out) and the bad records among them. */
  Sent run() throws InterruptedException {
    long start = System.nanoTime();
    int batchSize = settings.rate() == 0 ? UNTHROTTLED_BATCH : Math.max(1, settings.rate() / BATCHES_PER_SECOND);
    long batch = 0;
    try (BufferedWriter accepted = Files.newBufferedWriter(acceptedFile, StandardCharsets.UTF_8)) {
      while (validSent.get() < settings.events() && lines.hasNext()) {
        pace(start);
        sendBatch(++batch, (int) Math.min(batchSize, settings.events() - validSent.get()), accepted);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + acceptedFile, e);
    }
    return new Sent(validSent.get(), eventsOnTopic, new EnumMap<>(badRows), List.copyOf(expected), List.copyOf(problems), (System.nanoTime() - start) / 1e9);
  }

  /** Waits until the rate allows the next batch. */
  private void pace(long start) throws InterruptedException {
    if (settings.rate() == 0) {
      return;
    }
    long due = start + (long) (validSent.get() * 1e9 / settings.rate());
    long wait = due - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
  }

  private record AvroRow(BadRow kind, Event source, long number) {}

  private void sendBatch(long batch, int size, BufferedWriter accepted) throws IOException, InterruptedException {
    String sourceName = "chaos batch " + batch;
    StringBuilder text = new StringBuilder();
    List<String> rows = new ArrayList<>();
    List<BadRow> kinds = new ArrayList<>(); // null: a generated row
    List<AvroRow> avroRows = new ArrayList<>();
    int valid = 0;
    while (valid < size && lines.hasNext()) {
      String line = lines.next().json();
      rows.add(line);
      kinds.add(null);
      valid++;
      if (random.nextDouble() < settings.malformedFraction()
          && EventJson.parse(line) instanceof ParseResult.Accepted source) {
        BadRow kind = ROTATION.get(nextKind);
        if (!kind.appliesTo(source.event())) {
          continue; // this kind waits for an event it can be made from
        }
        nextKind = (nextKind + 1) % ROTATION.size();
        long number = ++badSequence;
        badRows.merge(kind, 1L, Long::sum);
        if (kind.isJson()) {
          rows.add(kind.jsonRow(line, number));
          kinds.add(kind);
        } else {
          avroRows.add(new AvroRow(kind, source.event(), number));
        }
      }
    }
    rows.forEach(row -> text.append(row).append('\n'));
    IngestResult result = ingest.ingest(text.toString(), IngestFormat.JSON_LINES, sourceName);
    List<RowResult> results = result.rows();
    for (int i = 0; i < results.size(); i++) {
      RowResult row = results.get(i);
      BadRow kind = kinds.get(i);
      String identity = "ingest " + sourceName + "#" + row.line();
      if (row.isAccepted()) {
        eventsOnTopic++;
        accepted.write(rows.get(i));
        accepted.newLine();
        if (kind != null) {
          problems.add(identity + ": a " + kind + " row was accepted by the ingest");
        }
      } else {
        expected.add(new DeadLetterAudit.Expected(identity, kind != null ? kind.reason() : row.reason()));
        if (kind == null) {
          problems.add(identity + ": a generated row was rejected as " + row.reason());
        }
      }
    }
    validSent.addAndGet(valid);
    sendAvro(avroRows, accepted);
  }

  /** Writes the Avro kinds to the events topic and waits for them, noting their offsets. */
  private void sendAvro(List<AvroRow> rows, BufferedWriter accepted) throws IOException, InterruptedException {
    List<Future<RecordMetadata>> sends = new ArrayList<>();
    for (AvroRow row : rows) {
      byte[] value;
      if (row.kind() == BadRow.TRUNCATED_AVRO || row.kind() == BadRow.UNKNOWN_SCHEMA_ID) {
        value = row.kind().corruptBytes(avro.serialize(Topics.EVENTS, row.source()));
      } else {
        Event event = row.kind().event(row.source(), row.number());
        value = avro.serialize(Topics.EVENTS, event);
        if (row.kind().entersReference()) {
          accepted.write(BadRow.canonical(event));
          accepted.newLine();
          eventsOnTopic++;
        }
      }
      sends.add(producer.send(new ProducerRecord<>(Topics.EVENTS, null, row.source().getRecordedAt().toEpochMilli(),
          row.source().getSiteId(), value)));
    }
    for (int i = 0; i < rows.size(); i++) {
      RecordMetadata sent;
      try {
        sent = sends.get(i).get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("Kafka did not take a " + rows.get(i).kind() + " record: " + e.getCause(), e);
      }
      if (rows.get(i).kind() != BadRow.ORPHAN_VOID) { // expected only as one of the voids whose target never came
        expected.add(new DeadLetterAudit.Expected(identity(sent.partition(), sent.offset()), rows.get(i).kind().reason()));
      }
    }
  }

  /** How the audit knows an events-topic record the streams application dead-lettered. */
  static String identity(int partition, long offset) {
    return "events " + partition + "@" + offset;
  }
}
