package io.peerpulse.app.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.peerpulse.app.security.HttpAccess;
import io.peerpulse.app.security.Role;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest API on the JDK's {@link HttpServer} (spec/interfaces.md, "HTTP"):
 *
 * <ul>
 *   <li>{@code POST /v1/events} with {@code Content-Type: application/json} (one event, an array
 *       of events, or JSON lines) or {@code application/x-ndjson} (JSON lines);
 *   <li>{@code POST /v1/registers} with {@code Content-Type: text/csv}: a CSV register
 *       (mapping/README.md, "CSV registers").
 * </ul>
 *
 * <table>
 *   <caption>Answers</caption>
 *   <tr><th>status</th><th>when</th><th>body</th></tr>
 *   <tr><td>200</td><td>every row accepted (written and acknowledged)</td><td>{@code {"accepted":n,"rejected":0,"results":[...]}}</td></tr>
 *   <tr><td>422</td><td>some rows rejected: the accepted ones <b>are</b> written, the rejected ones
 *       went to the dead-letter topic</td><td>the same, with {@code reason}, {@code field}, {@code message} per rejected row</td></tr>
 *   <tr><td>400</td><td>the body as a whole cannot be read (not UTF-8, empty, a broken JSON array,
 *       broken CSV, a wrong register header, raw identifiers without a key); nothing written</td><td>{@code {"error":CODE,"message":...,"line":n}}</td></tr>
 *   <tr><td>401, 403</td><td>{@code http.auth} is on and the credentials are missing or wrong, or the principal
 *       lacks the {@code service} role ({@link HttpAccess}); nothing read or written</td><td>error</td></tr>
 *   <tr><td>404, 405, 415</td><td>other path, method other than POST, other content type or charset</td><td>error</td></tr>
 *   <tr><td>413</td><td>body over the size limit (default 10 MiB); nothing written</td><td>error</td></tr>
 *   <tr><td>503</td><td>Kafka or the registry did not acknowledge in time; {@code Retry-After}
 *       seconds; sending the whole body again is safe (events count once by event_id)</td><td>error</td></tr>
 * </table>
 * A 500 means a bug, never bad data.
 */
public final class IngestHttp {

  public static final String EVENTS_PATH = "/v1/events";
  public static final String REGISTERS_PATH = "/v1/registers";
  public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
  /** Seconds a client should wait after a 503: about the producer's own timeout. */
  public static final int RETRY_AFTER_SECONDS = 10;
  /** HTTP 422 Unprocessable Content: some rows were rejected (the accepted ones are written). */
  public static final int SOME_REJECTED = 422;

  private static final Logger LOG = LoggerFactory.getLogger(IngestHttp.class);
  private static final JsonFactory JSON = JsonFactory.builder().build();
  private static final Map<String, IngestFormat> EVENT_TYPES = Map.of(
      "application/json", IngestFormat.JSON,
      "application/x-ndjson", IngestFormat.JSON_LINES,
      "application/jsonl", IngestFormat.JSON_LINES,
      "application/jsonlines", IngestFormat.JSON_LINES,
      "application/x-jsonlines", IngestFormat.JSON_LINES);
  private static final Map<String, IngestFormat> REGISTER_TYPES = Map.of(
      "text/csv", IngestFormat.CSV,
      "application/csv", IngestFormat.CSV);

  private IngestHttp() {}

  /** Mounts both endpoints with the default body limit of 10 MiB. */
  public static void mount(HttpServer server, IngestService service) {
    mount(server, service, DEFAULT_MAX_BODY_BYTES);
  }

  /** Mounts {@value #EVENTS_PATH} and {@value #REGISTERS_PATH}; bodies over {@code maxBodyBytes} get 413. */
  public static void mount(HttpServer server, IngestService service, long maxBodyBytes) {
    Objects.requireNonNull(service, "service");
    if (maxBodyBytes < 1 || maxBodyBytes > Integer.MAX_VALUE - 1) {
      throw new IllegalArgumentException("ingest.max.body.bytes: expected 1.." + (Integer.MAX_VALUE - 1) + ", got "
          + maxBodyBytes);
    }
    HttpAccess.protect(server.createContext(EVENTS_PATH, new Handler(service, EVENTS_PATH, EVENT_TYPES, maxBodyBytes)),
        Role.SERVICE);
    HttpAccess.protect(server.createContext(REGISTERS_PATH, new Handler(service, REGISTERS_PATH, REGISTER_TYPES, maxBodyBytes)),
        Role.SERVICE);
  }

  /** An answer other than per-row results. */
  private record Problem(int status, String code, String message, long line) {}

  private static final class Handler implements HttpHandler {

    private final IngestService service;
    private final String path;
    private final Map<String, IngestFormat> types;
    private final long maxBodyBytes;

    Handler(IngestService service, String path, Map<String, IngestFormat> types, long maxBodyBytes) {
      this.service = service;
      this.path = path;
      this.types = types;
      this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
      try (exchange) {
        try {
          answer(exchange);
        } catch (RuntimeException e) {
          LOG.error("Ingest request to {} failed unexpectedly", path, e);
          problem(exchange, new Problem(500, "INTERNAL_ERROR",
              "the ingest failed unexpectedly (a bug, not your data); it is logged on the server", 0));
        }
      }
    }

