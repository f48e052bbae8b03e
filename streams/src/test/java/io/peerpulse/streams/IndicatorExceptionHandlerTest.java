package io.peerpulse.streams;

import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
import static org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.TaskMigratedException;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class IndicatorExceptionHandlerTest {

  private final AtomicLong nanos = new AtomicLong();
  private final IndicatorExceptionHandler handler = new IndicatorExceptionHandler(nanos::get);

  @Test
  void transientErrorsReplaceTheThread() {
    assertThat(handler.handle(new StreamsException(new TimeoutException("Timeout expired while committing")))).isEqualTo(REPLACE_THREAD);
    assertThat(handler.handle(new TaskMigratedException("rebalanced"))).isEqualTo(REPLACE_THREAD);
    assertThat(handler.replaced()).isEqualTo(2);
  }

  @Test
  void everythingElseShutsTheClientDown() {
    assertThat(handler.handle(new StreamsException(new IllegalStateException("a bug")))).isEqualTo(SHUTDOWN_CLIENT);
    assertThat(handler.handle(new StreamsException(new SerializationException("bad bytes", new TimeoutException()))))
        .as("a serialization error is not transient, whatever it wraps").isEqualTo(SHUTDOWN_CLIENT);
    assertThat(handler.handle(new MissingSourceTopicException("peerpulse.events.v1 missing"))).isEqualTo(SHUTDOWN_CLIENT);
    assertThat(handler.handle(new OutOfMemoryError())).isEqualTo(SHUTDOWN_CLIENT);
    assertThat(handler.replaced()).isZero();
  }

  @Test
  void aStormOfTransientErrorsShutsTheClientDownUntilTheWindowPasses() {
    for (int i = 0; i < IndicatorExceptionHandler.MAX_REPLACEMENTS; i++) {
      assertThat(handler.handle(new TimeoutException("t"))).isEqualTo(REPLACE_THREAD);
    }
    assertThat(handler.handle(new TimeoutException("t"))).isEqualTo(SHUTDOWN_CLIENT);

    nanos.addAndGet(IndicatorExceptionHandler.WINDOW.toNanos() + 1);
    assertThat(handler.handle(new TimeoutException("t"))).isEqualTo(REPLACE_THREAD);
  }

  @Test
  void theDescriptionKeepsClassesTaskAndClientErrorsButNoDomainText() {
    StreamsException failure = new StreamsException(
        new IllegalArgumentException("person p7Hq2 in event ulm-c-0042 has no enrolment"), new TaskId(2, 4));

    String description = IndicatorExceptionHandler.describe(failure);

    assertThat(description).startsWith("org.apache.kafka.streams.errors.StreamsException [task 2_4] caused by "
        + "java.lang.IllegalArgumentException at ").doesNotContain("p7Hq2").doesNotContain("ulm-c-0042");
    assertThat(IndicatorExceptionHandler.describe(new StreamsException(new TimeoutException("Topic peerpulse.events.v1 not present"))))
        .contains("org.apache.kafka.common.errors.TimeoutException: Topic peerpulse.events.v1 not present");
  }
}
