package io.peerpulse.registry.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.peerpulse.registry.core.RegistryException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns exchanges into {@link Request}s for {@link RegistryRoutes} and every outcome into
 * Confluent's answer: {@code application/vnd.schemaregistry.v1+json}, errors as
 * {@code {"error_code":…,"message":…}} with the matching status. Bad input never yields a 500.
 */
final class RegistryHttpHandler implements HttpHandler {

  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttpHandler.class);
  /** What Confluent's resources consume (JAX-RS {@code @Consumes}), plus "no type given". */
  private static final Set<String> ACCEPTED_TYPES = Set.of(
      "application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
      "application/json", "application/octet-stream");
  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

  private final RegistryRoutes routes;
  private final BasicAuth auth;

  RegistryHttpHandler(RegistryRoutes routes, BasicAuth auth) {
    this.routes = routes;
    this.auth = auth;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) { // closed even if an Error escapes, so no client waits on a dead exchange
      send(exchange, respond(exchange));
    }
  }

  private Response respond(HttpExchange exchange) throws IOException {
    try {
      return answer(exchange);
    } catch (RegistryException e) {
      return Response.error(e.httpStatus(), e.errorCode(), e.getMessage());
    } catch (HttpError e) {
      return Response.error(e.status(), e.status(), e.getMessage());
    } catch (RuntimeException e) {
      LOG.error("Unexpected failure answering {} {}", exchange.getRequestMethod(),
          exchange.getRequestURI().getRawPath(), e);
      return Response.error(500, 500, "Internal Server Error: " + e);
    }
  }

  private Response answer(HttpExchange exchange) throws IOException {
    if (!auth.accepts(exchange.getRequestHeaders().getFirst("Authorization"))) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"SchemaRegistry\"");
      return Response.error(401, 401,
          "Unauthorized: this registry requires HTTP Basic credentials");
    }
    byte[] body = readBody(exchange.getRequestBody());
    if (body.length > 0) {
      checkContentType(exchange.getRequestHeaders().getFirst("Content-Type"));
    }
    Request request = Request.of(exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath(), exchange.getRequestURI().getRawQuery(), body);
    return routes.handle(request);
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
    if (body.length > MAX_BODY_BYTES) {
      throw new HttpError(413, "Request body larger than " + MAX_BODY_BYTES + " bytes");
    }
    return body;
  }

  private static void checkContentType(String header) {
    if (header == null || header.isBlank()) {
      return;
    }
    String type = header.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!ACCEPTED_TYPES.contains(type) && !type.equals("*/*")) {
      throw HttpError.unsupportedMediaType(header);
    }
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
    boolean head = exchange.getRequestMethod().equalsIgnoreCase("HEAD");
    exchange.sendResponseHeaders(response.status(), head ? -1 : response.body().length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(response.body());
      }
    }
  }
}