    private void answer(HttpExchange exchange) throws IOException {
      if (!exchange.getRequestURI().getPath().equals(path)) {
        problem(exchange, new Problem(404, "NOT_FOUND", "no such resource: expected " + path, 0));
        return;
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        exchange.getResponseHeaders().set("Allow", "POST");
        problem(exchange, new Problem(405, "METHOD_NOT_ALLOWED",
            "method " + exchange.getRequestMethod() + ": expected POST", 0));
        return;
      }
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      IngestFormat format = formatOf(contentType);
      if (format == null) {
        problem(exchange, new Problem(415, "UNSUPPORTED_MEDIA_TYPE", "Content-Type "
            + (contentType == null ? "missing" : "\"" + cut(contentType) + "\"") + ": expected one of "
            + String.join(", ", types.keySet().stream().sorted().toList()) + " (charset utf-8 if given)", 0));
        return;
      }
      String declaredLength = exchange.getRequestHeaders().getFirst("Content-Length");
      if (declaredLength != null && isOver(declaredLength)) {
        problem(exchange, tooLarge());
        return;
      }
      byte[] body = readAtMost(exchange.getRequestBody(), maxBodyBytes + 1);
      if (body.length > maxBodyBytes) {
        problem(exchange, tooLarge());
        return;
      }
      String text;
      try {
        text = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
            .decode(ByteBuffer.wrap(body)).toString();
      } catch (CharacterCodingException e) {
        problem(exchange, new Problem(400, "UNREADABLE_BODY", "body: expected UTF-8 text, got bytes that are not", 0));
        return;
      }
      IngestResult result;
      try {
        result = service.ingest(text, format, "http " + path);
      } catch (InputRefusedException e) {
        problem(exchange, new Problem(400, e.code(), e.getMessage(), e.line()));
        return;
      } catch (IngestUnavailableException e) {
        exchange.getResponseHeaders().set("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        problem(exchange, new Problem(503, "UNAVAILABLE", e.getMessage(), 0));
        return;
      }
      respond(exchange, result.rejected() == 0 ? 200 : SOME_REJECTED, results(result));
    }

    private IngestFormat formatOf(String contentType) {
      if (contentType == null) {
        return null;
      }
      String[] parts = contentType.split(";");
      IngestFormat format = types.get(parts[0].strip().toLowerCase(Locale.ROOT));
      for (int i = 1; i < parts.length && format != null; i++) {
        String[] parameter = parts[i].strip().split("=", 2);
        if (parameter[0].strip().equalsIgnoreCase("charset") && (parameter.length < 2
            || !unquote(parameter[1].strip()).equalsIgnoreCase("utf-8"))) {
          return null;
        }
      }
      return format;
    }

    private boolean isOver(String declaredLength) {
      try {
        return Long.parseLong(declaredLength.strip()) > maxBodyBytes;
      } catch (NumberFormatException e) {
        return false; // the server itself rejects a malformed length; reading enforces the limit anyway
      }
    }

    private Problem tooLarge() {
      return new Problem(413, "BODY_TOO_LARGE", "body: expected at most " + maxBodyBytes
          + " bytes; split the input, or use peerpulse ingest FILE for large files", 0);
    }
  }

  private static byte[] readAtMost(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    byte[] buffer = new byte[8192];
    long total = 0;
    int n;
    while (total < limit && (n = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total))) > 0) {
      out.write(buffer, 0, n);
      total += n;
    }
    return out.toByteArray();
  }

  /** {@code {"accepted":n,"rejected":m,"results":[{"line":1,"status":"accepted"}, ...]}} */
  static byte[] results(IngestResult result) {
    return json(json -> {
      json.writeStartObject();
      json.writeNumberField("accepted", result.accepted());
      json.writeNumberField("rejected", result.rejected());
      json.writeArrayFieldStart("results");
      for (RowResult row : result.rows()) {
        json.writeStartObject();
        json.writeNumberField("line", row.line());
        if (row.isAccepted()) {
          json.writeStringField("status", "accepted");
        } else {
          json.writeStringField("status", "rejected");
          json.writeStringField("reason", row.reason().name());
          if (row.field() != null) {
            json.writeStringField("field", row.field());
          }
          json.writeStringField("message", row.message());
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    });
  }

  private static void problem(HttpExchange exchange, Problem problem) throws IOException {
    respond(exchange, problem.status(), json(json -> {
      json.writeStartObject();
      json.writeStringField("error", problem.code());
      json.writeStringField("message", problem.message());
      if (problem.line() > 0) {
        json.writeNumberField("line", problem.line());
      }
      json.writeEndObject();
    }));
  }

  private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private interface JsonWriting {
    void write(JsonGenerator json) throws IOException;
  }

  private static byte[] json(JsonWriting writing) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      writing.write(json);
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  private static String unquote(String value) {
    return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"") ? value.substring(1, value.length() - 1) : value;
  }

  private static String cut(String text) {
    String shown = text.length() <= 80 ? text : text.substring(0, 80) + "…";
    return shown.replaceAll("\\p{Cntrl}", "?");
  }
}
