package io.peerpulse.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.peerpulse.event.Contact;
import io.peerpulse.event.Enrolled;
import io.peerpulse.event.Event;
import io.peerpulse.event.Exited;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RegisterCsvTest {

  private static final Pseudonymiser PSEUDONYMISER = Pseudonymiser.ofKey(PseudonymiserTest.KEY, "test");
  /** HMAC vectors of PseudonymiserTest (computed with openssl and Python). */
  private static final String MRN_0042_7731 = "H2QSInrzypul4T29-ubcHb";
  private static final String W_17 = "BrXR6VD8TaKvCeyK_MGgXl";

  private final RegisterCsv withKey = RegisterCsv.withKey(PSEUDONYMISER);
  private final RegisterCsv withoutKey = RegisterCsv.withoutKey();

  @Test
  void everyExampleOfTheReadmeIsAcceptedAndEqualsTheJsonExampleOfItsType() throws IOException {
    List<String> blocks = csvBlocks(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8));
    assertThat(blocks).as("csv blocks in mapping/README.md").hasSizeGreaterThanOrEqualTo(11);
    Map<String, Event> byId = new HashMap<>();
    for (String block : blocks) {
      for (RegisterRow row : withKey.readAll(block)) {
        assertThat(row.result()).as("line %d of\n%s", row.line(), block).isInstanceOf(ParseResult.Accepted.class);
        byId.put(row.event().getEventId(), row.event());
      }
    }
    for (Map.Entry<EventType, String> example : TestEvents.BY_TYPE.entrySet()) {
      Event expected = TestEvents.accepted(example.getValue());
      assertThat(byId.get(expected.getEventId())).as("README example of %s", example.getKey()).isEqualTo(expected);
    }
  }

  @Test
  void reportsTheLineWhereEachRowStartsInTheFile() {
    String register = "\uFEFFtype,event_id,site_id,occurred_at,recorded_at,source,person_id,reason\r\n"
        + "EXITED,e1,ulm,2021-06-30,2021-07-01T08:00:00Z,,p1,COMPLETED\r\n"
        + "\r\n"
        + "EXITED,e2,ulm,2021-06-30,2021-07-01T08:00:00Z,\"exported\nfrom the EHR\",p2,MOVED\n"
        + ",,,,,,,\n"
        + "EXITED,e3,ulm,2021-06-30,2021-07-01T08:00:00Z,,p3,GONE\n";

    List<RegisterRow> rows = withoutKey.readAll(register);

    assertThat(rows).extracting(RegisterRow::line).containsExactly(2L, 4L, 7L);
    assertThat(rows.get(1).event().getSource()).isEqualTo("exported\nfrom the EHR");
    assertThat(rows.get(2).rejection()).isEqualTo(new Rejection(Reason.BAD_VALUE, "reason",
        "reason: expected one of COMPLETED, DROPPED_OUT, WITHDREW, MOVED, DIED, OTHER, got \"GONE\""));
  }

  @Test
  void anEmptyCellIsAnAbsentField() {
    List<RegisterRow> rows = withoutKey.readAll("""
        type,event_id,site_id,occurred_at,recorded_at,person_id,programme,arm,setting,planned_days
        ENROLLED,e1,ulm,2021-02-01,2021-02-01T09:00:00Z,p1,UPSIDES,CONTROL,COMMUNITY,
        ENROLLED,e2,ulm,2021-02-01,2021-02-01T09:00:00Z,p2,UPSIDES,,COMMUNITY,90
        """);

    assertThat(((Enrolled) rows.get(0).event().getPayload()).getPlannedDays()).as("default").isEqualTo(182);
    assertThat(rows.get(1).rejection().reason()).isEqualTo(Reason.MISSING_FIELD);
    assertThat(rows.get(1).rejection().field()).isEqualTo("arm");
  }

  @Test
  void numbersAndBooleansAreCheckedAsInJson() {
    List<RegisterRow> rows = withoutKey.readAll("""
        type,event_id,site_id,occurred_at,recorded_at,person_ids,worker_id,worker_role,mode,duration_minutes,outcome,crisis
        CONTACT,c1,ulm,2021-02-09,2021-03-01T10:00:00Z,p1;p2 ; p3,w1,PSW,GROUP,45,ATTENDED,True
        CONTACT,c2,ulm,2021-02-09,2021-03-01T10:00:00Z,p1,w1,PSW,PHONE,30.0,ATTENDED,
        CONTACT,c3,ulm,2021-02-09,2021-03-01T10:00:00Z,p1,w1,PSW,PHONE,thirty,ATTENDED,
        CONTACT,c4,ulm,2021-02-09,2021-03-01T10:00:00Z,p1,w1,PSW,PHONE,30,ATTENDED,yes
        CONTACT,c5,ulm,2021-02-09,2021-03-01T10:00:00Z,p1;;p2,w1,PSW,PHONE,30,ATTENDED,
        """);

    Contact group = (Contact) rows.get(0).event().getPayload();
    assertThat(group.getPersonIds()).containsExactly("p1", "p2", "p3");
    assertThat(group.getCrisis()).isTrue();
    assertThat(group.getDurationMinutes()).isEqualTo(45);
    assertThat(rows.get(1).rejection().message()).isEqualTo("duration_minutes: expected an integer 0-720, got 30.0");
    assertThat(rows.get(2).rejection().message()).isEqualTo("duration_minutes: expected an integer 0-720, got \"thirty\"");
    assertThat(rows.get(3).rejection()).extracting(Rejection::reason, Rejection::field)
        .containsExactly(Reason.BAD_VALUE, "crisis");
    assertThat(rows.get(4).rejection()).extracting(Rejection::reason, Rejection::field)
        .containsExactly(Reason.BAD_VALUE, "person_ids");
  }

  @Test
  void aCellInAColumnTheRowsTypeDoesNotHaveIsAnUnknownField() {
    List<RegisterRow> rows = withoutKey.readAll("""
        type,event_id,site_id,occurred_at,recorded_at,person_id,reason,kind
        EXITED,e1,ulm,2021-06-30,2021-07-01T08:00:00Z,p1,COMPLETED,
        EXITED,e2,ulm,2021-06-30,2021-07-01T08:00:00Z,p1,COMPLETED,CRISIS_TEAM
        RELAPSE,r1,ulm,2021-06-30,2021-07-01T08:00:00Z,p1,,CRISIS_TEAM
        """);

    assertThat(rows.get(0).isAccepted()).isTrue();
    assertThat(rows.get(1).rejection()).extracting(Rejection::reason, Rejection::field)
        .containsExactly(Reason.UNKNOWN_FIELD, "kind");
    assertThat(rows.get(2).isAccepted()).isTrue();
  }

  @Test
  void aRowWithAnotherNumberOfCellsIsASchemaViolationWithoutJson() {
    List<RegisterRow> rows = withKey.readAll("""
        type,event_id,site_id,occurred_at,recorded_at,person_raw_id,reason
        EXITED,e1,ulm,2021-06-30,2021-07-01T08:00:00Z,Smith, John,MOVED
        EXITED,e2,ulm,2021-06-30
        """);

    assertThat(rows).extracting(RegisterRow::line).containsExactly(2L, 3L);
    assertThat(rows.get(0).rejection()).isEqualTo(new Rejection(Reason.SCHEMA_VIOLATION, null,
        "row: expected 7 cells as in the header, got 8 (a separator inside an unquoted cell?)"));
    assertThat(rows.get(0).json()).isNull();
    assertThat(rows.get(0).deadLetterText()).isEmpty();
    assertThat(rows.get(1).rejection().message()).contains("got 4");
  }

  @Test
  void rawIdentifierColumnsBecomePseudonymsAndNeverReachTheJson() {
    List<RegisterRow> rows = withKey.readAll("""
        type,event_id,site_id,occurred_at,recorded_at,person_raw_id,person_raw_ids,worker_raw_id,worker_role,mode,duration_minutes,outcome,reason
        EXITED,e1,ulm,2021-06-30,2021-07-01T08:00:00Z,MRN-0042-7731,,,,,,,MOVED
        CONTACT,c1,ulm,2021-02-09,2021-03-01T10:00:00Z,,MRN-0042-7731 ; W-17,W-17,PSW,GROUP,60,ATTENDED,
        CONTACT,c2,ulm,2021-02-09,2021-03-01T10:00:00Z,,MRN-0042-7731,W-17,PSW,PHONE,999,ATTENDED,
        """);

    assertThat(((Exited) rows.get(0).event().getPayload()).getPersonId()).isEqualTo(MRN_0042_7731);
    Contact contact = (Contact) rows.get(1).event().getPayload();
    assertThat(contact.getPersonIds()).containsExactly(MRN_0042_7731, W_17);
    assertThat(contact.getWorkerId()).isEqualTo(W_17);
    for (RegisterRow row : rows) {
      assertThat(row.json()).doesNotContain("MRN-0042", "W-17").doesNotContain("raw");
    }
    assertThat(rows.get(2).rejection().field()).isEqualTo("duration_minutes");
    assertThat(rows.get(2).deadLetterText()).doesNotContain("MRN-0042", "W-17", MRN_0042_7731, W_17).contains("\"***\"");
  }

  @Test
  void aRegisterWithRawIdentifiersIsRefusedWithoutAKey() {
    assertThatThrownBy(() -> withoutKey.readAll("""
        type,event_id,site_id,occurred_at,recorded_at,worker_raw_id,person_raw_id,reason
        EXITED,e1,ulm,2021-06-30,2021-07-01T08:00:00Z,,MRN-0042-7731,MOVED
        """))
        .isInstanceOfSatisfying(RegisterException.class, e -> {
          assertThat(e.kind()).isEqualTo(RegisterException.Kind.RAW_IDENTIFIERS_WITHOUT_KEY);
          assertThat(e.line()).isEqualTo(1);
        })
        .hasMessageStartingWith("line 1: the register has raw identifier columns (worker_raw_id, person_raw_id) but no "
            + "pseudonym key is configured")
        .hasMessageContaining("PEERPULSE_PSEUDONYM_KEY")
        .message().doesNotContain("MRN-0042");
  }

  @Test
  void headersThatAreNotARegisterAreRefusedNamingTheColumn() {
    assertThat(refusal("")).isEqualTo(
        "line 1: expected a header row naming the columns (type, event_id, site_id, ...), got an empty register");
    assertThat(refusal("type,event_id,Person ID\nEXITED,e1,p1\n"))
        .startsWith("line 1: header column 3 \"Person ID\": not a register column; expected one of event_id, type, site_id")
        .endsWith("(names are lower case snake_case: person_id)");
    assertThat(refusal("event_id,site_id\ne1,ulm\n"))
        .isEqualTo("line 1: expected a \"type\" column (ENROLLED, CONTACT, ...), the header has none");
    assertThat(refusal("type,site_id,site_id\n")).isEqualTo("line 1: header column 3 \"site_id\": the column appears more than once");
    assertThat(refusal("type,,site_id\n")).isEqualTo("line 1: header column 2: expected a column name, got an empty one");
    assertThatThrownBy(() -> withKey.readAll("type,person_id,person_raw_id\n"))
        .hasMessage("line 1: header column 3 \"person_raw_id\": the register already has a column for person_id; "
            + "give either the pseudonyms (person_id) or the raw identifiers, not both");
  }

  @Test
  void brokenCsvIsRefusedAtItsLineAfterTheRowsBefore() {
    String register = "type,event_id,site_id,occurred_at,recorded_at,person_id,reason\n"
        + "EXITED,e1,ulm,2021-06-30,2021-07-01T08:00:00Z,p1,MOVED\n"
        + "EXITED,e2,ulm,2021-06-30,2021-07-01T08:00:00Z,\"p2\"x,MOVED\n";
    List<RegisterRow> read = new ArrayList<>();
    try (RegisterCsv.Rows rows = withoutKey.open(new StringReader(register))) {
      assertThatThrownBy(() -> rows.forEachRemaining(read::add))
          .isInstanceOfSatisfying(RegisterException.class, e -> {
            assertThat(e.kind()).isEqualTo(RegisterException.Kind.CSV_SYNTAX);
            assertThat(e.line()).isEqualTo(3);
          });
    }
    assertThat(read).extracting(RegisterRow::line).containsExactly(2L);
  }

  @Test
  void rowsWithoutEventIdGetTheSameIdFromTheSameContentWhenRecordedAgain() {
    String header = "type,site_id,occurred_at,recorded_at,source,person_raw_id,reason,event_id\n";
    List<RegisterRow> march = withKey.readAll(header
        + "EXITED,ulm,2021-06-30,2021-07-01T08:00:00Z,,MRN-0042-7731,MOVED,\n"
        + "EXITED,ulm,2021-06-30,2021-07-01T08:00:00Z,,MRN-0042-7731,DIED,\n"
        + "EXITED,ulm,2021-06-30,2021-07-01T08:00:00Z,,MRN-0042-7731,MOVED,own-id-1\n");
    List<RegisterRow> reExport = withKey.readAll(
        "type,site_id,occurred_at,recorded_at,source,person_raw_id,reason\n"
        + "EXITED,ulm,2021-06-30,2021-08-01T08:00:00Z,monthly-export,MRN-0042-7731,MOVED\n");

    String id = march.get(0).event().getEventId();
    assertThat(id).matches("reg-[A-Za-z0-9_-]{22}");
    assertThat(reExport.get(0).event().getEventId()).as("other recorded_at and source, same event").isEqualTo(id);
    assertThat(march.get(1).event().getEventId()).as("another reason").isNotEqualTo(id).startsWith("reg-");
    assertThat(march.get(2).event().getEventId()).as("a given id is kept").isEqualTo("own-id-1");
    assertThat(withoutKey.readAll(header.replace("person_raw_id", "person_id")
        + "EXITED,ulm,2021-06-30,2021-07-01T08:00:00Z,,MRN-0042-7731,MOVED,\n").get(0).event().getEventId())
        .as("derived from the pseudonym, not the raw value").isNotEqualTo(id);
  }

  private String refusal(String register) {
    try {
      withoutKey.readAll(register);
    } catch (RegisterException e) {
      assertThat(e.kind()).isEqualTo(RegisterException.Kind.BAD_HEADER);
      return e.getMessage();
    }
    throw new AssertionError("register accepted: " + register);
  }

  private static List<String> csvBlocks(String markdown) {
    List<String> blocks = new ArrayList<>();
    Matcher matcher = Pattern.compile("```csv\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    while (matcher.find()) {
      blocks.add(matcher.group(1));
    }
    return blocks;
  }
}
