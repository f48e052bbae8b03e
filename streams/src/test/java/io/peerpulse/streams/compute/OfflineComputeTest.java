package io.peerpulse.streams.compute;

import static io.peerpulse.streams.compute.Json.contact;
import static io.peerpulse.streams.compute.Json.enrolled;
import static io.peerpulse.streams.compute.Json.psw;
import static org.assertj.core.api.Assertions.assertThat;

import io.peerpulse.mapping.Reason;
import io.peerpulse.streams.EngineConfig;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineComputeTest {

  @TempDir
  Path dir;

  @Test
  void invalidLinesAndDeadLettersAreCountedByReasonAndTheRestIsComputed() throws IOException {
    Path input = dir.resolve("events.jsonl");
    Files.write(input, List.of(
        enrolled("ulm-e-1", "pA", "2021-02-01"),
        "{not json",
        "",
        psw("ulm-c-1", "2021-02-09", "pA"),
        "{\"event_id\":\"x\",\"type\":\"TELEPATHY\",\"site_id\":\"ulm\",\"occurred_at\":\"2021-02-09\",\"recorded_at\":\"2021-02-09T10:00:00Z\"}",
        contact("ulm-c-1", "2021-02-09", "2021-02-10T08:00:00Z", 90, "pA")));

    OfflineCompute.Result result = OfflineCompute.compute(input, EngineConfig.DEFAULTS);

    assertThat(result.linesRead()).isEqualTo(5);
    assertThat(result.eventsPiped()).isEqualTo(3);
    assertThat(result.rejectedByReason())
        .isEqualTo(Map.of("MALFORMED_JSON", 1L, "UNKNOWN_TYPE", 1L, "DUPLICATE_CONFLICT", 1L));
    assertThat(result.rejectedLines()).extracting(OfflineCompute.RejectedLine::line).containsExactly(2L, 5L);
    assertThat(result.rejectedLines().get(1).rejection().reason()).isEqualTo(Reason.UNKNOWN_TYPE);
    assertThat(result.rows()).isSortedAccordingTo(IndicatorRow.CSV_ORDER);
    assertThat(result.rows()).filteredOn(r -> r.key().equals(
            "CONTACTS_PER_PERSON_MONTH,ulm,UPSIDES,INTERVENTION,MONTH,2021-02-01,2021-02-28"))
        .singleElement().satisfies(r -> {
          assertThat(r.numerator()).isEqualTo(1.0);
          assertThat(r.denominator()).isEqualTo(9.0);
          assertThat(r.status()).isEqualTo("PROVISIONAL");
        });

    StringWriter csv = new StringWriter();
    IndicatorCsv.write(result.rows(), csv);
    // The CSV rounds to 4 decimals: reading it and writing it again changes nothing.
    assertThat(IndicatorCsv.toText(IndicatorCsv.read(new StringReader(csv.toString())))).isEqualTo(csv.toString());
    assertThat(csv.toString()).startsWith(IndicatorCsv.HEADER + "\nACTIVE_ENROLMENTS,*,UPSIDES,INTERVENTION,DAY,2021-02-01,2021-02-01,1,,1,PROVISIONAL,false,0\n");
  }
}
