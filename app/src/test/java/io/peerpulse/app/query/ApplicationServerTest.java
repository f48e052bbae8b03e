package io.peerpulse.app.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class ApplicationServerTest {

  @Test
  void aGivenValueWinsOtherwiseThisHostAndTheHttpPort() {
    assertThat(ApplicationServer.orDefault(" peerpulse-2:8080 ", 9000)).isEqualTo("peerpulse-2:8080");
    String derived = ApplicationServer.orDefault(null, 9000);
    assertThat(derived).endsWith(":9000");
    assertThat(ApplicationServer.hostInfo(derived).port()).isEqualTo(9000);
    assertThat(ApplicationServer.orDefault("", 9001)).endsWith(":9001");
  }

  @Test
  void hostAndPortAreParsedAndAnythingElseNamesTheKey() {
    assertThat(ApplicationServer.hostInfo("localhost:8080")).isEqualTo(new HostInfo("localhost", 8080));
    assertThatThrownBy(() -> ApplicationServer.hostInfo("localhost")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("application.server: expected host:port, got \"localhost\"");
    assertThatThrownBy(() -> ApplicationServer.hostInfo(" ")).hasMessage("application.server: expected host:port, got \" \"");
  }
}
