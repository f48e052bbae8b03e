package io.peerpulse.streams.cells;

/**
 * Who a member counts for: the site, programme and arm of an enrolment's own ENROLLED event
 * (or {@code "*"} in totals and workload rows).
 */
public record CellBase(String siteId, String programme, String arm) {
  public static final String ALL = "*";
}
