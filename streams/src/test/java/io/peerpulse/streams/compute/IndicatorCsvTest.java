package io.peerpulse.streams.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class IndicatorCsvTest {

  @Test
  void numbersAreIntegersOrHalfUpToFourDecimalsWithoutTrailingZeros() {
    assertThat(IndicatorCsv.number(null)).isEmpty();
    assertThat(IndicatorCsv.number(42.0)).isEqualTo("42");
    assertThat(IndicatorCsv.number(100.0)).isEqualTo("100");
    assertThat(IndicatorCsv.number(0.0)).isEqualTo("0");
    assertThat(IndicatorCsv.number(-0.0)).isEqualTo("0");
    assertThat(IndicatorCsv.number(25.5)).isEqualTo("25.5");
    assertThat(IndicatorCsv.number(2.0 / (42 / 30.4375))).isEqualTo("1.4494");
    assertThat(IndicatorCsv.number(0.00005)).isEqualTo("0.0001");
    assertThat(IndicatorCsv.number(2.99999)).isEqualTo("3");
    assertThat(IndicatorCsv.number(1e-7)).isEqualTo("0");
    assertThat(IndicatorCsv.number(12345678.9)).isEqualTo("12345678.9");
    assertThatThrownBy(() -> IndicatorCsv.number(Double.NaN)).hasMessageContaining("finite");
  }

  @Test
  void theWorkedExampleCsvReadsAndWritesBackByteForByte() throws IOException {
    String text = Files.readString(SharedExamples.file("worked_example.exact.csv"));
    List<IndicatorRow> rows = IndicatorCsv.read(new StringReader(text));
    StringWriter out = new StringWriter();
    IndicatorCsv.write(rows, out);
    assertThat(out.toString()).isEqualTo(text);
    assertThat(rows).hasSize(1755);
  }

  @Test
  void fieldsWithCommasOrQuotesAreQuotedAndReadBack() throws IOException {
    IndicatorRow row = new IndicatorRow("REACH_30", "ulm", "A,\"B\"", "INTERVENTION", "MONTH", LocalDate.parse("2021-02-01"),
        LocalDate.parse("2021-02-28"), 1.0, 2.0, 50.0, "PROVISIONAL", false, 0);
    assertThat(IndicatorCsv.line(row)).isEqualTo("REACH_30,ulm,\"A,\"\"B\"\"\",INTERVENTION,MONTH,2021-02-01,2021-02-28,1,2,50,PROVISIONAL,false,0");
    StringWriter out = new StringWriter();
    IndicatorCsv.write(List.of(row), out);
    assertThat(IndicatorCsv.read(new StringReader(out.toString()))).containsExactly(row);
  }

  @Test
  void aWrongHeaderOrFieldCountIsRejectedNamingTheLine() {
    assertThatThrownBy(() -> IndicatorCsv.read(new StringReader("a,b\n"))).hasMessageStartingWith("line 1: expected the header");
    assertThatThrownBy(() -> IndicatorCsv.read(new StringReader(IndicatorCsv.HEADER + "\nREACH_30,ulm\n")))
        .hasMessage("line 2: expected 13 fields, got 2");
  }
}
