package io.peerpulse.app.ingest;

import io.peerpulse.event.Event;
import io.peerpulse.mapping.DeadLetterHeaders;
import io.peerpulse.mapping.ParseResult;
import io.peerpulse.mapping.Pseudonymiser;
import io.peerpulse.mapping.Reason;
import io.peerpulse.mapping.RegisterCsv;
import io.peerpulse.mapping.RegisterException;
import io.peerpulse.mapping.Rejection;
import io.peerpulse.registry.serde.KafkaAvroSerializer;
import io.peerpulse.streams.intake.DeadLetters;
import io.peerpulse.streams.metrics.PipelineMetrics;
import io.peerpulse.streams.topics.Topics;
import java.io.BufferedReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest for services (issue 6): validates every row of an input with the shared mapping
 * ({@link io.peerpulse.mapping.EventJson}, {@link RegisterCsv}), writes accepted events to
 * {@value Topics#EVENTS} (Avro in the Confluent wire format, key site_id, timestamp recorded_at)
 * and rejected rows to {@value Topics#EVENTS_DLQ}, and answers per row. It waits until Kafka has
 * acknowledged every record of a batch (idempotent producer, {@code acks=all}) before it reports
 * the batch, so "accepted" means "on the topic".
 *
 * <p>Dead letters carry the reason headers of {@link DeadLetters} ({@code peerpulse.reason},
 * {@code peerpulse.field}, {@code peerpulse.message}, {@code peerpulse.rejected.at}); instead of a
 * source topic, partition and offset (there are none) they name where the row came from in
 * {@value #SOURCE_NAME} ({@code http /v1/events}, {@code file events.jsonl}) and
 * {@value #SOURCE_LINE}. The key is null; the value is the row's JSON with identifier values
 * redacted ({@link io.peerpulse.mapping.EventJson#redactedText}), empty when there is none.
 *
 * <p>Logs carry counts only, never rows, identifiers or messages. Thread-safe: requests share one
 * producer.
 */
public final class IngestService implements AutoCloseable {

  /** Dead-letter header: where the rejected row came from (an HTTP path or a file name). */
  public static final String SOURCE_NAME = DeadLetterHeaders.SOURCE_NAME;
  /** Dead-letter header: the row's line ({@link InputRow#line()}). */
  public static final String SOURCE_LINE = DeadLetterHeaders.SOURCE_LINE;
  /** Rows sent before waiting for acknowledgements when the input is streamed (CLI). */
  public static final int DEFAULT_BATCH_ROWS = 10_000;

  private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

  private final Producer<String, byte[]> producer;
  private final Serializer<Object> eventSerializer;
  private final RegisterCsv registers;
  private final Clock clock;
  private final AutoCloseable[] owned;
  private final PipelineMetrics metrics;

  /**
   * @param producer writes both topics; owned by the caller unless made by {@link #create}
   * @param eventSerializer Avro serializer for {@link Event} values (configured for values)
   * @param registers the CSV layout, with or without a pseudonym key
   */
  public IngestService(Producer<String, byte[]> producer, Serializer<Object> eventSerializer, RegisterCsv registers,
      Clock clock) {
    this(producer, eventSerializer, registers, clock, new AutoCloseable[0], PipelineMetrics.NOOP);
  }

  /** As {@link #IngestService(Producer, Serializer, RegisterCsv, Clock)}, counting accepted and rejected rows in {@code metrics}. */
  public IngestService(Producer<String, byte[]> producer, Serializer<Object> eventSerializer, RegisterCsv registers,
      Clock clock, PipelineMetrics metrics) {
    this(producer, eventSerializer, registers, clock, new AutoCloseable[0], metrics);
  }

  private IngestService(Producer<String, byte[]> producer, Serializer<Object> eventSerializer, RegisterCsv registers,
      Clock clock, AutoCloseable[] owned, PipelineMetrics metrics) {
    this.producer = Objects.requireNonNull(producer, "producer");
    this.eventSerializer = Objects.requireNonNull(eventSerializer, "eventSerializer");
    this.registers = Objects.requireNonNull(registers, "registers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.owned = owned;
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * A service with its own producer and serializer, closed with it.
   *
   * @param config producer keys ({@code bootstrap.servers}, ...) and serde keys
   *     ({@code schema.registry.url}, ...) in one map; other keys are ignored. The ingest defaults
   *     of {@link #producerDefaults()} apply unless given, except that idempotence and
   *     {@code acks=all} are always on.
   * @param pseudonymiser the key for raw identifier columns of registers, if configured
   */
  public static IngestService create(Map<String, ?> config, Optional<Pseudonymiser> pseudonymiser) {
    return create(config, pseudonymiser, PipelineMetrics.NOOP, producer -> () -> { });
  }

  /**
   * As {@link #create(Map, Optional)}, counting accepted and rejected rows in {@code metrics} and
   * binding the producer's client metrics with {@code clientMetrics} (what it returns is closed
   * before the producer).
   */
  public static IngestService create(Map<String, ?> config, Optional<Pseudonymiser> pseudonymiser, PipelineMetrics metrics,
      Function<? super Producer<String, byte[]>, ? extends AutoCloseable> clientMetrics) {
    Map<String, Object> producerConfig = new HashMap<>(producerDefaults());
    Set<String> producerKeys = ProducerConfig.configNames();
    config.forEach((key, value) -> {
      if (producerKeys.contains(key)) {
        producerConfig.put(key, value);
      }
    });
    producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
    KafkaAvroSerializer serializer = new KafkaAvroSerializer();
    Map<String, Object> serdeConfig = new HashMap<>(config);
    serdeConfig.remove(PSEUDONYM_KEY);
    serializer.configure(serdeConfig, false);
    KafkaProducer<String, byte[]> producer;
    try {
      producer = new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer());
    } catch (KafkaException e) {
      serializer.close();
      throw e;
    }
    AutoCloseable producerMetrics = clientMetrics.apply(producer);
    return new IngestService(producer, serializer, RegisterCsv.of(pseudonymiser), Clock.systemUTC(),
        new AutoCloseable[] {producerMetrics, producer, serializer}, metrics);
  }

  /** A configuration key that must never reach Kafka's clients (they log their configs). */
  private static final String PSEUDONYM_KEY = "pseudonym.key";

  /**
   * Producer settings of the ingest unless configured otherwise: a request fails within about
   * 30 s when Kafka is down (503) instead of Kafka's 60 s to 2 min, and batches are small so an
   * HTTP answer is not delayed.
   */
  public static Map<String, Object> producerDefaults() {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9092");
    defaults.put(ProducerConfig.CLIENT_ID_CONFIG, "peerpulse-ingest");
    defaults.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    defaults.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    defaults.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    defaults.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
    defaults.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    return defaults;
  }

  /**
   * Reads a whole input held in memory (an HTTP body): every row is read and validated before
   * anything is sent, so a refused input leaves no trace on the topics.
   *
   * @param sourceName where the input came from, for dead-letter headers and logs
   * @throws InputRefusedException when the input as a whole cannot be read
   * @throws IngestUnavailableException when Kafka or the registry did not take the rows
   */
  public IngestResult ingest(String text, IngestFormat format, String sourceName) {
    List<InputRow> rows = read(text, format);
    List<RowResult> results = new ArrayList<>(rows.size());
    send(rows.iterator(), Integer.MAX_VALUE, sourceName, results::add);
    IngestResult result = new IngestResult(results);
    log(sourceName, result.rows().size(), result.accepted(), result.rejectedByReason());
    return result;
  }

  /**
   * Streams a large input (a file): rows are sent in batches of {@code batchRows}, each
   * acknowledged before its results are passed on, so memory stays constant.
   *
   * @throws InputRefusedException when the header is wrong (nothing sent) or the CSV breaks off
   *     (the batches before it were sent; their results have been passed on)
   */
  public Counts ingest(Reader reader, IngestFormat format, String sourceName, int batchRows, Consumer<RowResult> results) {
    Counts counts = new Counts();
    Consumer<RowResult> counting = result -> {
      counts.add(result);
      results.accept(result);
    };
    boolean done = false;
    try {
      if (format == IngestFormat.CSV) {
        try (RegisterCsv.Rows rows = openRegister(reader)) {
          send(new Iterator<>() {
            @Override
            public boolean hasNext() {
              return registerHasNext(rows);
            }

            @Override
            public InputRow next() {
              return InputRow.of(rows.next());
            }
          }, batchRows, sourceName, counting);
        }
      } else if (format == IngestFormat.JSON_LINES) {
        send(JsonInput.lines(new BufferedReader(reader)), batchRows, sourceName, counting);
      } else {
        String text = new BufferedReader(reader).lines().reduce(new StringBuilder(),
            (all, line) -> all.append(line).append('\n'), StringBuilder::append).toString();
        send(JsonInput.rows(text, format).iterator(), batchRows, sourceName, counting);
      }
      done = true;
    } finally {
      if (done || counts.rows() > 0) {
        log(sourceName, counts.rows(), counts.accepted(), counts.rejectedByReason());
      }
    }
    return counts;
  }

  /** Running totals of a streamed input. */
  public static final class Counts {
    private long rows;
    private long accepted;
    private final Map<Reason, Long> rejected = new EnumMap<>(Reason.class);

    private void add(RowResult result) {
      rows++;
      if (result.isAccepted()) {
        accepted++;
      } else {
        rejected.merge(result.reason(), 1L, Long::sum);
      }
    }

    public long rows() {
      return rows;
    }

    public long accepted() {
      return accepted;
    }

    public long rejected() {
      return rows - accepted;
    }

    public Map<Reason, Long> rejectedByReason() {
      return Collections.unmodifiableMap(new EnumMap<>(rejected));
    }
  }

  private List<InputRow> read(String text, IngestFormat format) {
    if (format != IngestFormat.CSV) {
      return JsonInput.rows(text, format);
    }
    List<InputRow> rows = new ArrayList<>();
    try (RegisterCsv.Rows register = openRegister(new StringReader(text))) {
      while (registerHasNext(register)) {
        rows.add(InputRow.of(register.next()));
      }
    }
    return rows;
  }

  private RegisterCsv.Rows openRegister(Reader reader) {
    try {
      return registers.open(reader);
    } catch (RegisterException e) {
      throw refused(e);
    }
  }

  private static boolean registerHasNext(RegisterCsv.Rows rows) {
    try {
      return rows.hasNext();
    } catch (RegisterException e) {
      throw refused(e);
    }
  }

  private static InputRefusedException refused(RegisterException e) {
    String code = switch (e.kind()) {
      case BAD_HEADER -> "BAD_REGISTER_HEADER";
      case RAW_IDENTIFIERS_WITHOUT_KEY -> "RAW_IDENTIFIERS_WITHOUT_KEY";
      case CSV_SYNTAX -> "UNREADABLE_BODY";
    };
    return new InputRefusedException(code, e.line(), e.getMessage());
  }

  /** Sends the rows batch by batch; after each batch is acknowledged, its results go to {@code results}. */
  private void send(Iterator<InputRow> rows, int batchRows, String sourceName, Consumer<RowResult> results) {
    List<InputRow> batch = new ArrayList<>();
    while (rows.hasNext()) {
      batch.add(rows.next());
      if (batch.size() >= batchRows) {
        sendBatch(batch, sourceName).forEach(results);
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      sendBatch(batch, sourceName).forEach(results);
    }
  }

  private List<RowResult> sendBatch(List<InputRow> batch, String sourceName) {
    List<Future<RecordMetadata>> sends = new ArrayList<>(batch.size());
    List<RowResult> results = new ArrayList<>(batch.size());
    try {
      for (InputRow row : batch) {
        if (row.result() instanceof ParseResult.Accepted accepted) {
          sends.add(producer.send(eventRecord(accepted.event())));
          results.add(RowResult.accepted(row.line()));
        } else {
          Rejection rejection = (Rejection) row.result();
          sends.add(producer.send(deadLetter(row, rejection, sourceName)));
          results.add(RowResult.rejected(row.line(), rejection));
        }
      }
      producer.flush();
      for (Future<RecordMetadata> send : sends) {
        send.get();
      }
      count(results);
    } catch (ExecutionException e) {
      throw unavailable(e.getCause());
    } catch (KafkaException e) {
      // SerializationException (registry unreachable), TimeoutException (no metadata), ...
      throw unavailable(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IngestUnavailableException("interrupted while waiting for Kafka to acknowledge the rows", e);
    }
    return results;
  }

  /** Counted once Kafka acknowledged the batch: "accepted" means on the topic, as in the answer. */
  private void count(List<RowResult> results) {
    long accepted = 0;
    for (RowResult result : results) {
      if (result.isAccepted()) {
        accepted++;
      } else {
        metrics.eventRejected(PipelineMetrics.Source.INGEST, result.reason());
      }
    }
    metrics.eventsAccepted(PipelineMetrics.Source.INGEST, accepted);
  }

  private ProducerRecord<String, byte[]> eventRecord(Event event) {
    byte[] value = eventSerializer.serialize(Topics.EVENTS, event);
    return new ProducerRecord<>(Topics.EVENTS, null, event.getRecordedAt().toEpochMilli(), event.getSiteId(), value);
  }

  private ProducerRecord<String, byte[]> deadLetter(InputRow row, Rejection rejection, String sourceName) {
    RecordHeaders headers = new RecordHeaders();
    header(headers, DeadLetters.REASON, rejection.reason().name());
    if (rejection.field() != null) {
      header(headers, DeadLetters.FIELD, rejection.field());
    }
    header(headers, DeadLetters.MESSAGE, rejection.message());
    header(headers, SOURCE_NAME, sourceName);
    header(headers, SOURCE_LINE, Long.toString(row.line()));
    header(headers, DeadLetters.REJECTED_AT, Instant.now(clock).toString());
    return new ProducerRecord<>(Topics.EVENTS_DLQ, null, null, null,
        row.deadLetterText().getBytes(StandardCharsets.UTF_8), headers);
  }

  private static void header(RecordHeaders headers, String key, String value) {
    headers.add(key, value.getBytes(StandardCharsets.UTF_8));
  }

  private static IngestUnavailableException unavailable(Throwable cause) {
    LOG.warn("Kafka or the schema registry did not take an ingest batch: {}", cause.getClass().getSimpleName());
    return new IngestUnavailableException("Kafka or the schema registry did not acknowledge the rows in time ("
        + cause.getClass().getSimpleName() + "); send the whole input again later: rows already written count once", cause);
  }

  private static void log(String sourceName, long rows, long accepted, Map<Reason, Long> rejected) {
    LOG.info("Ingest from {}: {} rows, {} accepted, {} rejected {}", sourceName, rows, accepted,
        rows - accepted, rejected.isEmpty() ? "" : rejected);
  }

  @Override
  public void close() {
    for (AutoCloseable closeable : owned) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.warn("Closing {} of the ingest service failed: {}", closeable.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
