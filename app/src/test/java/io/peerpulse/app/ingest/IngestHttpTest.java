package io.peerpulse.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.peerpulse.streams.topics.Topics;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP answers of the ingest API, on the JDK server, with Kafka's MockProducer behind. */
class IngestHttpTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long LIMIT = 4096;

  private final MockIngest ingest = MockIngest.withoutKey();
  private final HttpServer server = start();
  private final HttpClient client = HttpClient.newHttpClient();

  private HttpServer start() {
    try {
      HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      IngestHttp.mount(http, ingest.service, LIMIT);
      http.start();
      return http;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterEach
  void stop() {
    server.stop(0);
    ingest.close();
  }

  @Test
  void allAcceptedIs200WithOneResultPerRow() throws Exception {
    HttpResponse<String> response = post("/v1/events", "application/json",
        "[" + MockIngest.ENROLLED + "," + MockIngest.CONTACT + "]");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
    assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("""
        {"accepted":2,"rejected":0,"results":[{"line":1,"status":"accepted"},{"line":2,"status":"accepted"}]}"""));
    assertThat(ingest.sent(Topics.EVENTS)).hasSize(2);
  }

  @Test
  void someRejectedIs422WithReasonFieldAndMessageAndTheAcceptedRowsAreWritten() throws Exception {
    HttpResponse<String> response = post("/v1/events", "application/x-ndjson; charset=UTF-8",
        MockIngest.ENROLLED + "\n" + MockIngest.BAD_ARM + "\n");

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("""
        {"accepted":1,"rejected":1,"results":[{"line":1,"status":"accepted"},
         {"line":2,"status":"rejected","reason":"BAD_VALUE","field":"arm",
          "message":"arm: expected one of INTERVENTION, CONTROL, NONE, got \\"BOTH\\""}]}"""));
    assertThat(response.body()).doesNotContain("secretPerson");
    assertThat(ingest.sent(Topics.EVENTS)).hasSize(1);
    assertThat(ingest.sent(Topics.EVENTS_DLQ)).hasSize(1);
  }

  @Test
  void aRegisterIsAnsweredAtItsFileLines() throws Exception {
    HttpResponse<String> response = post("/v1/registers", "text/csv", """
        type,event_id,site_id,occurred_at,recorded_at,person_id,reason
        EXITED,e1,ulm,2021-06-30,2021-07-01T08:00:00Z,p1,MOVED
        EXITED,e2,ulm,2021-06-30,2021-07-01T08:00:00Z,,MOVED
        """);

    assertThat(response.statusCode()).isEqualTo(422);
    JsonNode results = JSON.readTree(response.body()).get("results");
    assertThat(results.get(1).get("line").asInt()).isEqualTo(3);
    assertThat(results.get(1).get("reason").asText()).isEqualTo("MISSING_FIELD");
    assertThat(results.get(1).get("field").asText()).isEqualTo("person_id");
  }

  @Test
  void aBodyThatCannotBeReadIs400AndWritesNothing() throws Exception {
    HttpResponse<String> notUtf8 = client.send(request("/v1/events", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {'{', (byte) 0xC3, '}'})).build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> brokenArray = post("/v1/events", "application/json", "[" + MockIngest.ENROLLED + ",");
    HttpResponse<String> rawWithoutKey = post("/v1/registers", "text/csv", "type,person_raw_id\nEXITED,MRN-0042-7731\n");
    HttpResponse<String> empty = post("/v1/events", "application/json", "");

    assertThat(notUtf8.statusCode()).isEqualTo(400);
    assertThat(error(notUtf8)).isEqualTo("UNREADABLE_BODY");
    assertThat(brokenArray.statusCode()).isEqualTo(400);
    assertThat(error(brokenArray)).isEqualTo("UNREADABLE_BODY");
    assertThat(rawWithoutKey.statusCode()).isEqualTo(400);
    assertThat(error(rawWithoutKey)).isEqualTo("RAW_IDENTIFIERS_WITHOUT_KEY");
    assertThat(JSON.readTree(rawWithoutKey.body()).get("message").asText()).contains("person_raw_id")
        .doesNotContain("MRN-0042");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(error(empty)).isEqualTo("EMPTY_BODY");
    assertThat(ingest.producer.history()).isEmpty();
  }

  @Test
  void wrongRequestsGetTheirOwnStatus() throws Exception {
    HttpResponse<String> tooLarge = post("/v1/events", "application/json", "[" + " ".repeat((int) LIMIT) + "]");
    HttpResponse<String> get = client.send(request("/v1/events", "application/json").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> xml = post("/v1/events", "application/xml", "<event/>");
    HttpResponse<String> latin1 = post("/v1/registers", "text/csv; charset=ISO-8859-1", "type\n");
    HttpResponse<String> csvToEvents = post("/v1/events", "text/csv", "type\n");
    HttpResponse<String> elsewhere = post("/v1/events/more", "application/json", MockIngest.ENROLLED);

    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(error(tooLarge)).isEqualTo("BODY_TOO_LARGE");
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(get.headers().firstValue("Allow")).hasValue("POST");
    assertThat(xml.statusCode()).isEqualTo(415);
    assertThat(JSON.readTree(xml.body()).get("message").asText())
        .isEqualTo("Content-Type \"application/xml\": expected one of application/json, application/jsonl, "
            + "application/jsonlines, application/x-jsonlines, application/x-ndjson (charset utf-8 if given)");
    assertThat(latin1.statusCode()).isEqualTo(415);
    assertThat(csvToEvents.statusCode()).isEqualTo(415);
    assertThat(elsewhere.statusCode()).isEqualTo(404);
    assertThat(ingest.producer.history()).isEmpty();
  }

  @Test
  void kafkaUnavailableIs503WithRetryAfter() throws Exception {
    ingest.producer.sendException = new TimeoutException("Topic peerpulse.events.v1 not present in metadata after 10000 ms.");

    HttpResponse<String> response = post("/v1/events", "application/json", MockIngest.ENROLLED);

    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.headers().firstValue("Retry-After")).hasValue("10");
    assertThat(error(response)).isEqualTo("UNAVAILABLE");
  }

  private HttpResponse<String> post(String path, String contentType, String body) throws Exception {
    return client.send(request(path, contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest.Builder request(String path, String contentType) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path))
        .header("Content-Type", contentType);
  }

  private static String error(HttpResponse<String> response) throws IOException {
    return JSON.readTree(response.body()).get("error").asText();
  }
}
