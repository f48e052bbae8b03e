package io.peerpulse.app.ops;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.kafka.streams.KafkaStreams.State;

/**
 * The answers of {@code GET /health/live} and {@code GET /health/ready}, for Kubernetes or Compose
 * probes.
 *
 * <ul>
 *   <li>live: 200 {@code {"status":"UP"}} while the process answers at all;
 *   <li>ready: 200 {@code {"status":"UP","state":"RUNNING","restoring_stores":0}} only when Kafka
 *       Streams is {@code RUNNING} and no store is restoring; otherwise 503 with
 *       {@code "status":"DOWN"}, the state ({@code CREATED}, {@code REBALANCING},
 *       {@code PENDING_SHUTDOWN}, {@code PENDING_ERROR}, {@code ERROR}, {@code NOT_RUNNING}, or
 *       {@code STARTING} before the client exists) and a message.
 * </ul>
 *
 * A RUNNING client can still be restoring some tasks in the background (the state updater), and
 * its stores answer nothing useful until then, so readiness counts restorations too.
 */
public final class Health {

  /** What a probe sees of the streams application; {@code state} null while it is being built. */
  public record StreamsStatus(State state, int restoringStores) {}

  /** An HTTP status and a JSON body. */
  public record Answer(int status, String body) {}

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private Health() {}

  public static Answer live() {
    return new Answer(200, json(json -> json.writeStringField("status", "UP")));
  }

  public static Answer ready(StreamsStatus status) {
    State state = status == null ? null : status.state();
    int restoring = status == null ? 0 : status.restoringStores();
    boolean ready = state == State.RUNNING && restoring == 0;
    String message = ready ? null : messageOf(state, restoring);
    return new Answer(ready ? 200 : 503, json(json -> {
      json.writeStringField("status", ready ? "UP" : "DOWN");
      json.writeStringField("state", state == null ? "STARTING" : state.name());
      json.writeNumberField("restoring_stores", restoring);
      if (message != null) {
        json.writeStringField("message", message);
      }
    }));
  }

  private static String messageOf(State state, int restoring) {
    if (state == null) {
      return "the streams application is being built";
    }
    return switch (state) {
      case RUNNING -> restoring + " store partition(s) still restoring from their changelogs";
      case CREATED -> "the streams application has not started yet";
      case REBALANCING -> "the streams application is rebalancing or restoring state";
      case PENDING_SHUTDOWN, NOT_RUNNING -> "the streams application is stopping or stopped";
      case PENDING_ERROR, ERROR -> "the streams application stopped with an error (see the log)";
    };
  }

  private interface Fields {
    void write(JsonGenerator json) throws IOException;
  }

  private static String json(Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(128);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      fields.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
