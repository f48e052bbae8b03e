package io.peerpulse.streams.publish;

import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.indicator.IndicatorValue;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps the exact rows of each publication group and, on every change of one of them, publishes the
 * group before and after the change and forwards only the rows whose published record differs
 * (ignoring {@code computed_at}), and a tombstone for a row that stopped existing.
 *
 * <p>The published group before the change is recomputed from the stored exact rows rather than
 * stored: publication is a pure function of the exact rows and the rule, so this keeps one copy of
 * the state. A change of the {@code suppression.*} settings therefore needs a replay of the stage.
 *
 * <p>A change to a suppressed cell that leaves its published numbers as they were emits nothing: an
 * observer of the published topic cannot tell that a small count moved. The same holds for a change
 * of {@code computed_at} alone.
 */
final class PublishCellGroup implements Processor<PublicationGroupKey, ExactRowChange, IndicatorKey, IndicatorValue> {

  private final String storeName;
  private final CellGroupPublisher publisher;
  private ProcessorContext<IndicatorKey, IndicatorValue> context;
  private KeyValueStore<PublicationGroupKey, PublicationGroup> groups;

  PublishCellGroup(String storeName, SuppressionRule rule) {
    this.storeName = storeName;
    this.publisher = new CellGroupPublisher(rule);
  }

  @Override
  public void init(ProcessorContext<IndicatorKey, IndicatorValue> context) {
    this.context = context;
    this.groups = context.getStateStore(storeName);
  }

  @Override
  public void process(Record<PublicationGroupKey, ExactRowChange> record) {
    PublicationGroupKey key = record.key();
    ExactRowChange change = record.value();
    if (key == null || change == null) {
      return;
    }
    PublicationGroup stored = groups.get(key);
    PublicationGroup before = stored == null ? PublicationGroup.EMPTY : stored;
    PublicationGroup after = before.with(change.siteId(), change.exact());
    if (after.equals(before)) {
      return;
    }
    Map<String, IndicatorValue> was = publish(key, before);
    Map<String, IndicatorValue> now = publish(key, after);
    for (String site : sortedUnion(was, now)) {
      IndicatorValue previous = was.get(site);
      IndicatorValue current = now.get(site);
      if (current == null) {
        context.forward(new Record<>(key.rowKey(site), null, record.timestamp()));
      } else if (previous == null || !samePublication(previous, current)) {
        context.forward(new Record<>(key.rowKey(site), current, record.timestamp()));
      }
    }
    if (after.isEmpty()) {
      groups.delete(key);
    } else {
      groups.put(key, after);
    }
  }

  private Map<String, IndicatorValue> publish(PublicationGroupKey key, PublicationGroup group) {
    Map<String, IndicatorValue> out = new HashMap<>();
    if (group.isEmpty()) {
      return out;
    }
    List<PublishedRow> published = publisher.publish(key.indicator(), group.exactRows());
    for (PublishedRow row : published) {
      out.put(row.siteId(), group.rows().get(row.siteId()).publishedAs(row));
    }
    return out;
  }

  private static Set<String> sortedUnion(Map<String, ?> a, Map<String, ?> b) {
    Set<String> sites = new TreeSet<>(a.keySet());
    sites.addAll(b.keySet());
    return sites;
  }

  /** Equal published content; {@code computed_at} alone is not a change worth publishing. */
  static boolean samePublication(IndicatorValue a, IndicatorValue b) {
    return Objects.equals(a.getNumerator(), b.getNumerator())
        && Objects.equals(a.getDenominator(), b.getDenominator())
        && Objects.equals(a.getValue(), b.getValue())
        && a.getStatus() == b.getStatus()
        && a.getSuppressed() == b.getSuppressed()
        && a.getRevision() == b.getRevision()
        && a.getDefinitionVersion() == b.getDefinitionVersion()
        && Objects.equals(a.getWatermark(), b.getWatermark());
  }
}
