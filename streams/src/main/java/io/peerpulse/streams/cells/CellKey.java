package io.peerpulse.streams.cells;

/** One cell of every person-level indicator: a base and a period (the indicator id comes on top). */
public record CellKey(CellBase base, Period period) {}
