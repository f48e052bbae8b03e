package io.peerpulse.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.peerpulse.app.ops.MicrometerPipelineMetrics;
import io.peerpulse.mapping.RegisterCsv;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ingest counts what Kafka acknowledged: accepted rows, and rejected rows by reason. */
class IngestMetricsTest {

  @Test
  void acceptedAndRejectedRowsAreCountedByReason() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (MockIngest mock = MockIngest.withoutKey()) {
      IngestService service = new IngestService(mock.producer, mock.serializer, RegisterCsv.of(Optional.empty()),
          Clock.fixed(MockIngest.NOW, ZoneOffset.UTC), new MicrometerPipelineMetrics(registry));
      service.ingest(MockIngest.ENROLLED + "\n" + MockIngest.BAD_ARM + "\n" + MockIngest.CONTACT, IngestFormat.JSON_LINES, "test");

      assertThat(registry.get("peerpulse.events.accepted").tag("source", "ingest").counter().count()).isEqualTo(2.0);
      assertThat(registry.get("peerpulse.events.rejected").tag("source", "ingest").tag("reason", "BAD_VALUE").counter().count())
          .isEqualTo(1.0);
    }
  }
}
