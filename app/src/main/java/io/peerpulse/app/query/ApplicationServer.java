package io.peerpulse.app.query;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * This instance's {@code application.server} ({@value StreamsConfig#APPLICATION_SERVER_CONFIG}):
 * the {@code host:port} where the other instances of the application reach its HTTP server to ask
 * for the store partitions it holds. Kafka Streams shares it with every instance through the group.
 */
public final class ApplicationServer {

  private ApplicationServer() {}

  /**
   * The given value, or {@code <this machine's host name>:<httpPort>} when none is given: the name
   * other machines (or containers with a {@code hostname:}) can usually resolve. Behind NAT, or when
   * the host name does not resolve from the other instances, set {@code application.server}.
   */
  public static String orDefault(String given, int httpPort) {
    if (given != null && !given.isBlank()) {
      return given.strip();
    }
    return localHostName() + ":" + httpPort;
  }

  /**
   * Parses {@code host:port}.
   *
   * @throws IllegalArgumentException naming {@code application.server} when it is not {@code host:port}
   */
  public static HostInfo hostInfo(String applicationServer) {
    try {
      HostInfo host = HostInfo.buildFromEndpoint(applicationServer);
      if (host == null) {
        throw new IllegalArgumentException("blank");
      }
      return host;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(StreamsConfig.APPLICATION_SERVER_CONFIG + ": expected host:port, got \""
          + applicationServer + "\"", e);
    }
  }

  private static String localHostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost"; // a machine whose own name does not resolve: only a single instance works anyway
    }
  }
}
