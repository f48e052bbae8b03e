package io.peerpulse.registry.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A scriptable HTTP server on 127.0.0.1 standing in for a registry: records every request and
 * answers with whatever the test's responder says, so tests can count requests and inject
 * failures (503s, odd bodies) a real registry would not produce on demand.
 */
final class FakeRegistry implements AutoCloseable {

  /** A request as the server saw it; {@code path} is raw (still percent-encoded). */
  record Seen(String method, String path, String query, String accept, String contentType,
      String authorization, String custom, String body) {
  }

  /** What to answer. */
  record Reply(int status, String body) {
    static Reply ok(String body) {
      return new Reply(200, body);
    }

    static Reply error(int status, int errorCode, String message) {
      return new Reply(status, "{\"error_code\":" + errorCode + ",\"message\":\"" + message
          + "\"}");
    }
  }

  private final HttpServer server;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private volatile Function<Seen, Reply> responder;

  FakeRegistry(Function<Seen, Reply> responder) {
    this.responder = responder;
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange; InputStream in = exchange.getRequestBody()) {
      Seen request = new Seen(exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(),
          exchange.getRequestHeaders().getFirst("Accept"),
          exchange.getRequestHeaders().getFirst("Content-Type"),
          exchange.getRequestHeaders().getFirst("Authorization"),
          exchange.getRequestHeaders().getFirst("X-Custom"),
          new String(in.readAllBytes(), StandardCharsets.UTF_8));
      seen.add(request);
      Reply reply = responder.apply(request);
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
      exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
      if (body.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  void respond(Function<Seen, Reply> newResponder) {
    this.responder = newResponder;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Seen> seen() {
    return List.copyOf(seen);
  }

  int count() {
    return seen.size();
  }

  /** A URL where nothing listens: a port bound and released again. */
  static String deadUrl() {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
