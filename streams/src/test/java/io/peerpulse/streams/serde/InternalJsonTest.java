package io.peerpulse.streams.serde;

import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.event.Event;
import io.peerpulse.mapping.EventJson;
import io.peerpulse.mapping.ParseResult;
import io.peerpulse.streams.cells.CellBase;
import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.cells.Indicator;
import io.peerpulse.streams.cells.Period;
import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.intake.EventChange;
import io.peerpulse.streams.model.DateRange;
import io.peerpulse.streams.model.SequencedEvent;
import io.peerpulse.streams.person.EnrolmentFact;
import io.peerpulse.streams.person.IndexDischargeFact;
import io.peerpulse.streams.person.MemberFact;
import io.peerpulse.streams.topology.SiteInput;
import io.peerpulse.streams.topology.SiteRowSet;
import io.peerpulse.streams.topology.SiteRowUpdate;
import io.peerpulse.streams.workload.Role;
import io.peerpulse.streams.workload.SupervisionSession;
import io.peerpulse.streams.workload.WorkerStatusChange;
import io.peerpulse.streams.workload.WorkloadCells;
import io.peerpulse.streams.workload.WorkloadContact;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/** Internal JSON round-trips every record exactly and writes only record components. */
class InternalJsonTest {

  private static final CellBase BASE = new CellBase("ulm", "UPSIDES", "INTERVENTION");
  private static final LocalDate FEB_1 = LocalDate.parse("2021-02-01");

  @Test
  void memberFactsKeepTheirTypeAndNothingDerived() {
    MemberFact enrolment = new EnrolmentFact("pA", "ulm-e-1", BASE, FEB_1, LocalDate.parse("2021-08-01"), "DIED",
        LocalDate.parse("2021-08-01"), List.of(LocalDate.parse("2021-02-09")), List.of(), List.of(FEB_1),
        List.of(new EnrolmentFact.BedDays(new DateRange(FEB_1, LocalDate.parse("2021-02-05")), true)),
        List.of(LocalDate.parse("2021-02-09"), LocalDate.parse("2021-05-10")), List.of(FEB_1));
    MemberFact discharge = new IndexDischargeFact("pA", "ulm/s1", "ulm-d-1", BASE, FEB_1, null, LocalDate.parse("2021-02-20"));

    String json = text(InternalSerdes.MEMBER_FACT, enrolment);
    assertThat(json).contains("\"kind\":\"ENROLMENT\"").doesNotContain("memberKey", "span");
    assertThat(roundTrip(InternalSerdes.MEMBER_FACT, enrolment)).isEqualTo(enrolment);
    assertThat(roundTrip(InternalSerdes.MEMBER_FACT, discharge)).isEqualTo(discharge);
    assertThat(roundTrip(InternalSerdes.MEMBER_FACTS, List.of(enrolment, discharge))).containsExactly(enrolment, discharge);
  }

  @Test
  void eventsTravelInAvroJsonExactly() {
    Event contact = event("{\"event_id\":\"ulm-c-1\",\"type\":\"CONTACT\",\"site_id\":\"ulm\","
        + "\"occurred_at\":\"2021-02-09T14:00:00+01:00\",\"recorded_at\":\"2021-02-10T08:00:00Z\",\"source\":\"app\","
        + "\"person_ids\":[\"pA\",\"pB\"],\"worker_id\":\"w12\",\"worker_role\":\"PSW\",\"mode\":\"GROUP\","
        + "\"duration_minutes\":90,\"outcome\":\"ATTENDED\",\"crisis\":true}");
    SequencedEvent sequenced = new SequencedEvent(SequencedEvent.sequence(3, 42), contact);

    assertThat(text(InternalSerdes.SEQUENCED_EVENT, sequenced)).contains("\"io.peerpulse.event.Contact\"").doesNotContain("\"date\"");
    assertThat(roundTrip(InternalSerdes.SEQUENCED_EVENT, sequenced)).isEqualTo(sequenced);
    EventChange change = new EventChange(sequenced, true, EventChange.Effect.RETRACTED);
    assertThat(roundTrip(InternalSerdes.EVENT_CHANGE, change)).isEqualTo(change);
  }

  @Test
  void siteInputsKeepTheirType() {
    for (SiteInput input : List.of(new SiteInput.DateSeen(FEB_1), new SiteInput.PauseChange("ulm-p-1", new DateRange(FEB_1, FEB_1)),
        new SiteInput.PauseChange("ulm-p-1", null), new SiteInput.MemberChange("E|pA|2021-02-01", null))) {
      assertThat(roundTrip(InternalSerdes.SITE_INPUT, input)).isEqualTo(input);
    }
  }

