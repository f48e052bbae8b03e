package io.peerpulse.connectors.source;

import io.peerpulse.mapping.DeadLetterHeaders;
import io.peerpulse.connectors.Version;
import io.peerpulse.connectors.avro.AvroConverter;
import io.peerpulse.connectors.source.RegisterDirectory.Claim;
import io.peerpulse.mapping.Reason;
import io.peerpulse.mapping.RegisterCsv;
import io.peerpulse.mapping.RegisterException;
import io.peerpulse.mapping.RegisterRow;
import io.peerpulse.mapping.Rejection;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the rows of claimed registers: accepted rows as events (key {@code site_id}, value the
 * {@link io.peerpulse.event.Event} as a Connect struct, {@link EventStructs}), rejected rows to the
 * dead-letter topic (value the row's text with identifiers masked, headers reason, field, message,
 * file name and line).
 *
 * <p>Every record's source partition is {@code {file: <claim name>}} and its offset
 * {@code {line: <line>}}. A restarted task reopens its unfinished claims and skips the lines at
 * or below the committed offset: with {@code exactly.once.source.support=enabled} records and
 * offsets commit in one transaction, so nothing is lost or repeated; without it (at least once) a
 * crash may repeat the rows after the last committed offset, which keep their event ids (given or
 * derived from content), so the streams application counts them once.
 *
 * <p>A register moves to finished only when the producer acknowledged every one of its records
 * ({@link #commitRecord}), so a crash before that leaves it in processing to be resumed, never
 * in finished with rows missing. A register refused as a whole (no or a wrong header, raw
 * identifiers without a key, not UTF-8, empty) or broken off mid-file (bad CSV) sends one dead
 * letter naming the file and why, then moves to error the same way. Logs carry file names and
 * counts, never rows or identifiers.
 */
public final class RegisterSourceTask extends SourceTask {

  static final String PARTITION_FILE = "file";
  static final String OFFSET_LINE = "line";

  private static final Logger LOG = LoggerFactory.getLogger(RegisterSourceTask.class);

  private final Clock clock;
  private RegisterSourceConfig config;
  private RegisterDirectory directory;
  private RegisterCsv layout;
  private OpenRegister current;
  /** Registers fully read, by claim name, until all their records are acknowledged. */
  private final Map<String, Progress> reading = new ConcurrentHashMap<>();
  /** Registers whose records are all acknowledged; moved by the polling thread. */
  private final Queue<Progress> done = new ConcurrentLinkedQueue<>();
  private CountDownLatch stopping = new CountDownLatch(1);

  public RegisterSourceTask() {
    this(Clock.systemUTC());
  }

  RegisterSourceTask(Clock clock) {
    this.clock = clock;
  }

  /** Records sent and acknowledged for one claimed register; the counts are touched by the producer's thread. */
  private static final class Progress {
    final Claim claim;
    final AtomicLong sent = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    volatile boolean allSent;
    volatile String failure;
    /** Refused at its header: nothing but its dead letter was sent. */
    boolean refusedWhole;
    long accepted;
    long rejected;

    Progress(Claim claim) {
      this.claim = claim;
    }

    boolean complete() {
      return allSent && acknowledged.get() == sent.get();
    }
  }

  /** The register being read: its rows, its file and where reading resumes. */
  private record OpenRegister(Progress progress, RegisterCsv.Rows rows, Utf8File source, long resumeAfterLine) {}

  @Override
  public void start(Map<String, String> props) {
    config = new RegisterSourceConfig(props);
    directory = RegisterDirectory.of(config);
    directory.prepare();
    layout = RegisterCsv.of(config.pseudonymiser());
    stopping = new CountDownLatch(1);
    LOG.info("Register source task {} of {} watching {}", config.taskIndex(), config.taskCount(), config.inputDir());
  }

  @Override
  public List<SourceRecord> poll() throws InterruptedException {
    moveDone();
    if (current == null) {
      List<SourceRecord> refusals = new ArrayList<>();
      current = openNext(refusals);
      if (!refusals.isEmpty()) {
        return refusals; // the register opened meanwhile, if any, is read by the next poll
      }
      if (current == null) {
        stopping.await(config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        return null;
      }
    }
    return read(current);
  }

  /** Synchronized with {@link #stop}, which the worker calls from another thread and which closes the reader. */
  private synchronized List<SourceRecord> read(OpenRegister register) {
    List<SourceRecord> records = new ArrayList<>();
    Progress progress = register.progress();
    boolean ended = false;
    try {
      while (records.size() < config.batchSize() && register.rows().hasNext()) {
        RegisterRow row = register.rows().next();
        if (row.line() <= register.resumeAfterLine()) {
          continue; // sent before a restart
        }
        records.add(row.isAccepted() ? event(progress, row) : deadLetter(progress, row));
      }
      ended = !register.rows().hasNext();
    } catch (RegisterException e) {
      // broken CSV from some line on: the rows before it are sent, the register goes to error
      RegisterException why = register.source().explain(e);
      progress.failure = why.getMessage();
      if (why.line() > register.resumeAfterLine()) { // not sent before a restart
        records.add(refusal(progress, why, "broke off; the rows before this line were sent"));
      }
      ended = true;
    }
    progress.sent.addAndGet(records.size());
    if (ended) {
      register.rows().close();
      current = null;
      // only now: an acknowledgement of an earlier batch must not see the register complete too early
      progress.allSent = true;
      if (progress.complete()) {
        done.add(progress);
      }
    }
    return records;
  }

  private SourceRecord event(Progress progress, RegisterRow row) {
    progress.accepted++;
    var event = row.event();
    return new SourceRecord(partition(progress.claim), offset(row.line()), config.topic(), null,
        Schema.STRING_SCHEMA, event.getSiteId(), EventStructs.SCHEMA, EventStructs.toStruct(event));
  }

  private SourceRecord deadLetter(Progress progress, RegisterRow row) {
    progress.rejected++;
    Rejection rejection = row.rejection();
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString(DeadLetterHeaders.REASON, rejection.reason().name());
    if (rejection.field() != null) {
      headers.addString(DeadLetterHeaders.FIELD, rejection.field());
    }
    headers.addString(DeadLetterHeaders.MESSAGE, rejection.message());
    headers.addString(DeadLetterHeaders.SOURCE_NAME, progress.claim.originalName());
    headers.addString(DeadLetterHeaders.SOURCE_LINE, Long.toString(row.line()));
    headers.addString(DeadLetterHeaders.REJECTED_AT, Instant.now(clock).toString());
    byte[] text = row.deadLetterText().getBytes(StandardCharsets.UTF_8);
    return new SourceRecord(partition(progress.claim), offset(row.line()), config.dlqTopic(), null,
        Schema.OPTIONAL_STRING_SCHEMA, null, AvroConverter.RAW_BYTES_SCHEMA, text, null, headers);
  }

  /**
   * The one dead letter of a register refused as a whole (or from some line on): headers as for a
   * row, reason {@code SCHEMA_VIOLATION} (the file does not follow the register layout), the kind of
   * refusal in the message. The value is the message too, never the file's content: a refused
   * register may hold raw identifiers, and those must never enter a topic. The file stays in error.
   */
  private SourceRecord refusal(Progress progress, RegisterException why, String what) {
    String message = "register " + what + " (" + why.kind() + "), moved to the error directory: " + why.getMessage()
        + (why.kind() == RegisterException.Kind.RAW_IDENTIFIERS_WITHOUT_KEY
            ? " (the register source connector's key is its " + RegisterSourceConfig.PSEUDONYM_KEY + " setting)" : "");
    ConnectHeaders headers = new ConnectHeaders();
    headers.addString(DeadLetterHeaders.REASON, Reason.SCHEMA_VIOLATION.name());
    headers.addString(DeadLetterHeaders.MESSAGE, message);
    headers.addString(DeadLetterHeaders.SOURCE_NAME, progress.claim.originalName());
    headers.addString(DeadLetterHeaders.SOURCE_LINE, Long.toString(why.line()));
    headers.addString(DeadLetterHeaders.REJECTED_AT, Instant.now(clock).toString());
    return new SourceRecord(partition(progress.claim), offset(why.line()), config.dlqTopic(), null,
        Schema.OPTIONAL_STRING_SCHEMA, null, AvroConverter.RAW_BYTES_SCHEMA, message.getBytes(StandardCharsets.UTF_8), null,
        headers);
  }

  static Map<String, String> partition(Claim claim) {
    return Map.of(PARTITION_FILE, claim.claimName());
  }

  private static Map<String, Long> offset(long line) {
    return Map.of(OFFSET_LINE, line);
  }

  /**
   * Resumes an unfinished claim of this task, else claims a new register; null when there is none.
   * Registers refused as a whole on the way add their dead letter to {@code refusals}.
   */
  private OpenRegister openNext(List<SourceRecord> refusals) {
    while (true) {
      Claim claim = directory.unfinished(config.taskIndex(), config.taskCount(), reading.keySet())
          .or(() -> directory.claimNext(config.taskIndex()))
          .orElse(null);
      if (claim == null) {
        return null;
      }
      OpenRegister register = open(claim, refusals);
      if (register != null) {
        return register;
      }
    }
  }

  private OpenRegister open(Claim claim, List<SourceRecord> refusals) {
    long resumeAfter = committedLine(claim);
    Progress progress = new Progress(claim);
    Utf8File source = Utf8File.open(claim.path());
    try {
      RegisterCsv.Rows rows = layout.open(source);
      reading.put(claim.claimName(), progress);
      if (resumeAfter > 0) {
        LOG.info("Resuming register {} after line {}", claim.originalName(), resumeAfter);
      }
      return new OpenRegister(progress, rows, source, resumeAfter);
    } catch (RegisterException e) {
      // the message names line, column and what was expected, never cell values
      RegisterException why = source.explain(e);
      if (resumeAfter >= why.line()) {
        directory.fail(claim, why.getMessage()); // its dead letter was sent before a restart
        LOG.warn("Register {} refused as a whole ({}), moved to the error directory", claim.originalName(), why.kind());
        return null;
      }
      // moved to error once the dead letter is acknowledged, as a finished register is
      progress.failure = why.getMessage();
      progress.refusedWhole = true;
      reading.put(claim.claimName(), progress);
      refusals.add(refusal(progress, why, "refused as a whole"));
      progress.sent.incrementAndGet();
      progress.allSent = true;
      return null;
    }
  }

  private long committedLine(Claim claim) {
    if (context == null || context.offsetStorageReader() == null) {
      return 0;
    }
    Map<String, Object> offset = context.offsetStorageReader().offset(partition(claim));
    Object line = offset == null ? null : offset.get(OFFSET_LINE);
    return line instanceof Number number ? number.longValue() : 0;
  }

  /** Called by the worker once a record is acknowledged (or dropped by a transform or error tolerance). */
  @Override
  public void commitRecord(SourceRecord record, RecordMetadata metadata) {
    Object file = record.sourcePartition().get(PARTITION_FILE);
    Progress progress = file == null ? null : reading.get(file.toString());
    if (progress != null) {
      progress.acknowledged.incrementAndGet();
      if (progress.complete()) {
        done.add(progress);
      }
    }
  }

  private void moveDone() {
    Progress progress;
    while ((progress = done.poll()) != null) {
      if (reading.remove(progress.claim.claimName()) == null) {
        continue; // queued twice (last ack and end of reading raced); moved already
      }
      if (progress.failure == null) {
        directory.finish(progress.claim);
        LOG.info("Register {} finished: {} events, {} rejected rows", progress.claim.originalName(), progress.accepted,
            progress.rejected);
      } else if (progress.refusedWhole) {
        directory.fail(progress.claim, progress.failure);
        LOG.warn("Register {} refused as a whole, moved to the error directory; one dead letter says why",
            progress.claim.originalName());
      } else {
        directory.fail(progress.claim, progress.failure);
        LOG.warn("Register {} broke off ({} events, {} rejected rows before), moved to the error directory",
            progress.claim.originalName(), progress.accepted, progress.rejected);
      }
    }
  }

  @Override
  public void stop() {
    stopping.countDown();
    synchronized (this) {
      OpenRegister open = current;
      if (open != null) {
        open.rows().close();
      }
    }
  }

  @Override
  public String version() {
    return Version.get();
  }
}
