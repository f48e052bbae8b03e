package io.peerpulse.app.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;

/** Records appended per topic during a stage: end offsets after minus before, summed over partitions. */
final class TopicTotals {

  private TopicTotals() {}

  /** The sum of the end offsets of each topic's partitions. */
  static Map<String, Long> endOffsets(Admin admin) throws InterruptedException {
    try {
      Map<String, Long> totals = new HashMap<>();
      var partitions = CatchUp.partitionsOf(admin, admin.listTopics().names().get());
      CatchUp.stableEnds(admin, partitions).forEach((partition, end) -> totals.merge(partition.topic(), end, Long::sum));
      return totals;
    } catch (ExecutionException e) {
      throw new IllegalStateException("cannot list topics: " + e.getCause().getMessage(), e);
    }
  }

  /** What changed between two snapshots, the application id prefix shortened to {@code <app>-}. */
  static Map<String, Long> written(Map<String, Long> before, Map<String, Long> after, String applicationId) {
    Map<String, Long> written = new TreeMap<>();
    after.forEach((topic, end) -> {
      long delta = end - before.getOrDefault(topic, 0L);
      if (delta > 0) {
        written.put(topic.startsWith(applicationId + "-") ? "<app>-" + topic.substring(applicationId.length() + 1) : topic, delta);
      }
    });
    return written;
  }
}
