package io.peerpulse.streams.topology;

import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.cells.Indicator;
import java.time.LocalDate;

/**
 * What a revise processor remembers of one row: the key it writes, what it last wrote, and the
 * revision count.
 *
 * @param present false after the row stopped existing (a tombstone was written)
 * @param everFinal whether the row was ever written as FINAL
 * @param revision changes of the exact (numerator, denominator, value) since it first became FINAL
 * @param workers the worker count last written (workload rows; null otherwise): a change of it alone
 *     is written (it decides publication) but is not a revision
 * @param finalSince the watermark the row was first written as FINAL against; null before
 */
public record RevisionState(Indicator indicator, CellKey cell, boolean present, boolean everFinal, int revision,
    Double numerator, Double denominator, Double value, boolean finalStatus, LocalDate watermark, Integer workers,
    LocalDate finalSince) {}
