package io.peerpulse.app.embedded;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A port the embedded runtime needs is taken; the message is one line naming the port, what it
 * was for and the flag that changes it. Thrown before anything is started.
 */
public final class PortInUseException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final int port;

  PortInUseException(int port, String purpose, String flag) {
    super("port " + port + " (" + purpose + ") is already in use; choose another with " + flag + " <port>");
    this.port = port;
  }

  public int port() {
    return port;
  }

  /**
   * Throws when {@code port} cannot be bound on any interface. Binding the wildcard address fails
   * when anything listens on the port on any interface, loopback included.
   */
  static void requireFree(int port, String purpose, String flag) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
    } catch (IOException e) {
      throw new PortInUseException(port, purpose, flag);
    }
  }

  /** A port that was free a moment ago (for the controller, which only this JVM talks to, and tests). */
  public static int anyFree() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException("no free local port: " + e.getMessage(), e);
    }
  }
}
