package io.peerpulse.streams.topology;

import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.model.Cause;

/**
 * A cell awaiting recomputation in {@code dirty-cell-store}, with the first event that changed it
 * since its last recomputation (null when none is known), named by a late correction if the change
 * moves a FINAL value.
 */
public record DirtyCell(CellKey cell, Cause cause) {}
