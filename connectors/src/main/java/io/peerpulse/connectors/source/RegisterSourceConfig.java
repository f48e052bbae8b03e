package io.peerpulse.connectors.source;

import io.peerpulse.mapping.Pseudonymiser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** Settings of {@link RegisterSourceConnector} and its tasks; see connectors/README.md for the table. */
public final class RegisterSourceConfig extends AbstractConfig {

  public static final String INPUT_DIR = "input.dir";
  public static final String PROCESSING_DIR = "processing.dir";
  public static final String FINISHED_DIR = "finished.dir";
  public static final String ERROR_DIR = "error.dir";
  public static final String FILE_PATTERN = "input.file.pattern";
  public static final String TOPIC = "topic";
  public static final String DLQ_TOPIC = "dlq.topic";
  public static final String BATCH_SIZE = "batch.size";
  public static final String POLL_INTERVAL_MS = "poll.interval.ms";
  public static final String PSEUDONYM_KEY = "pseudonym.key";
  /** Set by the connector for each task: its index and the number of tasks. */
  public static final String TASK_INDEX = "task.index";
  public static final String TASK_COUNT = "task.count";

  public static final String DEFAULT_TOPIC = "peerpulse.events.v1";
  public static final String DEFAULT_DLQ_TOPIC = "peerpulse.events-dlq.v1";

  public static final ConfigDef CONFIG_DEF = new ConfigDef()
      .define(INPUT_DIR, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyString(), Importance.HIGH,
          "Directory watched for CSV registers (the layout of POST /v1/registers).")
      .define(PROCESSING_DIR, Type.STRING, "", Importance.MEDIUM,
          "Where a task moves a register it has claimed; default <input.dir>/processing. Same file system as input.dir.")
      .define(FINISHED_DIR, Type.STRING, "", Importance.MEDIUM,
          "Where a register goes when every row was sent (accepted or dead-lettered); default <input.dir>/finished.")
      .define(ERROR_DIR, Type.STRING, "", Importance.MEDIUM,
          "Where a register goes when it cannot be read as a whole (bad header, raw identifiers without key, broken CSV);"
              + " default <input.dir>/error. A <file>.error.txt beside it says why.")
      .define(FILE_PATTERN, Type.STRING, ".*\\.csv", Importance.LOW, "Regular expression file names must match.")
      .define(TOPIC, Type.STRING, DEFAULT_TOPIC, Importance.HIGH, "Topic of the accepted events (key site_id).")
      .define(DLQ_TOPIC, Type.STRING, DEFAULT_DLQ_TOPIC, Importance.HIGH,
          "Topic of the rejected rows, with reason, file name and line headers.")
      .define(BATCH_SIZE, Type.INT, 500, ConfigDef.Range.atLeast(1), Importance.LOW, "Records returned per poll at most.")
      .define(POLL_INTERVAL_MS, Type.LONG, 1000L, ConfigDef.Range.atLeast(10), Importance.LOW,
          "How long an idle task waits before looking at input.dir again.")
      .define(PSEUDONYM_KEY, Type.PASSWORD, null, Importance.MEDIUM,
          "HMAC key for raw identifier columns (person_raw_id, person_raw_ids, worker_raw_id), through a config provider:"
              + " ${file:PATH:KEY} or ${env:VARIABLE}. Without it, registers with raw columns go to error.dir.")
      .define(TASK_INDEX, Type.INT, 0, Importance.LOW, "Set by the connector.")
      .define(TASK_COUNT, Type.INT, 1, Importance.LOW, "Set by the connector.");

  public RegisterSourceConfig(Map<String, ?> originals) {
    super(CONFIG_DEF, originals, false);
    try {
      Pattern.compile(getString(FILE_PATTERN));
    } catch (java.util.regex.PatternSyntaxException e) {
      throw new ConfigException(FILE_PATTERN, getString(FILE_PATTERN), "expected a Java regular expression: " + e.getDescription());
    }
  }

  public Path inputDir() {
    return Path.of(getString(INPUT_DIR));
  }

  public Path processingDir() {
    return dirOr(PROCESSING_DIR, "processing");
  }

  public Path finishedDir() {
    return dirOr(FINISHED_DIR, "finished");
  }

  public Path errorDir() {
    return dirOr(ERROR_DIR, "error");
  }

  private Path dirOr(String key, String child) {
    String value = getString(key);
    return value.isBlank() ? inputDir().resolve(child) : Path.of(value);
  }

  public Pattern filePattern() {
    return Pattern.compile(getString(FILE_PATTERN));
  }

  public String topic() {
    return getString(TOPIC);
  }

  public String dlqTopic() {
    return getString(DLQ_TOPIC);
  }

  public int batchSize() {
    return getInt(BATCH_SIZE);
  }

  public Duration pollInterval() {
    return Duration.ofMillis(getLong(POLL_INTERVAL_MS));
  }

  public int taskIndex() {
    return getInt(TASK_INDEX);
  }

  public int taskCount() {
    return getInt(TASK_COUNT);
  }

  /** The pseudonymiser for raw identifier columns, when a key is configured. */
  public Optional<Pseudonymiser> pseudonymiser() {
    Password key = getPassword(PSEUDONYM_KEY);
    if (key == null || key.value() == null || key.value().isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Pseudonymiser.ofKey(key.value(), "connector setting " + PSEUDONYM_KEY));
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage()); // names the setting and the length, never the key
    }
  }
}