  @Test
  void workloadInputsKeepTheirTypeAndAnExactFte() {
    WorkloadContact contact = new WorkloadContact("ulm-c-1", FEB_1, "w12", Role.PSW, "GROUP", 90, true, List.of("pA", "pB", "pA"));
    WorkerStatusChange status = new WorkerStatusChange("w12", Role.MHW, new BigDecimal("0.36"), true, FEB_1, 42);
    for (SiteInput input : List.of(new SiteInput.ContactChange(contact, true), new SiteInput.ContactChange(contact, false),
        new SiteInput.StatusChange("ulm-w-1", status, true))) {
      assertThat(roundTrip(InternalSerdes.SITE_INPUT, input)).isEqualTo(input);
    }
    assertThat(text(InternalSerdes.SITE_INPUT, new SiteInput.ContactChange(contact, true))).contains("\"kind\":\"WORKLOAD_CONTACT\"")
        .doesNotContain("homeVisit");
    assertThat(roundTrip(InternalSerdes.WORKER_STATUS, status).fte()).isEqualTo(new BigDecimal("0.360000"));
    assertThat(roundTrip(InternalSerdes.WORKLOAD_CONTACT, contact)).isEqualTo(contact);
    SupervisionSession session = new SupervisionSession("ulm-s-1", FEB_1, "w12");
    SiteInput supervised = new SiteInput.SupervisionChange(session, true);
    assertThat(roundTrip(InternalSerdes.SITE_INPUT, supervised)).isEqualTo(supervised);
    assertThat(text(InternalSerdes.SITE_INPUT, supervised)).contains("\"kind\":\"SUPERVISION\"");
    assertThat(roundTrip(InternalSerdes.SUPERVISION, session)).isEqualTo(session);
  }

  @Test
  void anEnrolmentStoredBeforeTheFidelityFieldsReadsThemAsEmpty() throws Exception {
    String old = "{\"kind\":\"ENROLMENT\",\"personId\":\"pA\",\"enrolledEventId\":\"e1\",\"base\":{\"siteId\":\"ulm\","
        + "\"programme\":\"UPSIDES\",\"arm\":\"INTERVENTION\"},\"start\":\"2021-02-01\",\"end\":\"2021-02-10\","
        + "\"exitReason\":null,\"exitDate\":null,\"pswContacts\":[],\"relapseEpisodes\":[],\"involuntaryAdmissions\":[],"
        + "\"bedDays\":[]}";
    EnrolmentFact fact = (EnrolmentFact) InternalSerdes.MEMBER_FACT.deserializer().deserialize("t", old.getBytes(StandardCharsets.UTF_8));
    assertThat(fact.phaseContacts()).isEmpty();
    assertThat(fact.crisisMetEpisodes()).isEmpty();
  }

  @Test
  void aWorkloadRowKeepsItsWorkerCountAndAPersonLevelRowHasNone() {
    SiteRow workload = new SiteRow(Indicator.PSW_DIRECT_HOURS, new CellKey(WorkloadCells.base("ulm"), Period.week(FEB_1)), 1.5,
        3.0 / 7, 1.5 / (3.0 / 7), List.of(), LocalDate.parse("2021-02-07"), FEB_1, false, 3);
    assertThat(roundTrip(InternalSerdes.SITE_ROW, workload)).isEqualTo(workload);
    SiteRow person = new SiteRow(Indicator.REACH_30, new CellKey(BASE, Period.day(FEB_1)), 1, 2.0, 50.0, List.of(), FEB_1, FEB_1,
        true);
    assertThat(roundTrip(InternalSerdes.SITE_ROW, person).workers()).isNull();
  }

  @Test
  void rowsKeepEveryBitOfTheirNumbers() {
    SiteRow row = new SiteRow(Indicator.CONTACTS_PER_PERSON_MONTH, new CellKey(BASE, Period.month(FEB_1)), 2, 42.0,
        2 / (42 / Indicator.DAYS_PER_MONTH), List.of(), LocalDate.parse("2021-02-28"), null, false);
    SiteRow median = new SiteRow(Indicator.DAYS_TO_FIRST_CONTACT, new CellKey(BASE, Period.day(FEB_1)), 2, null, 25.5,
        List.of(8, 43), FEB_1, FEB_1, true);
    assertThat(roundTrip(InternalSerdes.SITE_ROW, row)).isEqualTo(row);
    assertThat(roundTrip(InternalSerdes.SITE_ROWS, List.of(row, median))).containsExactly(row, median);
    SiteRowSet set = SiteRowSet.empty().apply(new SiteRowUpdate("ulm", row));
    assertThat(text(InternalSerdes.SITE_ROW_SET, set)).doesNotContain("empty");
    assertThat(roundTrip(InternalSerdes.SITE_ROW_SET, set)).isEqualTo(set);
  }

  private static Event event(String json) {
    return ((ParseResult.Accepted) EventJson.parse(json)).event();
  }

  private static <T> T roundTrip(Serde<T> serde, T value) {
    return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
  }

  private static <T> String text(Serde<T> serde, T value) {
    return new String(serde.serializer().serialize("t", value), StandardCharsets.UTF_8);
  }
}
