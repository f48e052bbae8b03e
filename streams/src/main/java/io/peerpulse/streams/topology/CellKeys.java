package io.peerpulse.streams.topology;

import io.peerpulse.streams.cells.CellBase;
import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.cells.PeriodType;
import java.time.LocalDate;

/**
 * String keys of the site-cells and totals stores, built so that RocksDB's byte order makes the
 * scans the stages need into prefix or range scans: components joined by {@code |}, dates ISO
 * (fixed width, so they sort by time), site first. Free-text components (programme, arm) are
 * escaped ({@code %} → {@code %25}, {@code |} → {@code %7C}) so a programme containing {@code |}
 * cannot make one cell's prefix another's. Site ids match {@code [a-z0-9-]} or are {@code *}.
 *
 * <pre>
 * cell            site|periodType|periodStart|programme|arm
 * index entry     cell|memberKey                  (cell-index-store: prefix scan by cell, or by site)
 * member          site|memberKey                  (member-store)
 * deadline entry  site|deadline|cell              (deadline-index-store: range scan by deadline)
 * site row        indicator|cell                  (rows from the site stage)
 * total group     indicator|programme|arm|periodType|periodStart   (one * row)
 * contact         site|date|eventId               (workload-contact-store: range scan by date)
 * worker status   site|workerId|date|eventId      (worker-status-store: prefix scan by site or worker)
 * supervision     site|date|eventId               (supervision-store: range scan by date)
 * </pre>
 * Event ids are free text but always the last component; worker ids match {@code [A-Za-z0-9_-]}.
 */
public final class CellKeys {

  private static final char SEP = '|';

  private CellKeys() {}

  public static String cell(CellKey cell) {
    CellBase base = cell.base();
    Period period = cell.period();
    return base.siteId() + SEP + period.type() + SEP + period.start() + SEP + escape(base.programme()) + SEP
        + escape(base.arm());
  }

  /** Prefix of every index entry of one cell. */
  public static String cellPrefix(String cell) {
    return cell + SEP;
  }

  /** Prefix of every cell, index or deadline entry of one site. */
  public static String sitePrefix(String siteId) {
    return siteId + SEP;
  }

  public static String indexEntry(String cell, String memberKey) {
    return cell + SEP + memberKey;
  }

  public static String member(String siteId, String memberKey) {
    return siteId + SEP + memberKey;
  }

  public static String deadlineEntry(String siteId, LocalDate deadline, String cell) {
    return siteId + SEP + deadline + SEP + cell;
  }

  /** Lower bound of the deadline entries of a site with a deadline on or after {@code day}. */
  public static String deadlineFrom(String siteId, LocalDate day) {
    return siteId + SEP + day;
  }

  /** A workload contact of the site's {@code workload-contact-store}. */
  public static String workloadContact(String siteId, LocalDate date, String eventId) {
    return siteId + SEP + date + SEP + eventId;
  }

  /** Lower bound of the site's workload contacts dated on or after {@code day} (exclusive upper bound: the day after). */
  public static String workloadContactsFrom(String siteId, LocalDate day) {
    return siteId + SEP + day;
  }

  /** A session of the site's {@code supervision-store}. */
  public static String supervision(String siteId, LocalDate date, String eventId) {
    return siteId + SEP + date + SEP + eventId;
  }

  /** Lower bound of the site's supervision sessions dated on or after {@code day} (exclusive upper bound: the day after). */
  public static String supervisionsFrom(String siteId, LocalDate day) {
    return siteId + SEP + day;
  }

  /** A status of the site's {@code worker-status-store}. */
  public static String workerStatus(String siteId, String workerId, LocalDate date, String eventId) {
    return workerPrefix(siteId, workerId) + date + SEP + eventId;
  }

  /** Prefix of every status of one worker of a site. */
  public static String workerPrefix(String siteId, String workerId) {
    return siteId + SEP + workerId + SEP;
  }

  /** The indicator of a site row key. */
  public static Indicator indicatorOfSiteRow(String siteRowKey) {
    int first = siteRowKey.indexOf(SEP);
    if (first < 0) {
      throw new IllegalArgumentException("not a site row key: " + siteRowKey);
    }
    return Indicator.valueOf(siteRowKey.substring(0, first));
  }

  public static String siteRow(Indicator indicator, CellKey cell) {
    return indicator.name() + SEP + cell(cell);
  }

  public static String totalGroup(Indicator indicator, CellKey cell) {
    CellBase base = cell.base();
    Period period = cell.period();
    return indicator.name() + SEP + escape(base.programme()) + SEP + escape(base.arm()) + SEP + period.type() + SEP
        + period.start();
  }

  /** The total group of a site row key (null rows keep only their key, so it is parsed). */
  public static String totalGroupOfSiteRow(String siteRowKey) {
    String[] parts = siteRowKey.split("\\|", -1);
    if (parts.length != 6) {
      throw new IllegalArgumentException("not a site row key: " + siteRowKey);
    }
    // indicator|site|type|start|programme|arm -> indicator|programme|arm|type|start (already escaped)
    return parts[0] + SEP + parts[4] + SEP + parts[5] + SEP + parts[2] + SEP + parts[3];
  }

  /** The site of a site row key. */
  public static String siteOfSiteRow(String siteRowKey) {
    int first = siteRowKey.indexOf(SEP);
    int second = siteRowKey.indexOf(SEP, first + 1);
    if (first < 0 || second < 0) {
      throw new IllegalArgumentException("not a site row key: " + siteRowKey);
    }
    return siteRowKey.substring(first + 1, second);
  }

  /** The cell of an index entry (its first five components). */
  public static CellKey cellOfIndexEntry(String entry) {
    String[] parts = entry.split("\\|", 6);
    if (parts.length < 5) {
      throw new IllegalArgumentException("not a cell index entry: " + entry);
    }
    PeriodType type = PeriodType.valueOf(parts[1]);
    LocalDate start = LocalDate.parse(parts[2]);
    return new CellKey(new CellBase(parts[0], unescape(parts[3]), unescape(parts[4])), periodStarting(type, start));
  }

  /** The cell string part of an index entry. */
  public static String cellOfIndexEntryString(String entry) {
    int at = -1;
    for (int i = 0; i < 5; i++) {
      at = entry.indexOf(SEP, at + 1);
      if (at < 0) {
        return entry;
      }
    }
    return entry.substring(0, at);
  }

  static Period periodStarting(PeriodType type, LocalDate start) {
    return switch (type) {
      case DAY -> Period.day(start);
      case WEEK -> Period.week(start);
      case MONTH -> Period.month(start);
      case ROLLING_28D -> Period.rolling28(start.plusDays(Period.ROLLING_DAYS - 1));
    };
  }

  static String escape(String text) {
    if (text.indexOf('%') < 0 && text.indexOf(SEP) < 0) {
      return text;
    }
    return text.replace("%", "%25").replace("|", "%7C");
  }

  static String unescape(String text) {
    if (text.indexOf('%') < 0) {
      return text;
    }
    return text.replace("%7C", "|").replace("%25", "%");
  }
}
