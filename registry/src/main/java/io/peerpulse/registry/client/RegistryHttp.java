package io.peerpulse.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the REST client: Confluent's media types, authorization, URL failover and
 * retries with backoff. Answers parsed JSON; registry errors become {@link RestClientException}.
 *
 * <p>Failover and retry interleave: a connection failure or a retriable status (408, 429, 5xx)
 * moves on to the next URL at once, and only when every URL has failed in a round does the client
 * back off before the next round. Confluent's client instead retries one URL
 * {@code max.retries} times before failing over; trying a healthy replica first gives the same
 * number of attempts with less waiting. A 4xx other than 408/429 is an answer, never retried.
 */
final class RegistryHttp {

  static final String ACCEPT =
      "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, "
          + "application/json";
  static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
  static final ObjectMapper JSON = new ObjectMapper();

  private static final Logger LOG = LoggerFactory.getLogger(RegistryHttp.class);

  /** One registry URL: the base without user info, and the header it authenticates with. */
  private record Endpoint(String base, Optional<String> authorization) {
  }

  private final List<Endpoint> endpoints;
  private final AtomicInteger current;
  private final HttpClient http;
  private final Duration readTimeout;
  private final RetryPolicy retry;
  private final Map<String, String> headers;

  RegistryHttp(RegistryClientConfig config) {
    this.endpoints = config.urls().stream()
        .map(url -> new Endpoint(withoutUserInfo(url), config.credentials().header(url)))
        .toList();
    this.current = new AtomicInteger(config.randomizeUrls()
        ? ThreadLocalRandom.current().nextInt(endpoints.size()) : 0);
    HttpClient.Builder builder = HttpClient.newBuilder()
        // HTTP/1.1: no h2c upgrade dance with registries behind plain-HTTP proxies
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(config.connectTimeout());
    config.sslContext().ifPresent(builder::sslContext);
    this.http = builder.build();
    this.readTimeout = config.readTimeout();
    this.retry = config.retry();
    this.headers = config.headers();
  }

  /** The configured URLs without credentials, for messages. */
  String location() {
    return endpoints.stream().map(Endpoint::base).collect(Collectors.joining(","));
  }

  JsonNode get(String path) {
    return send("GET", path, null);
  }

  JsonNode post(String path, JsonNode body) {
    return send("POST", path, body);
  }

  JsonNode put(String path, JsonNode body) {
    return send("PUT", path, body);
  }

  JsonNode delete(String path) {
    return send("DELETE", path, null);
  }

  /** {@code value} encoded as one URL path segment (subjects may hold '/', ' ', ':' ...). */
  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode send(String method, String path, JsonNode body) {
    byte[] payload = body == null ? null : toBytes(body);
    Exception last = null;
    for (int round = 0; round <= retry.maxRetries(); round++) {
      if (round > 0) {
        sleep(retry.delayAfter(round - 1));
      }
      for (int tried = 0; tried < endpoints.size(); tried++) {
        int index = current.get();
        Endpoint endpoint = endpoints.get(index);
        try {
          return attempt(endpoint, method, path, payload);
        } catch (RestClientException e) {
          if (!RetryPolicy.isRetriable(e.status())) {
            throw e;
          }
          last = e;
        } catch (IOException e) {
          last = e;
        }
        LOG.warn("Schema registry request {} {}{} failed ({}); trying the next URL if any",
            method, endpoint.base(), path, last.toString());
        current.compareAndSet(index, (index + 1) % endpoints.size());
      }
    }
    if (last instanceof RestClientException e) {
      throw e;
    }
    throw new UncheckedIOException("Schema registry " + location() + " unreachable for "
        + method + " " + path + " after " + (retry.maxRetries() + 1) + " round(s)",
        (IOException) last);
  }

  private JsonNode attempt(Endpoint endpoint, String method, String path, byte[] payload)
      throws IOException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint.base() + path))
        .timeout(readTimeout)
        .header("Accept", ACCEPT);
    headers.forEach(request::header);
    endpoint.authorization().ifPresent(value -> request.header("Authorization", value));
    if (payload == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", CONTENT_TYPE)
          .method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException(
          "Interrupted while calling the schema registry at " + endpoint.base()));
    }
    int status = response.statusCode();
    byte[] body = response.body();
    if (status == 200 || status == 207) {
      return body.length == 0 ? NullNode.getInstance() : JSON.readTree(body);
    }
    if (status == 204) {
      return NullNode.getInstance();
    }
    throw error(status, body);
  }

  private static RestClientException error(int status, byte[] body) {
    String text = new String(body, StandardCharsets.UTF_8);
    try {
      JsonNode node = JSON.readTree(body);
      if (node != null && node.isObject() && node.has("error_code")) {
        return new RestClientException(node.path("message").asText(""), status,
            node.get("error_code").asInt());
      }
    } catch (IOException notJson) {
      // fall through: a proxy's HTML error page, say
    }
    String detail = text.isEmpty() ? "Error"
        : "Unable to parse error message from schema registry: '(" + text + ")'";
    return new RestClientException(detail, status, RestClientException.JSON_PARSE_ERROR_CODE);
  }

  private static byte[] toBytes(JsonNode body) {
    try {
      return JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(Duration delay) {
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException(
          "Interrupted while waiting to retry a schema registry request"));
    }
  }

  /** Credentials go in the Authorization header, never on the wire in the URL. */
  private static String withoutUserInfo(URI url) {
    try {
      String base = new URI(url.getScheme(), null, url.getHost(), url.getPort(), url.getPath(),
          null, null).toString();
      return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("Bad schema registry URL " + url.getHost(), e);
    }
  }

  /**
   * Java 21 made {@link HttpClient} closeable; on 17 its threads end once it is unreachable.
   */
  void close() {
    if (http instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        LOG.debug("Closing the HTTP client failed", e);
      }
    }
  }

  static List<String> texts(JsonNode array) {
    List<String> result = new ArrayList<>();
    array.forEach(node -> result.add(node.asText()));
    return result;
  }
}
