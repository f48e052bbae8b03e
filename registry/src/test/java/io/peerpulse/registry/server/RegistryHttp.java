package io.peerpulse.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A tiny Confluent-protocol HTTP client for tests: raw requests, parsed replies. */
final class RegistryHttp {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String V1_JSON = "application/vnd.schemaregistry.v1+json";

  /** One reply; {@code json} is null when the body is not JSON. */
  record Reply(int status, String body, JsonNode json, String contentType) {
    int errorCode() {
      return json.path("error_code").asInt(-1);
    }
  }

  private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI base;
  private final String authorization;

  RegistryHttp(URI base) {
    this(base, null);
  }

  RegistryHttp(URI base, String userColonPassword) {
    this.base = base;
    this.authorization = userColonPassword == null ? null : "Basic " + Base64.getEncoder()
        .encodeToString(userColonPassword.getBytes(StandardCharsets.UTF_8));
  }

  Reply get(String path) {
    return send("GET", path, null, V1_JSON);
  }

  Reply post(String path, String body) {
    return send("POST", path, body, V1_JSON);
  }

  Reply put(String path, String body) {
    return send("PUT", path, body, V1_JSON);
  }

  Reply delete(String path) {
    return send("DELETE", path, null, V1_JSON);
  }

  /** Registers {@code schema} (an Avro JSON text) and returns the reply. */
  Reply register(String subject, String schema) {
    return post("/subjects/" + subject + "/versions", schemaBody(schema));
  }

  /** Registers and returns the id, failing the test on any other answer. */
  int registerOk(String subject, String schema) {
    Reply reply = register(subject, schema);
    if (reply.status() != 200) {
      throw new AssertionError("register under " + subject + " answered " + reply.status() + " "
          + reply.body());
    }
    return reply.json().get("id").asInt();
  }

  static String schemaBody(String schema) {
    return JSON.createObjectNode().put("schema", schema).toString();
  }

  Reply send(String method, String path, String body, String contentType) {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.header("Accept", V1_JSON);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    try {
      HttpResponse<String> response = client.send(request.build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode json;
      try {
        json = JSON.readTree(response.body());
      } catch (IOException e) {
        json = null;
      }
      return new Reply(response.statusCode(), response.body(), json,
          response.headers().firstValue("Content-Type").orElse(null));
    } catch (IOException e) {
      throw new AssertionError(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
