package io.peerpulse.app.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

  @Test
  void valuesArePercentDecodedInOrderAndABareNameIsEmpty() {
    assertThat(QueryParameters.parse("site=%2A&programme=CTI+TS&arm=&indicator&&from=2021-01-01"))
        .containsExactly(Map.entry("site", "*"), Map.entry("programme", "CTI TS"), Map.entry("arm", ""),
            Map.entry("indicator", ""), Map.entry("from", "2021-01-01"));
    assertThat(QueryParameters.parse(null)).isEmpty();
    assertThat(QueryParameters.parse("")).isEmpty();
  }

  @Test
  void aParameterGivenTwiceIsRefusedByName() {
    assertThatThrownBy(() -> QueryParameters.parse("site=ulm&site=santiago"))
        .isInstanceOfSatisfying(InvalidFilterException.class, e -> {
          assertThat(e.parameter()).isEqualTo("site");
          assertThat(e.problem()).isEqualTo("given more than once; expected at most one value");
        });
  }

  @Test
  void formattedParametersParseBackToTheSameValues() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("site", "beer sheva & co");
    values.put("programme", "*");
    values.put("partitions", "0,3");
    assertThat(QueryParameters.parse(QueryParameters.format(values))).isEqualTo(values);
  }
}
