package io.peerpulse.registry.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;

/** Status and body of an answer; the body is always JSON (a raw schema is JSON too). */
record Response(int status, byte[] body) {

  static final ObjectMapper JSON = new ObjectMapper();

  static Response ok(Object value) {
    return new Response(200, write(JSON.valueToTree(value)));
  }

  static Response ok(JsonNode node) {
    return new Response(200, write(node));
  }

  /** A schema's own text as the whole body, for the {@code /schema} endpoints. */
  static Response raw(String json) {
    return new Response(200, json.getBytes(StandardCharsets.UTF_8));
  }

  static Response error(int status, int errorCode, String message) {
    ObjectNode node = JSON.createObjectNode();
    node.put("error_code", errorCode);
    node.put("message", message);
    return new Response(status, write(node));
  }

  private static byte[] write(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a JSON tree", e);
    }
  }
}
