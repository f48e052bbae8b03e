package io.peerpulse.reference;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** interfaces.md "Indicator CSV": header, plain decimals, empty nulls. */
class ReferenceCsvTest {

    @Test
    void numbersArePlainDecimalsRoundedHalfUpToFourPlaces() {
        assertThat(ReferenceCsv.number(1.0)).isEqualTo("1");
        assertThat(ReferenceCsv.number(50.0)).isEqualTo("50");
        assertThat(ReferenceCsv.number(100.0)).isEqualTo("100");
        assertThat(ReferenceCsv.number(0.0)).isEqualTo("0");
        assertThat(ReferenceCsv.number(-0.0)).isEqualTo("0");
        assertThat(ReferenceCsv.number(25.5)).isEqualTo("25.5");
        assertThat(ReferenceCsv.number(2 * 30.4375 / 42)).isEqualTo("1.4494");
        assertThat(ReferenceCsv.number(21 * 30.4375 / 30)).isEqualTo("21.3063");
        assertThat(ReferenceCsv.number(0.00005)).isEqualTo("0.0001");
        assertThat(ReferenceCsv.number(0.00004999)).isEqualTo("0");
        assertThat(ReferenceCsv.number(1e7)).isEqualTo("10000000");
        assertThat(ReferenceCsv.number(1.0e-7)).isEqualTo("0");
        assertThat(ReferenceCsv.number(3043.75)).isEqualTo("3043.75");
        assertThat(ReferenceCsv.number(null)).isEmpty();
    }

    @Test
    void writesTheHeaderAndOneLinePerRowAndReadsItBack() {
        List<ReferenceRow> rows = List.of(
                new ReferenceRow("ACTIVE_ENROLMENTS", "*", "UPSIDES", "INTERVENTION", "DAY",
                        LocalDate.parse("2021-02-01"), LocalDate.parse("2021-02-01"), 1.0, null, 1.0, "FINAL", false, 0),
                new ReferenceRow("REACH_30", "ulm", "A,B \"x\"", "INTERVENTION", "MONTH",
                        LocalDate.parse("2021-02-01"), LocalDate.parse("2021-02-28"), 1.0, 3.0, 100.0 / 3,
                        "PROVISIONAL", false, 0));
        StringWriter out = new StringWriter();

        ReferenceCsv.write(rows, out);

        assertThat(out.toString()).isEqualTo(
                "indicator,site_id,programme,arm,period_type,period_start,period_end,numerator,denominator,value,"
                        + "status,suppressed,revision\n"
                        + "ACTIVE_ENROLMENTS,*,UPSIDES,INTERVENTION,DAY,2021-02-01,2021-02-01,1,,1,FINAL,false,0\n"
                        + "REACH_30,ulm,\"A,B \"\"x\"\"\",INTERVENTION,MONTH,2021-02-01,2021-02-28,1,3,33.3333,"
                        + "PROVISIONAL,false,0\n");
        List<ReferenceRow> back = ReferenceCsv.read(new StringReader(out.toString()));
        assertThat(back).hasSize(2);
        assertThat(back.get(0)).isEqualTo(rows.get(0));
        assertThat(back.get(1).programme()).isEqualTo("A,B \"x\"");
        assertThat(back.get(1).value()).isEqualTo(33.3333);
    }
}
