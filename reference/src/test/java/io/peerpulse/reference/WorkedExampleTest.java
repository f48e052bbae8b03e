package io.peerpulse.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The worked example of spec/indicators.md: the reference must reproduce
 * shared/examples/worked_example.exact.csv and worked_example.published.csv cell by cell (numbers
 * to within 1e-4, every other column exactly, {@code revision} not compared), for the indicators
 * it implements.
 *
 * <p>The examples folder is {@code -Dpeerpulse.examples.dir}, by default {@code ../shared/examples}
 * seen from the repository root (in a fresh clone, shared/ sits beside the repository).
 */
class WorkedExampleTest {

    /** The indicators the reference computes: every section of indicators.md. */
    static final Set<String> IMPLEMENTED = Set.of(
            "ACTIVE_ENROLMENTS", "REACH_30", "MIN_DOSE_3", "DAYS_TO_FIRST_CONTACT", "CONTACTS_PER_PERSON_MONTH",
            "DISENGAGED_60", "FOLLOW_UP_7", "FOLLOW_UP_30", "READMISSION_30", "RELAPSE_RATE", "BED_DAYS",
            "INVOLUNTARY_ADMISSIONS",
            "PSW_CASELOAD", "PSW_DIRECT_HOURS", "PSW_OVER_THRESHOLD", "MHW_CONTACTS_PER_FTE", "HOME_VISIT_PSW_SHARE",
            "PHASE1_CONTACT_RATE", "PHASE2_CONTACT_RATE", "PHASE3_CONTACT_RATE", "CRISIS_SAME_DAY",
            "PSW_SUPERVISED_14D");

    private static Path examples;

    @BeforeAll
    static void locateExamples() {
        Path repositoryRoot = Path.of("").toAbsolutePath().getParent();
        examples = Path.of(System.getProperty("peerpulse.examples.dir",
                repositoryRoot.resolveSibling("shared").resolve("examples").toString()));
        if (!Files.isRegularFile(examples.resolve("worked_example.jsonl"))
                || !Files.isRegularFile(examples.resolve("worked_example.exact.csv"))
                || !Files.isRegularFile(examples.resolve("worked_example.published.csv"))) {
            fail("worked example not found in " + examples.toAbsolutePath()
                    + " (expected worked_example.jsonl, worked_example.exact.csv and worked_example.published.csv;"
                    + " the shared/ folder sits beside"
                    + " the repository, or pass -Dpeerpulse.examples.dir=<folder>)");
        }
    }

    @Test
    void matchesTheExactCsvOfTheWorkedExample() throws IOException {
        List<ReferenceRow> actual = ReferenceIndicators.compute(examples.resolve("worked_example.jsonl"),
                ReferenceConfig.defaults());

        assertMatches(readExpected("worked_example.exact.csv"), actual, "worked_example.exact.csv");
    }

    /** The NHS rule: the whole published table, every row except revision. */
    @Test
    void matchesThePublishedCsvOfTheWorkedExample() throws IOException {
        List<ReferenceRow> actual = ReferenceIndicators.computePublished(examples.resolve("worked_example.jsonl"),
                ReferenceConfig.defaults());

        assertMatches(readExpected("worked_example.published.csv"), actual, "worked_example.published.csv");
        assertThat(actual).as("publishing the exact rows gives the same table").isEqualTo(ReferencePublication.publish(
                ReferenceIndicators.compute(examples.resolve("worked_example.jsonl"), ReferenceConfig.defaults()),
                PublicationConfig.defaults()));
    }

    /* w12 is the only worker, with no WORKER_STATUS: every workload row has one contributing worker. */
    @Test
    void everyWorkloadRowOfTheExampleHasOneContributingWorker() {
        List<ReferenceRow> actual = ReferenceIndicators.compute(examples.resolve("worked_example.jsonl"),
                ReferenceConfig.defaults());

        assertThat(actual).filteredOn(r -> r.programme().equals("*")).hasSize(117)
                .allSatisfy(r -> assertThat(r.workers()).as(r.key()).isEqualTo(1));
        assertThat(actual).filteredOn(r -> !r.programme().equals("*"))
                .allSatisfy(r -> assertThat(r.workers()).as(r.key()).isNull());
    }

