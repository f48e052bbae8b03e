package io.peerpulse.mapping;

import io.peerpulse.event.Admitted;
import io.peerpulse.event.Arm;
import io.peerpulse.event.Contact;
import io.peerpulse.event.ContactMode;
import io.peerpulse.event.ContactOutcome;
import io.peerpulse.event.DischargeType;
import io.peerpulse.event.Discharged;
import io.peerpulse.event.Enrolled;
import io.peerpulse.event.Event;
import io.peerpulse.event.EventVoid;
import io.peerpulse.event.ExitReason;
import io.peerpulse.event.Exited;
import io.peerpulse.event.Relapse;
import io.peerpulse.event.RelapseKind;
import io.peerpulse.event.Setting;
import io.peerpulse.event.SitePause;
import io.peerpulse.event.Supervision;
import io.peerpulse.event.SupervisionMode;
import io.peerpulse.event.Ward;
import io.peerpulse.event.WorkerRole;
import io.peerpulse.event.WorkerStatus;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of valid events of every type, with every accepted spelling of occurred_at. */
final class EventArbitraries {

  private static final long FIRST_DAY = LocalDate.of(2000, 1, 1).toEpochDay();
  private static final long LAST_DAY = LocalDate.of(2035, 12, 31).toEpochDay();

  private EventArbitraries() {}

  static Arbitrary<Event> events() {
    return events(pseudonyms(1));
  }

  /** Events whose person and worker ids come from {@code ids}. */
  static Arbitrary<Event> events(Arbitrary<String> ids) {
    return Combinators.combine(eventIds(), siteIds(), days(), sources()).flatAs((eventId, siteId, day, source) ->
        Combinators.combine(occurredAt(day), recordedAt(day), payload(day, ids)).as((occurredAt, recordedAt, payload) ->
            new Event(eventId, siteId, occurredAt, recordedAt, source, payload)));
  }

  /** {@code [A-Za-z0-9_-]} strings of {@code minLength} to 64 characters. */
  static Arbitrary<String> pseudonyms(int minLength) {
    return Arbitraries.strings().alpha().numeric().withChars('_', '-').ofMinLength(minLength).ofMaxLength(64);
  }

  static Arbitrary<String> eventIds() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(128);
  }

  private static Arbitrary<String> siteIds() {
    return Arbitraries.strings().withCharRange('a', 'z').numeric().withChars('-').ofMinLength(1).ofMaxLength(40);
  }

  private static Arbitrary<Long> days() {
    return Arbitraries.longs().between(FIRST_DAY, LAST_DAY);
  }

  private static Arbitrary<String> sources() {
    return Arbitraries.of("register-upload", "ehr", "app").injectNull(0.3);
  }

  /** A date, or a date-time with an offset, seconds optional, 0-9 fraction digits, Z or ±HH:MM. */
  private static Arbitrary<String> occurredAt(long day) {
    String date = LocalDate.ofEpochDay(day).toString();
    Arbitrary<String> dateTime = Combinators.combine(
            Arbitraries.integers().between(0, 86_399), Arbitraries.integers().between(-1, 9), offsets())
        .as((second, fractionDigits, offset) -> date + "T" + time(second, fractionDigits) + offset);
    return Arbitraries.oneOf(Arbitraries.just(date), dateTime);
  }

  /** fractionDigits -1: no seconds at all. */
  private static String time(int secondOfDay, int fractionDigits) {
    String time = LocalTime.ofSecondOfDay(secondOfDay).toString(); // HH:mm or HH:mm:ss
    String hhmm = time.substring(0, 5);
    if (fractionDigits < 0) {
      return hhmm;
    }
    String seconds = hhmm + ":" + String.format("%02d", secondOfDay % 60);
    return fractionDigits == 0 ? seconds : seconds + "." + "123456789".substring(0, fractionDigits);
  }

  private static Arbitrary<String> offsets() {
    Arbitrary<String> numeric = Arbitraries.integers().between(-18 * 4, 18 * 4).map(quarters -> {
      int minutes = Math.abs(quarters) * 15;
      return String.format("%s%02d:%02d", quarters < 0 ? "-" : "+", minutes / 60, minutes % 60);
    });
    return Arbitraries.oneOf(Arbitraries.just("Z"), numeric);
  }

  /** Recorded from the day before the local occurred date on: never a FUTURE_EVENT. */
  private static Arbitrary<Instant> recordedAt(long occurredDay) {
    return Arbitraries.longs().between(0, 400L * 86_400_000L - 1)
        .map(millis -> Instant.ofEpochMilli((occurredDay - 1) * 86_400_000L + millis));
  }

  private static Arbitrary<Object> payload(long day, Arbitrary<String> ids) {
    return Arbitraries.oneOf(
        Combinators.combine(ids, programmes(), Arbitraries.of(Arm.class), Arbitraries.of(Setting.class),
            Arbitraries.integers().between(1, 2000)).as(Enrolled::new),
        Combinators.combine(ids, Arbitraries.of(ExitReason.class)).as(Exited::new),
        Combinators.combine(ids.list().ofMinSize(1).ofMaxSize(50), ids, Arbitraries.of(WorkerRole.class),
            Arbitraries.of(ContactMode.class), Arbitraries.integers().between(0, 720),
            Arbitraries.of(ContactOutcome.class), Arbitraries.of(true, false)).as(Contact::new),
        Combinators.combine(ids, stayIds(), Arbitraries.of(Ward.class), Arbitraries.of(true, false)).as(Admitted::new),
        Combinators.combine(ids, stayIds(), Arbitraries.of(DischargeType.class)).as(Discharged::new),
        Combinators.combine(ids, Arbitraries.of(RelapseKind.class)).as(Relapse::new),
        Combinators.combine(ids, Arbitraries.of(WorkerRole.class), ftes(), Arbitraries.of(true, false))
            .as(WorkerStatus::new),
        Arbitraries.longs().between(day, day + 400).map(until -> new SitePause(LocalDate.ofEpochDay(until))),
        Combinators.combine(ids, Arbitraries.of(SupervisionMode.class), Arbitraries.integers().between(0, 480))
            .as(Supervision::new),
        eventIds().map(EventVoid::new));
  }

  private static Arbitrary<String> programmes() {
    return Arbitraries.oneOf(Arbitraries.of("UPSIDES", "CTI_TS", "IMPPEER"),
        Arbitraries.strings().withCharRange('A', 'Z').numeric().withChars('_').ofMinLength(1).ofMaxLength(40));
  }

  private static Arbitrary<String> stayIds() {
    return Arbitraries.strings().ofMinLength(1).ofMaxLength(128);
  }

  private static Arbitrary<Double> ftes() {
    return Arbitraries.oneOf(Arbitraries.of(0.0, 0.5, 1.0, 1.5),
        Arbitraries.doubles().between(0, 1.5), Arbitraries.doubles().between(0, 1.5).ofScale(6));
  }
}
