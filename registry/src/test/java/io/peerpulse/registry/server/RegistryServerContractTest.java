package io.peerpulse.registry.server;

import static io.peerpulse.registry.server.Schemas.V1;
import static io.peerpulse.registry.server.Schemas.V2_WITHOUT_DEFAULT;
import static io.peerpulse.registry.server.Schemas.V2_WITH_DEFAULT;
import static io.peerpulse.registry.server.Schemas.field;
import static io.peerpulse.registry.server.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.peerpulse.registry.server.RegistryHttp.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The REST contract of Confluent Schema Registry, endpoint by endpoint and error code by error
 * code, against a server on an ephemeral port with an in-memory store (a fresh one per test).
 */
class RegistryServerContractTest {

  private RegistryServer server;
  private RegistryHttp http;

  @BeforeEach
  void start() {
    server = RegistryServer.start(RegistryServerConfig.builder().host("127.0.0.1").port(0).build());
    http = new RegistryHttp(server.url());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static String canonical(String schema) {
    return new Schema.Parser().parse(schema).toString();
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> values = new ArrayList<>();
    array.forEach(n -> values.add(n.asInt()));
    return values;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.asText()));
    return values;
  }

  private static void assertError(Reply reply, int status, int errorCode) {
    assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
    assertThat(reply.errorCode()).as("error_code of %s", reply.body()).isEqualTo(errorCode);
    assertThat(reply.json().path("message").asText()).isNotBlank();
    assertThat(reply.contentType()).isEqualTo(RegistryHttp.V1_JSON);
  }

  @Nested
  class Basics {

    @Test
    void rootAnswersAnEmptyObjectInConfluentsMediaType() {
      Reply reply = http.get("/");
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.body()).isEqualTo("{}");
      assertThat(reply.contentType()).isEqualTo(RegistryHttp.V1_JSON);
    }

    @Test
    void schemaTypesListsAvroOnly() {
      assertThat(texts(http.get("/schemas/types").json())).containsExactly("AVRO");
    }

    @Test
    void unknownPathIs404AndWrongMethodIs405() {
      assertError(http.get("/nothing/here"), 404, 404);
      assertError(http.get("/subjects/s/versions/1/nothing"), 404, 404);
      assertError(http.send("PATCH", "/subjects", null, null), 405, 405);
      assertError(http.put("/subjects/s/versions", RegistryHttp.schemaBody(V1)), 405, 405);
    }

    @Test
    void acceptsConfluentsThreeContentTypesAndRejectsOthersWith415() {
      String body = RegistryHttp.schemaBody(V1);
      assertThat(http.send("POST", "/subjects/a/versions", body, "application/json").status())
          .isEqualTo(200);
      assertThat(http.send("POST", "/subjects/b/versions", body,
          "application/vnd.schemaregistry+json").status()).isEqualTo(200);
      assertThat(http.send("POST", "/subjects/c/versions", body,
          "application/vnd.schemaregistry.v1+json; charset=utf-8").status()).isEqualTo(200);
      assertError(http.send("POST", "/subjects/d/versions", body, "text/plain"), 415, 415);
    }

    @Test
    void oddInputNeverGivesA500() {
      List<String> bodies = List.of("null", "42", "\"text\"", "{\"schema\":null}",
          "{\"schema\":42}", "{\"schema\":{\"type\":\"string\"}}",
          "{\"schema\":\"\\\"string\\\"\",\"references\":{}}",
          "{\"schema\":\"\\\"string\\\"\",\"references\":[{\"name\":1}]}",
          RegistryHttp.schemaBody("{\"type\":\"record\",\"name\":\"R\",\"fields\":["
              + "{\"name\":\"a\",\"type\":\"int\"},{\"name\":\"a\",\"type\":\"int\"}]}"),
          RegistryHttp.schemaBody("{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"A\"]}"),
          RegistryHttp.schemaBody("{\"type\":\"fixed\",\"name\":\"F\",\"size\":-1}"),
          RegistryHttp.schemaBody("[\"null\",\"null\"]"),
          RegistryHttp.schemaBody("{\"type\":\"record\",\"name\":\"1bad\",\"fields\":[]}"),
          "[".repeat(5000));
      for (String body : bodies) {
        for (String path : List.of("/subjects/s/versions", "/subjects/s",
            "/compatibility/subjects/s/versions/latest")) {
          Reply reply = http.post(path, body);
          assertThat(reply.status()).as("%s %s -> %s", path, body, reply.body())
              .isBetween(400, 499);
          assertThat(reply.json().has("error_code")).isTrue();
        }
      }
      for (String path : List.of("/subjects/%E2%82/versions", "/schemas/ids/99999999999",
          "/subjects/s/versions/99999999999", "/config/s?defaultToGlobal=maybe",
          "/subjects/s/versions/%00")) {
        assertThat(http.get(path).status()).as(path).isBetween(400, 499);
      }
    }

    @Test
    void malformedJsonIs400LikeConfluentsJsonParseExceptionMapper() {
      assertError(http.post("/subjects/s/versions", "{\"schema\": "), 400, 400);
      assertError(http.post("/subjects/s/versions", "[1,2]"), 400, 400);
      assertError(http.post("/subjects/s/versions", ""), 400, 400);
      assertError(http.put("/config", "not json"), 400, 400);
    }
  }

  @Nested
  class Registration {

    @Test
    void registerReturnsAGlobalIdAndStoresTheCanonicalText() {
      Reply reply = http.register("orders-value", V1);
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.body()).isEqualTo("{\"id\":1}");

      JsonNode byId = http.get("/schemas/ids/1").json();
      assertThat(byId.get("schema").asText()).isEqualTo(canonical(V1));
      assertThat(byId.has("schemaType")).as("schemaType is omitted for Avro").isFalse();
      assertThat(http.get("/schemas/ids/1?subject=orders-value").json().get("schema").asText())
          .isEqualTo(canonical(V1));
      Reply raw = http.get("/schemas/ids/1/schema");
      assertThat(raw.status()).isEqualTo(200);
      assertThat(raw.body()).isEqualTo(canonical(V1));
    }

    @Test
    void sameSchemaGetsTheSameIdAcrossSubjectsAndOnReRegistration() {
      int first = http.registerOk("a-value", V1);
      String reformatted = V1.replace(",", " ,\n  ").replace("{", "{ ");
      assertThat(http.registerOk("b-value", reformatted)).isEqualTo(first);
      assertThat(http.registerOk("a-value", V1)).isEqualTo(first);
      assertThat(ints(http.get("/subjects/a-value/versions").json())).containsExactly(1);
      assertThat(http.registerOk("a-value", V2_WITH_DEFAULT)).isEqualTo(first + 1);

      JsonNode versions = http.get("/schemas/ids/" + first + "/versions").json();
      assertThat(versions.toString())
          .isEqualTo("[{\"subject\":\"a-value\",\"version\":1},{\"subject\":\"b-value\",\"version\":1}]");
      assertThat(texts(http.get("/schemas/ids/" + first + "/subjects").json()))
          .containsExactly("a-value", "b-value");
    }

    @Test
    void unknownIdIs40403() {
      assertError(http.get("/schemas/ids/42"), 404, 40403);
      assertError(http.get("/schemas/ids/42/schema"), 404, 40403);
      assertError(http.get("/schemas/ids/42/versions"), 404, 40403);
      assertError(http.get("/schemas/ids/forty-two"), 404, 40403);
    }

    @Test
    void invalidSchemaIs42201() {
      assertError(http.register("s", "{\"type\":\"record\",\"name\":\"X\"}"), 422, 42201);
      assertError(http.register("s", "not avro at all"), 422, 42201);
      assertError(http.register("s", record("X", field("a", "int", "\"text\""))), 422, 42201);
      assertError(http.post("/subjects/s/versions", "{\"schemaType\":\"AVRO\"}"), 422, 42201);
      assertError(http.post("/subjects/s/versions",
          "{\"schema\":\"{}\",\"schemaType\":\"JSON\"}"), 422, 42201);
      assertThat(http.get("/subjects").json()).isEmpty();
    }

    @Test
    void normalizeIsAccepted() {
      Reply reply = http.post("/subjects/s/versions?normalize=true", RegistryHttp.schemaBody(V1));
      assertThat(reply.status()).isEqualTo(200);
      assertThat(http.post("/subjects/s?normalize=true", RegistryHttp.schemaBody(V1))
          .json().get("id").asInt()).isEqualTo(reply.json().get("id").asInt());
    }

    @Test
    void subjectNamesWithColonsDotsDashesAndEncodedSlashesWork() {
      String subject = "ctx:io.peerpulse.Event-value/x";
      String encoded = URLEncoder.encode(subject, StandardCharsets.UTF_8);
      int id = http.registerOk(encoded, V1);
      assertThat(texts(http.get("/subjects").json())).containsExactly(subject);
      JsonNode latest = http.get("/subjects/" + encoded + "/versions/latest").json();
      assertThat(latest.get("subject").asText()).isEqualTo(subject);
      assertThat(latest.get("id").asInt()).isEqualTo(id);
    }

    @Test
    void referencesAreResolvedStoredAndProtectTheirTarget() {
      String address = record("Address", field("street", "string"));
      http.registerOk("address", address);
      String person = record("Person", "{\"name\":\"home\",\"type\":\"test.Address\"}");
      String body = RegistryHttp.JSON.createObjectNode().put("schema", person)
          .set("references", RegistryHttp.JSON.createArrayNode().add(RegistryHttp.JSON
              .createObjectNode().put("name", "test.Address").put("subject", "address")
              .put("version", 1))).toString();
      Reply registered = http.post("/subjects/person/versions", body);
      assertThat(registered.status()).as(registered.body()).isEqualTo(200);

      JsonNode version = http.get("/subjects/person/versions/1").json();
      assertThat(version.get("references").toString())
          .isEqualTo("[{\"name\":\"test.Address\",\"subject\":\"address\",\"version\":1}]");
      assertThat(version.get("schema").asText()).doesNotContain("street");
      assertThat(http.post("/subjects/person", body).json().get("id").asInt())
          .isEqualTo(registered.json().get("id").asInt());

      assertError(http.delete("/subjects/address/versions/1"), 422, 42206);
      assertError(http.post("/subjects/other/versions",
          body.replace("\"version\":1", "\"version\":9")), 422, 42201);
    }
  }

  @Nested
  class SubjectsAndVersions {

    @Test
    void listsSubjectsAndVersions() {
      http.registerOk("b", V1);
      http.registerOk("a", V1);
      http.registerOk("a", V2_WITH_DEFAULT);
      assertThat(texts(http.get("/subjects").json())).containsExactly("a", "b");
      assertThat(texts(http.get("/subjects?subjectPrefix=a").json())).containsExactly("a");
      assertThat(ints(http.get("/subjects/a/versions").json())).containsExactly(1, 2);
    }

    @Test
    void getsAVersionByNumberLatestAndMinusOne() {
      int id1 = http.registerOk("s", V1);
      int id2 = http.registerOk("s", V2_WITH_DEFAULT);
      JsonNode v1 = http.get("/subjects/s/versions/1").json();
      assertThat(v1.get("subject").asText()).isEqualTo("s");
      assertThat(v1.get("version").asInt()).isEqualTo(1);
      assertThat(v1.get("id").asInt()).isEqualTo(id1);
      assertThat(v1.get("schema").asText()).isEqualTo(canonical(V1));
      assertThat(http.get("/subjects/s/versions/latest").json().get("id").asInt()).isEqualTo(id2);
      assertThat(http.get("/subjects/s/versions/-1").json().get("version").asInt()).isEqualTo(2);
      assertThat(http.get("/subjects/s/versions/2/schema").body())
          .isEqualTo(canonical(V2_WITH_DEFAULT));
    }

    @Test
    void unknownSubjectIs40401() {
      assertError(http.get("/subjects/none/versions"), 404, 40401);
      assertError(http.get("/subjects/none/versions/1"), 404, 40401);
      assertError(http.get("/subjects/none/versions/latest"), 404, 40401);
      assertError(http.post("/subjects/none", RegistryHttp.schemaBody(V1)), 404, 40401);
      assertError(http.delete("/subjects/none"), 404, 40401);
      assertError(http.delete("/subjects/none/versions/1"), 404, 40401);
    }

    @Test
    void unknownVersionIs40402() {
      http.registerOk("s", V1);
      assertError(http.get("/subjects/s/versions/2"), 404, 40402);
      assertError(http.get("/subjects/s/versions/2/schema"), 404, 40402);
      assertError(http.delete("/subjects/s/versions/2"), 404, 40402);
    }

    @Test
    void malformedVersionIs42202() {
      http.registerOk("s", V1);
      assertError(http.get("/subjects/s/versions/abc"), 422, 42202);
      assertError(http.get("/subjects/s/versions/0"), 422, 42202);
      assertError(http.get("/subjects/s/versions/-2"), 422, 42202);
      assertError(http.delete("/subjects/s/versions/1.5"), 422, 42202);
      assertError(http.post("/compatibility/subjects/s/versions/x",
          RegistryHttp.schemaBody(V1)), 422, 42202);
    }

    @Test
    void lookupFindsTheVersionOrAnswers40403() {
      int id = http.registerOk("s", V1);
      http.registerOk("s", V2_WITH_DEFAULT);
      JsonNode found = http.post("/subjects/s", RegistryHttp.schemaBody(V1)).json();
      assertThat(found.get("subject").asText()).isEqualTo("s");
      assertThat(found.get("id").asInt()).isEqualTo(id);
      assertThat(found.get("version").asInt()).isEqualTo(1);
      assertThat(found.get("schema").asText()).isEqualTo(canonical(V1));

      assertError(http.post("/subjects/s", RegistryHttp.schemaBody(V2_WITHOUT_DEFAULT)), 404,
          40403);
      assertError(http.post("/subjects/s", RegistryHttp.schemaBody("{bad")), 422, 42201);
    }
  }

  @Nested
  class Deletes {

    @Test
    void softThenPermanentDeleteOfAVersion() {
      int id = http.registerOk("s", V1);
      http.registerOk("s", V2_WITH_DEFAULT);

      assertError(http.delete("/subjects/s/versions/1?permanent=true"), 404, 40407);
      Reply soft = http.delete("/subjects/s/versions/1");
      assertThat(soft.status()).isEqualTo(200);
      assertThat(soft.body()).isEqualTo("1");

      assertError(http.get("/subjects/s/versions/1"), 404, 40402);
      assertThat(http.get("/subjects/s/versions/1?deleted=true").json().get("id").asInt())
          .isEqualTo(id);
      assertThat(ints(http.get("/subjects/s/versions").json())).containsExactly(2);
      assertThat(ints(http.get("/subjects/s/versions?deleted=true").json())).containsExactly(1, 2);
      assertError(http.post("/subjects/s", RegistryHttp.schemaBody(V1)), 404, 40403);
      assertThat(http.post("/subjects/s?deleted=true", RegistryHttp.schemaBody(V1)).json()
          .get("version").asInt()).isEqualTo(1);
      assertThat(http.get("/schemas/ids/" + id).status())
          .as("a soft-deleted schema stays readable by id, so consumers keep working")
          .isEqualTo(200);
      assertThat(http.get("/schemas/ids/" + id + "/versions").json()).isEmpty();
      assertThat(http.get("/schemas/ids/" + id + "/versions?deleted=true").json()).hasSize(1);

      assertError(http.delete("/subjects/s/versions/1"), 404, 40406);
      Reply permanent = http.delete("/subjects/s/versions/1?permanent=true");
      assertThat(permanent.status()).isEqualTo(200);
      assertThat(permanent.body()).isEqualTo("1");
      assertError(http.get("/subjects/s/versions/1?deleted=true"), 404, 40402);
      assertError(http.get("/schemas/ids/" + id), 404, 40403);
      assertError(http.delete("/subjects/s/versions/1?permanent=true"), 404, 40402);
    }

    @Test
    void softThenPermanentDeleteOfASubject() {
      int id = http.registerOk("s", V1);
      http.registerOk("s", V2_WITH_DEFAULT);
      http.registerOk("other", V1);

      assertError(http.delete("/subjects/s?permanent=true"), 404, 40405);
      Reply soft = http.delete("/subjects/s");
      assertThat(soft.status()).isEqualTo(200);
      assertThat(ints(soft.json())).containsExactly(1, 2);

      assertThat(texts(http.get("/subjects").json())).containsExactly("other");
      assertThat(texts(http.get("/subjects?deleted=true").json())).containsExactly("other", "s");
      assertError(http.get("/subjects/s/versions"), 404, 40401);
      assertError(http.get("/subjects/s/versions/latest"), 404, 40401);
      assertThat(ints(http.get("/subjects/s/versions?deleted=true").json()))
          .containsExactly(1, 2);
      assertError(http.delete("/subjects/s"), 404, 40404);

      Reply permanent = http.delete("/subjects/s?permanent=true");
      assertThat(ints(permanent.json())).containsExactly(1, 2);
      assertThat(texts(http.get("/subjects?deleted=true").json())).containsExactly("other");
      assertError(http.get("/subjects/s/versions?deleted=true"), 404, 40401);
      assertThat(http.get("/schemas/ids/" + id).status())
          .as("the id is still used by 'other'").isEqualTo(200);
      assertError(http.get("/schemas/ids/" + (id + 1)), 404, 40403);
    }

    @Test
    void reRegisteringAfterASoftDeleteAddsAVersionWithTheSameId() {
      int id = http.registerOk("s", V1);
      http.delete("/subjects/s");
      assertThat(http.registerOk("s", V1)).isEqualTo(id);
      assertThat(ints(http.get("/subjects/s/versions").json())).containsExactly(2);
    }

    @Test
    void idsAreNeverReusedAfterAPermanentDelete() {
      int id = http.registerOk("s", V1);
      http.delete("/subjects/s");
      http.delete("/subjects/s?permanent=true");
      int next = http.registerOk("t", V2_WITH_DEFAULT);
      assertThat(next).isGreaterThan(id);
    }
  }

  @Nested
  class Config {

    @Test
    void globalConfigDefaultsToBackwardAndCanBeSetAndReset() {
      assertThat(http.get("/config").body()).isEqualTo("{\"compatibilityLevel\":\"BACKWARD\"}");
      Reply put = http.put("/config", "{\"compatibility\":\"full_transitive\"}");
      assertThat(put.status()).isEqualTo(200);
      assertThat(put.body()).isEqualTo("{\"compatibility\":\"FULL_TRANSITIVE\"}");
      assertThat(http.get("/config").json().get("compatibilityLevel").asText())
          .isEqualTo("FULL_TRANSITIVE");
      assertThat(http.delete("/config").json().get("compatibilityLevel").asText())
          .isEqualTo("FULL_TRANSITIVE");
      assertThat(http.get("/config").json().get("compatibilityLevel").asText())
          .isEqualTo("BACKWARD");
    }

    @Test
    void subjectConfigIs40408UntilSetUnlessDefaultToGlobal() {
      http.registerOk("s", V1);
      assertError(http.get("/config/s"), 404, 40408);
      assertThat(http.get("/config/s?defaultToGlobal=true").json().get("compatibilityLevel")
          .asText()).isEqualTo("BACKWARD");
      assertThat(http.put("/config/s", "{\"compatibility\":\"NONE\"}").body())
          .isEqualTo("{\"compatibility\":\"NONE\"}");
      assertThat(http.get("/config/s").json().get("compatibilityLevel").asText())
          .isEqualTo("NONE");
      assertThat(http.delete("/config/s").json().get("compatibilityLevel").asText())
          .isEqualTo("NONE");
      assertError(http.get("/config/s"), 404, 40408);
      assertError(http.delete("/config/s"), 404, 40408);
      assertError(http.delete("/config/unknown"), 404, 40401);
    }

    @Test
    void configCanBeSetBeforeTheSubjectExists() {
      assertThat(http.put("/config/new-subject", "{\"compatibility\":\"FORWARD\"}").status())
          .isEqualTo(200);
      assertThat(http.get("/config/new-subject").json().get("compatibilityLevel").asText())
          .isEqualTo("FORWARD");
    }

    @Test
    void invalidLevelIs42203() {
      assertError(http.put("/config", "{\"compatibility\":\"SIDEWAYS\"}"), 422, 42203);
      assertError(http.put("/config/s", "{}"), 422, 42203);
    }
  }

  @Nested
  class CompatibilityEndpoint {

    @Test
    void testsAgainstLatestAndAGivenVersion() {
      http.registerOk("s", V1);
      String compatible = RegistryHttp.schemaBody(V2_WITH_DEFAULT);
      String incompatible = RegistryHttp.schemaBody(V2_WITHOUT_DEFAULT);
      assertThat(http.post("/compatibility/subjects/s/versions/latest", compatible).body())
          .isEqualTo("{\"is_compatible\":true}");
      assertThat(http.post("/compatibility/subjects/s/versions/1", incompatible).body())
          .isEqualTo("{\"is_compatible\":false}");
      assertThat(http.post("/compatibility/subjects/s/versions", incompatible).json()
          .get("is_compatible").asBoolean()).isFalse();

      JsonNode verbose = http.post("/compatibility/subjects/s/versions/latest?verbose=true",
          incompatible).json();
      assertThat(verbose.get("is_compatible").asBoolean()).isFalse();
      assertThat(verbose.get("messages").toString())
          .contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("oldSchemaVersion: 1");
      assertThat(http.post("/compatibility/subjects/s/versions/latest?verbose=true", compatible)
          .json().get("messages")).isEmpty();
    }

    @Test
    void latestOfAnUnknownSubjectIsCompatibleButAnExplicitVersionIsNot() {
      assertThat(http.post("/compatibility/subjects/none/versions/latest",
          RegistryHttp.schemaBody(V1)).json().get("is_compatible").asBoolean()).isTrue();
      assertError(http.post("/compatibility/subjects/none/versions/1",
          RegistryHttp.schemaBody(V1)), 404, 40401);
      http.registerOk("s", V1);
      assertError(http.post("/compatibility/subjects/s/versions/7",
          RegistryHttp.schemaBody(V1)), 404, 40402);
      assertError(http.post("/compatibility/subjects/s/versions/latest",
          RegistryHttp.schemaBody("{nope")), 422, 42201);
    }

    @Test
    void incompatibleRegistrationIs409With40901AndNamesTheProblem() {
      http.registerOk("s", V1);
      Reply reply = http.register("s", V2_WITHOUT_DEFAULT);
      assertError(reply, 409, 40901);
      assertThat(reply.json().get("message").asText())
          .contains("incompatible with an earlier schema for subject \"s\"")
          .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
      assertThat(ints(http.get("/subjects/s/versions").json())).containsExactly(1);
    }
  }

  @Nested
  class Modes {

    @Test
    void readOnlyRejectsWritesWith42205ButServesReads() {
      int id = http.registerOk("s", V1);
      assertThat(http.get("/mode").body()).isEqualTo("{\"mode\":\"READWRITE\"}");
      assertThat(http.put("/mode", "{\"mode\":\"READONLY\"}").body())
          .isEqualTo("{\"mode\":\"READONLY\"}");
      assertError(http.register("s", V2_WITH_DEFAULT), 422, 42205);
      assertError(http.register("t", V1), 422, 42205);
      assertError(http.delete("/subjects/s"), 422, 42205);
      assertError(http.delete("/subjects/s/versions/1"), 422, 42205);
      assertThat(http.get("/schemas/ids/" + id).status()).isEqualTo(200);
      assertThat(http.post("/subjects/s", RegistryHttp.schemaBody(V1)).status()).isEqualTo(200);

      http.put("/mode", "{\"mode\":\"READWRITE\"}");
      assertThat(http.register("s", V2_WITH_DEFAULT).status()).isEqualTo(200);
    }

    @Test
    void subjectModeOverridesTheGlobalOne() {
      assertError(http.get("/mode/s"), 404, 40409);
      assertThat(http.get("/mode/s?defaultToGlobal=true").json().get("mode").asText())
          .isEqualTo("READWRITE");
      http.put("/mode/s", "{\"mode\":\"READONLY\"}");
      assertError(http.register("s", V1), 422, 42205);
      assertThat(http.register("t", V1).status()).isEqualTo(200);
      assertThat(http.delete("/mode/s").json().get("mode").asText()).isEqualTo("READONLY");
      assertThat(http.register("s", V1).status()).isEqualTo(200);
    }

    @Test
    void invalidModeIs42204() {
      assertError(http.put("/mode", "{\"mode\":\"SOMETIMES\"}"), 422, 42204);
      assertError(http.put("/mode", "{\"mode\":\"IMPORT\"}"), 422, 42204);
    }
  }
}
