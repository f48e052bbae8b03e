package io.peerpulse.app.demo;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorStatus;
import io.peerpulse.indicator.IndicatorValue;
import io.peerpulse.streams.StreamsAppConfig;
import io.peerpulse.streams.topics.Topic;
import io.peerpulse.streams.topics.Topics;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * The latest MONTH value of a few key indicators per site, programme and arm, read (committed
 * values only) from the internal topic {@value Topics#INDICATORS_INTERNAL} (exact values) or the
 * published topic {@value Topics#INDICATORS} (what evaluators see, small numbers suppressed: with a
 * hundred persons per site most monthly site cells are). {@link #poll} and {@link #render} are called from one thread (the consumer is not
 * thread-safe); {@link #wakeup} may be called from any.
 */
public final class IndicatorBoard implements AutoCloseable {

  /** The columns: engagement, follow-up and outcome, and workload (a site-level indicator). */
  public static final List<String> INDICATORS = List.of("REACH_30", "MIN_DOSE_3", "FOLLOW_UP_7", "READMISSION_30",
      "PSW_CASELOAD");
  private static final String MONTH = "MONTH";
  private static final String ALL = "*";

  /** A row: site, programme, arm. Workload rows ({@code programme = arm = "*"}) fill the site's rows. */
  private record RowKey(String site, String programme, String arm) {}

  /** The latest month's value of one indicator in one row. */
  private record Cell(LocalDate month, IndicatorValue value) {}

  private final KafkaConsumer<IndicatorKey, IndicatorValue> consumer;
  private final Map<RowKey, Map<String, Cell>> rows = new TreeMap<>(Comparator.comparing(RowKey::site, IndicatorBoard::allLast)
      .thenComparing(RowKey::programme, IndicatorBoard::allLast).thenComparing(RowKey::arm, IndicatorBoard::allLast));
  private final String topicName;
  private long records;

  /** @param published read the published (suppressed) topic instead of the internal (exact) one */
  public IndicatorBoard(String bootstrapServers, String registryUrl, boolean published) {
    Topics topics = Topics.of(Map.of(StreamsAppConfig.SCHEMA_REGISTRY_URL, registryUrl));
    Topic<IndicatorKey, IndicatorValue> topic = published ? topics.indicators() : topics.indicatorsInternal();
    this.topicName = topic.name();
    this.consumer = new KafkaConsumer<>(Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
        ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
        ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000,
        ConsumerConfig.CLIENT_ID_CONFIG, "peerpulse-demo-board"),
        topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    List<TopicPartition> partitions = consumer.partitionsFor(topic.name()).stream()
        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
  }

  /**
   * Reads what has arrived, waiting at most {@code timeout} when nothing has.
   *
   * @return false when {@link #wakeup} interrupted it
   */
  public boolean poll(Duration timeout) {
    try {
      consumer.poll(timeout).forEach(this::apply);
      return true;
    } catch (WakeupException e) {
      return false;
    }
  }

  /** Whether any key indicator has a value to show. */
  public boolean hasValues() {
    return !rows.isEmpty();
  }

  /** The topic read. */
  public String topic() {
    return topicName;
  }

  /** Records read so far. */
  public long records() {
    return records;
  }

  private void apply(ConsumerRecord<IndicatorKey, IndicatorValue> record) {
    records++;
    IndicatorKey key = record.key();
    if (key == null || !MONTH.equals(key.getPeriodType()) || !INDICATORS.contains(key.getIndicator())) {
      return;
    }
    RowKey row = new RowKey(key.getSiteId(), key.getProgramme(), key.getArm());
    Map<String, Cell> cells = rows.computeIfAbsent(row, r -> new TreeMap<>());
    Cell current = cells.get(key.getIndicator());
    LocalDate month = key.getPeriodStart();
    if (record.value() == null) {
      if (current != null && current.month().equals(month)) {
        cells.remove(key.getIndicator()); // a tombstone of the shown month; an older month shows at the next change
      }
    } else if (current == null || !month.isBefore(current.month())) {
      cells.put(key.getIndicator(), new Cell(month, record.value()));
    }
    if (cells.isEmpty()) {
      rows.remove(row);
    }
  }

  /**
   * The table: one line per site, programme and arm ({@code *} = all sites pooled); each cell the
   * value of the latest month that has one, {@code *} marking provisional values.
   */
  public List<String> render() {
    List<String[]> lines = new ArrayList<>();
    String[] header = new String[4 + INDICATORS.size()];
    header[0] = "site";
    header[1] = "programme";
    header[2] = "arm";
    header[3] = "month";
    for (int i = 0; i < INDICATORS.size(); i++) {
      header[4 + i] = INDICATORS.get(i);
    }
    lines.add(header);
    for (Map.Entry<RowKey, Map<String, Cell>> entry : rows.entrySet()) {
      RowKey key = entry.getKey();
      if (ALL.equals(key.programme()) && !ALL.equals(key.site())) {
        continue; // workload: shown in the site's programme rows
      }
      Map<String, Cell> workload = rows.getOrDefault(new RowKey(key.site(), ALL, ALL), Map.of());
      String[] line = new String[header.length];
      line[0] = key.site();
      line[1] = key.programme();
      line[2] = key.arm();
      LocalDate latest = null;
      for (int i = 0; i < INDICATORS.size(); i++) {
        String indicator = INDICATORS.get(i);
        Cell cell = entry.getValue().getOrDefault(indicator, workload.get(indicator));
        line[4 + i] = cell == null ? "" : format(cell.value());
        if (cell != null && (latest == null || cell.month().isAfter(latest))) {
          latest = cell.month();
        }
      }
      line[3] = latest == null ? "" : latest.toString().substring(0, 7);
      lines.add(line);
    }
    return columns(lines);
  }

  /** A value with one decimal, {@code *} when provisional; {@code supp} when suppressed for small numbers. */
  static String format(IndicatorValue value) {
    String provisional = value.getStatus() == IndicatorStatus.PROVISIONAL ? "*" : "";
    if (value.getValue() == null) {
      return (value.getSuppressed() ? "supp" : "-") + provisional;
    }
    return String.format(Locale.ROOT, "%.1f", value.getValue()) + provisional;
  }

  private static List<String> columns(List<String[]> lines) {
    int[] widths = new int[lines.get(0).length];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    List<String> out = new ArrayList<>();
    for (String[] line : lines) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < line.length; i++) {
        String cell = line[i];
        boolean numeric = i >= 4;
        String padding = " ".repeat(widths[i] - cell.length());
        text.append(i == 0 ? "" : "  ").append(numeric ? padding + cell : cell + padding);
      }
      out.add(text.toString().stripTrailing());
    }
    return out;
  }

  private static int allLast(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    return ALL.equals(a) ? 1 : ALL.equals(b) ? -1 : a.compareTo(b);
  }

  /** Makes a blocked {@link #poll} return; callable from any thread. */
  public void wakeup() {
    consumer.wakeup();
  }

  @Override
  public void close() {
    consumer.close(CloseOptions.timeout(Duration.ofSeconds(2)));
  }
}
