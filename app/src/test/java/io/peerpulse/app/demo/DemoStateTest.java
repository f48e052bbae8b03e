package io.peerpulse.app.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoStateTest {

  @TempDir Path dir;

  @Test
  void aSavedStateWinsOverANewEndDate() {
    DemoState first = DemoState.load(dir, LocalDate.of(2027, 2, 21));
    assertThat(first).isEqualTo(new DemoState(LocalDate.of(2027, 2, 21), null));
    first.withSentUntil(Instant.parse("2026-11-25T03:49:01Z")).save(dir);

    DemoState next = DemoState.load(dir, LocalDate.of(2027, 3, 1));

    assertThat(next).isEqualTo(new DemoState(LocalDate.of(2027, 2, 21), Instant.parse("2026-11-25T03:49:01Z")));
  }

  @Test
  void aDamagedFileIsReportedWithWhatWasExpected() throws Exception {
    Files.writeString(dir.resolve(DemoState.FILE), "end=next tuesday\n");

    assertThatThrownBy(() -> DemoState.load(dir, LocalDate.of(2027, 2, 21)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(DemoState.FILE)
        .hasMessageContaining("expected end=YYYY-MM-DD")
        .hasMessageContaining("--fresh");
  }
}