    private static void assertMatches(List<ReferenceRow> allExpected, List<ReferenceRow> actual, String file) {
        assertThat(allExpected).as("every indicator of %s is compared", file)
                .allSatisfy(r -> assertThat(IMPLEMENTED).contains(r.indicator()));
        List<ReferenceRow> expected = allExpected.stream()
                .filter(r -> IMPLEMENTED.contains(r.indicator()))
                .toList();
        Map<String, ReferenceRow> actualByKey = actual.stream()
                .collect(Collectors.toMap(ReferenceRow::key, Function.identity()));
        Map<String, ReferenceRow> expectedByKey = expected.stream()
                .collect(Collectors.toMap(ReferenceRow::key, Function.identity()));

        List<String> differences = new ArrayList<>();
        for (ReferenceRow want : expected) {
            ReferenceRow got = actualByKey.get(want.key());
            if (got == null) {
                differences.add("missing " + want.key());
            } else if (!sameExceptRevision(want, got)) {
                differences.add("differs " + want.key() + ": expected " + describe(want) + ", got " + describe(got));
            }
        }
        actual.stream().filter(r -> !expectedByKey.containsKey(r.key()))
                .forEach(r -> differences.add("unexpected " + r.key()));

        assertThat(differences).as("differences from " + file).isEmpty();
        assertThat(actual).hasSize(expected.size()).isNotEmpty();
    }

    /** The CSV lexical forms too: `1` not `1.0`, `50` not `50.0000`, `1.4494`, empty for null. */
    @Test
    void writesTheSameTextAsTheExactCsvForItsRows() throws IOException {
        assertSameText(ReferenceIndicators.compute(examples.resolve("worked_example.jsonl"),
                ReferenceConfig.defaults()), "worked_example.exact.csv");
    }

    @Test
    void writesTheSameTextAsThePublishedCsvForItsRows() throws IOException {
        assertSameText(ReferenceIndicators.computePublished(examples.resolve("worked_example.jsonl"),
                ReferenceConfig.defaults()), "worked_example.published.csv");
    }

    private static void assertSameText(List<ReferenceRow> actual, String file) throws IOException {
        StringWriter written = new StringWriter();
        ReferenceCsv.write(actual, written);

        List<String> expectedLines = Files.readAllLines(examples.resolve(file)).stream()
                .filter(line -> line.startsWith("indicator,") || IMPLEMENTED.contains(line.substring(0, line.indexOf(','))))
                .map(WorkedExampleTest::withoutRevision)
                .toList();
        List<String> writtenLines = written.toString().lines().map(WorkedExampleTest::withoutRevision).toList();
        assertThat(writtenLines).containsExactlyElementsOf(expectedLines);
    }

    private static List<ReferenceRow> readExpected(String file) throws IOException {
        try (Reader in = Files.newBufferedReader(examples.resolve(file))) {
            return ReferenceCsv.read(in);
        }
    }

    private static boolean sameExceptRevision(ReferenceRow want, ReferenceRow got) {
        return close(want.numerator(), got.numerator()) && close(want.denominator(), got.denominator())
                && close(want.value(), got.value()) && want.status().equals(got.status())
                && want.suppressed() == got.suppressed();
    }

    private static boolean close(Double a, Double b) {
        return a == null ? b == null : b != null && Math.abs(a - b) <= 1e-4;
    }

    private static String describe(ReferenceRow r) {
        return r.numerator() + "/" + r.denominator() + "=" + r.value() + " " + r.status() + " suppressed=" + r.suppressed();
    }

    private static String withoutRevision(String line) {
        return line.substring(0, line.lastIndexOf(','));
    }
}
