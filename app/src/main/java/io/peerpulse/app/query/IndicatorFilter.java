package io.peerpulse.app.query;

import io.peerpulse.event.Arm;
import io.peerpulse.indicator.IndicatorKey;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.PeriodType;
import io.peerpulse.streams.compute.IndicatorRow;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which indicator rows a query or an export wants: every field optional (null: any). The one
 * validation of {@code GET /v1/indicators}' parameters and {@code peerpulse export}'s flags.
 *
 * @param indicator an indicator id of {@link Indicator}
 * @param site a {@code site_id}, {@code *} for totals
 * @param programme a programme, {@code *} for totals and workload rows
 * @param arm INTERVENTION, CONTROL, NONE or {@code *}
 * @param periodType DAY, WEEK, MONTH or ROLLING_28D
 * @param from rows whose {@code period_start} is on or after this date
 * @param to rows whose {@code period_start} is on or before this date
 */
public record IndicatorFilter(String indicator, String site, String programme, String arm, String periodType,
    LocalDate from, LocalDate to) {

  public static final String INDICATOR = "indicator";
  public static final String SITE = "site";
  public static final String PROGRAMME = "programme";
  public static final String ARM = "arm";
  public static final String PERIOD_TYPE = "period_type";
  public static final String FROM = "from";
  public static final String TO = "to";
  /** The parameter names, in the order of spec/interfaces.md. */
  public static final List<String> PARAMETERS = List.of(INDICATOR, SITE, PROGRAMME, ARM, PERIOD_TYPE, FROM, TO);

  /** No filter: every row. */
  public static final IndicatorFilter ALL = new IndicatorFilter(null, null, null, null, null, null, null);

  private static final String TOTAL = "*";
  private static final Set<String> INDICATORS = names(Indicator.values());
  private static final Set<String> PERIOD_TYPES = names(PeriodType.values());
  private static final Set<String> ARMS = names(Arm.values());
  private static final int MAX_TEXT_LENGTH = 200;

  /** Validates as {@link #of}; for records built in code. */
  public IndicatorFilter {
    check(INDICATOR, indicator, INDICATORS, "an indicator id");
    check(PERIOD_TYPE, periodType, PERIOD_TYPES, "a period type");
    if (arm != null && !arm.equals(TOTAL) && !ARMS.contains(arm)) {
      throw new InvalidFilterException(ARM, "expected one of " + String.join(", ", ARMS) + " or * (totals), got "
          + quoted(arm));
    }
    checkText(SITE, site);
    checkText(PROGRAMME, programme);
    if (from != null && to != null && from.isAfter(to)) {
      throw new InvalidFilterException(FROM, "expected a date on or before to (" + to + "), got " + from);
    }
  }

  /**
   * The filter of named values ({@link #PARAMETERS}); a missing or empty value means any.
   *
   * @throws InvalidFilterException naming the first parameter that is unknown or whose value is invalid
   */
  public static IndicatorFilter of(Map<String, String> values) {
    for (String name : values.keySet()) {
      if (!PARAMETERS.contains(name)) {
        throw new InvalidFilterException(name, "unknown parameter; expected " + String.join(", ", PARAMETERS));
      }
    }
    return new IndicatorFilter(text(values, INDICATOR), text(values, SITE), text(values, PROGRAMME), text(values, ARM),
        text(values, PERIOD_TYPE), date(values, FROM), date(values, TO));
  }

  /** The non-null fields as parameters, in {@link #PARAMETERS} order (what a peer is asked for). */
  public Map<String, String> parameters() {
    Map<String, String> out = new LinkedHashMap<>();
    put(out, INDICATOR, indicator);
    put(out, SITE, site);
    put(out, PROGRAMME, programme);
    put(out, ARM, arm);
    put(out, PERIOD_TYPE, periodType);
    put(out, FROM, from == null ? null : from.toString());
    put(out, TO, to == null ? null : to.toString());
    return out;
  }

  public boolean matches(IndicatorKey key) {
    return matches(key.getIndicator(), key.getSiteId(), key.getProgramme(), key.getArm(), key.getPeriodType(),
        key.getPeriodStart());
  }

  public boolean matches(IndicatorRow row) {
    return matches(row.indicator(), row.siteId(), row.programme(), row.arm(), row.periodType(), row.periodStart());
  }

  private boolean matches(String rowIndicator, String rowSite, String rowProgramme, String rowArm, String rowPeriodType,
      LocalDate periodStart) {
    return (indicator == null || indicator.equals(rowIndicator))
        && (site == null || site.equals(rowSite))
        && (programme == null || programme.equals(rowProgramme))
        && (arm == null || arm.equals(rowArm))
        && (periodType == null || periodType.equals(rowPeriodType))
        && (from == null || !periodStart.isBefore(from))
        && (to == null || !periodStart.isAfter(to));
  }

  private static String text(Map<String, String> values, String name) {
    String value = values.get(name);
    return value == null || value.isEmpty() ? null : value;
  }

  private static LocalDate date(Map<String, String> values, String name) {
    String value = text(values, name);
    if (value == null) {
      return null;
    }
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new InvalidFilterException(name, "expected an ISO date YYYY-MM-DD, got " + quoted(value));
    }
  }

  private static void check(String name, String value, Set<String> allowed, String what) {
    if (value != null && !allowed.contains(value)) {
      throw new InvalidFilterException(name, "expected " + what + ", one of " + String.join(", ", allowed) + "; got "
          + quoted(value));
    }
  }

  private static void checkText(String name, String value) {
    if (value == null) {
      return;
    }
    if (value.length() > MAX_TEXT_LENGTH) {
      throw new InvalidFilterException(name, "expected at most " + MAX_TEXT_LENGTH + " characters, got " + value.length());
    }
    if (value.isBlank() || !value.strip().equals(value) || value.chars().anyMatch(Character::isISOControl)) {
      throw new InvalidFilterException(name, "expected an id without surrounding spaces or control characters, got "
          + quoted(value));
    }
  }

  private static void put(Map<String, String> out, String name, String value) {
    if (value != null) {
      out.put(name, value);
    }
  }

  private static String quoted(String value) {
    String shown = value.length() <= 60 ? value : value.substring(0, 60) + "…";
    return "\"" + shown.replaceAll("\\p{Cntrl}", "?") + "\"";
  }

  private static Set<String> names(Enum<?>[] values) {
    // LinkedHashSet through the collector keeps declaration order for the "one of" messages.
    return Arrays.stream(values).map(Enum::name).collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
