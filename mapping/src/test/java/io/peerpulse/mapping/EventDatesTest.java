package io.peerpulse.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class EventDatesTest {

  @Test
  void localDateIsTheDateWrittenWithoutTimeZoneConversion() {
    assertThat(EventDates.localDate("2021-03-04T23:30:00-05:00")).isEqualTo(LocalDate.of(2021, 3, 4));
    assertThat(EventDates.localDate("2021-03-04T00:30:00+09:00")).isEqualTo(LocalDate.of(2021, 3, 4));
    assertThat(EventDates.localDate("2021-03-04")).isEqualTo(LocalDate.of(2021, 3, 4));
  }

  @Test
  void localDateOfAnEvent() {
    assertThat(EventDates.localDate(TestEvents.accepted(TestEvents.CONTACT))).isEqualTo(LocalDate.of(2021, 2, 9));
  }

  @Test
  void invalidTextIsAnArgumentError() {
    assertThatThrownBy(() -> EventDates.localDate("2021-03-04T10:15"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("occurred_at");
  }
}
