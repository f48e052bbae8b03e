package io.peerpulse.app.query;

import io.peerpulse.streams.compute.IndicatorRow;
import java.util.List;

/** The published store partitions this instance holds (interactive queries; a fake in tests). */
interface LocalPartitions {

  /**
   * Every row of store partition {@code partition} that {@code filter} matches, in no order.
   *
   * @throws PartitionsUnavailableException when the partition is not active and running here
   *     (moved away, restoring, rebalancing, not started); never part of a partition
   */
  List<IndicatorRow> read(int partition, IndicatorFilter filter) throws PartitionsUnavailableException;
}
