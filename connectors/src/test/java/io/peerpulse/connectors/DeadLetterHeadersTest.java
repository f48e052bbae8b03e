package io.peerpulse.connectors;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The copies must stay equal to streams' DeadLetters and app's IngestService (the modules this plugin may not use). */
class DeadLetterHeadersTest {

  @Test
  void namesAreThoseTheStreamsApplicationAndTheHttpIngestWrite() {
    assertThat(DeadLetterHeaders.REASON).isEqualTo("peerpulse.reason");
    assertThat(DeadLetterHeaders.FIELD).isEqualTo("peerpulse.field");
    assertThat(DeadLetterHeaders.MESSAGE).isEqualTo("peerpulse.message");
    assertThat(DeadLetterHeaders.REJECTED_AT).isEqualTo("peerpulse.rejected.at");
    assertThat(DeadLetterHeaders.SOURCE_NAME).isEqualTo("peerpulse.source.name");
    assertThat(DeadLetterHeaders.SOURCE_LINE).isEqualTo("peerpulse.source.line");
  }
}
