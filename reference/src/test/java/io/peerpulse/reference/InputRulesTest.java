package io.peerpulse.reference;

import static io.peerpulse.reference.Computed.assertNumbers;
import static io.peerpulse.reference.Events.contact;
import static io.peerpulse.reference.Events.enrolled;
import static io.peerpulse.reference.Events.pswContact;
import static io.peerpulse.reference.Events.recordedAt;
import static io.peerpulse.reference.Events.voidOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Event-level rules applied by the reference itself: voids, duplicates, FUTURE_EVENT, horizon. */
class InputRulesTest {

    @TempDir
    Path dir;

    /*
     * pA enrolled 03-01 (INTERVENTION). PSW contacts, in arrival order:
     *   c1 03-05 then its VOID: never counts        v2 then c2 03-06: a VOID before its target counts too
     *   c3 03-07, v3 voids it, v4 voids v3: a VOID of a VOID is ignored, c3 stays voided
     *   c4 03-08: counts
     *   c5 03-09 attended, then a conflicting duplicate c5 (did not attend): the first wins, counts
     *   c6 03-10 did not attend, then a duplicate c6 attended: the first wins, does not count
     *   f1 03-20 recorded 03-18: FUTURE_EVENT, rejected, so it does not reserve f1: the next f1
     *      (03-21, recorded 03-22) counts
     *   g1 03-22 recorded 03-21T23:00Z (one day after): accepted, counts
     *   g2 03-23 recorded 2021-03-22T01:00+02:00 = 03-21 UTC (two days after): rejected
     *   c7 04-05 voided by v7: does not count, but still sets the horizon to 04-05
     * March contact-persons: c4, c5, f1, g1 = 4 of 31 person-days: 4 / 31 x 30.4375 = 3.9274.
     * First counted contact 03-08: DAYS_TO_FIRST_CONTACT 7. MIN_DOSE_3 1/1.
     * Horizon 04-05: DAY 04-05 exists, DAY 04-06 does not; April person-days 5, no contact.
     */
    @Test
    void voidsDuplicatesAndFutureEventsAreAppliedBeforeCounting() {
        Computed c = Computed.of(dir,
                enrolled("e1", "s1", "2021-03-01", "pA", "P", "INTERVENTION"),
                pswContact("c1", "s1", "2021-03-05", "pA"),
                voidOf("v1", "s1", "2021-03-05", "c1"),
                voidOf("v2", "s1", "2021-03-06", "c2"),
                pswContact("c2", "s1", "2021-03-06", "pA"),
                pswContact("c3", "s1", "2021-03-07", "pA"),
                voidOf("v3", "s1", "2021-03-07", "c3"),
                voidOf("v4", "s1", "2021-03-07", "v3"),
                pswContact("c4", "s1", "2021-03-08", "pA"),
                pswContact("c5", "s1", "2021-03-09", "pA"),
                contact("c5", "s1", "2021-03-09", "PSW", "IN_PERSON", "DID_NOT_ATTEND", "pA"),
                contact("c6", "s1", "2021-03-10", "PSW", "IN_PERSON", "DID_NOT_ATTEND", "pA"),
                pswContact("c6", "s1", "2021-03-10", "pA"),
                recordedAt(pswContact("f1", "s1", "2021-03-20", "pA"), "2021-03-18T10:00:00Z"),
                recordedAt(pswContact("f1", "s1", "2021-03-21", "pA"), "2021-03-22T10:00:00Z"),
                recordedAt(pswContact("g1", "s1", "2021-03-22", "pA"), "2021-03-21T23:00:00Z"),
                recordedAt(pswContact("g2", "s1", "2021-03-23", "pA"), "2021-03-22T01:00:00+02:00"),
                pswContact("c7", "s1", "2021-04-05", "pA"),
                voidOf("v7", "s1", "2021-04-01", "c7"));

        assertNumbers(c.get("CONTACTS_PER_PERSON_MONTH", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"),
                4, 31, 3.9274);
        assertNumbers(c.get("DAYS_TO_FIRST_CONTACT", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"), 1, null, 7);
        assertNumbers(c.get("MIN_DOSE_3", "s1", "P", "INTERVENTION", "MONTH", "2021-03-01"), 1, 1, 100);
        assertNumbers(c.get("ACTIVE_ENROLMENTS", "s1", "P", "INTERVENTION", "DAY", "2021-04-05"), 1, null, 1);
        c.assertAbsent("ACTIVE_ENROLMENTS", "s1", "P", "INTERVENTION", "DAY", "2021-04-06");
        assertNumbers(c.get("CONTACTS_PER_PERSON_MONTH", "s1", "P", "INTERVENTION", "MONTH", "2021-04-01"), 0, 5, 0);
    }

    /* A voided ENROLLED removes the enrolment everywhere; a VOID of a VOID does not bring it back. */
    @Test
    void voidedEnrolmentNeverCounts() {
        Computed c = Computed.of(dir,
                voidOf("v1", "s1", "2021-03-01", "e1"),
                enrolled("e1", "s1", "2021-03-01", "pA", "P", "INTERVENTION"),
                voidOf("v2", "s1", "2021-03-31", "v1"));

        assertThat(c.rows()).isEmpty();
    }

    @Test
    void emptyInputGivesNoRows() throws IOException {
        Path empty = Files.createTempFile(dir, "empty", ".jsonl");

        assertThat(ReferenceIndicators.compute(empty, ReferenceConfig.defaults())).isEmpty();
    }

    /* DuckDB reads files by glob pattern; a path with glob characters must still mean that file. */
    @Test
    void pathWithGlobCharactersIsReadLiterally() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("site [1] *"));
        Path file = Files.writeString(folder.resolve("events?.jsonl"),
                enrolled("e1", "s1", "2021-03-01", "pA", "P", "INTERVENTION") + "\n");

        assertThat(ReferenceIndicators.compute(file, ReferenceConfig.defaults()))
                .anyMatch(r -> r.indicator().equals("ACTIVE_ENROLMENTS") && r.numerator() == 1.0);
    }

    @Test
    void missingInputFileIsAClearError() {
        Path missing = dir.resolve("nope.jsonl");

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> ReferenceIndicators.compute(missing, ReferenceConfig.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope.jsonl");
    }
}
