package io.peerpulse.registry.server;

import static io.peerpulse.registry.server.Schemas.V1;
import static io.peerpulse.registry.server.Schemas.V2_WITH_DEFAULT;
import static io.peerpulse.registry.server.Schemas.field;
import static io.peerpulse.registry.server.Schemas.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kafka-backed registry on a real in-process broker: state survives a restart, two servers on
 * one topic agree (and never hand out one id twice when written to concurrently), and the topic
 * holds Confluent's own record format.
 */
class KafkaRegistryIT {

  private static KafkaClusterTestKit cluster;

  @BeforeAll
  static void startKafka() throws Exception {
    cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
        .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
  }

  @AfterAll
  static void stopKafka() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static RegistryServer server(String topic) {
    return RegistryServer.start(RegistryServerConfig.builder()
        .host("127.0.0.1").port(0)
        .bootstrapServers(cluster.bootstrapServers())
        .topic(topic)
        .kafkaTimeout(Duration.ofSeconds(20))
        .build());
  }

  @Test
  void everySchemaIdVersionDeletionAndConfigSurvivesARestart() {
    String topic = "_schemas_restart";
    int idV1;
    int idV2;
    int idOther;
    try (RegistryServer first = server(topic)) {
      RegistryHttp http = new RegistryHttp(first.url());
      idV1 = http.registerOk("orders-value", V1);
      idV2 = http.registerOk("orders-value", V2_WITH_DEFAULT);
      assertThat(http.registerOk("copy-value", V1)).isEqualTo(idV1);
      idOther = http.registerOk("gone-value", record("Gone", field("g", "long")));
      http.delete("/subjects/gone-value");
      http.delete("/subjects/gone-value?permanent=true");
      http.delete("/subjects/copy-value/versions/1");
      http.put("/config", "{\"compatibility\":\"FULL\"}");
      http.put("/config/orders-value", "{\"compatibility\":\"NONE\"}");
      http.put("/mode/copy-value", "{\"mode\":\"READONLY\"}");
    }

    try (RegistryServer second = server(topic)) {
      RegistryHttp http = new RegistryHttp(second.url());
      assertThat(texts(http.get("/subjects").json())).containsExactly("orders-value");
      assertThat(texts(http.get("/subjects?deleted=true").json()))
          .containsExactly("copy-value", "orders-value");
      JsonNode v2 = http.get("/subjects/orders-value/versions/2").json();
      assertThat(v2.get("id").asInt()).isEqualTo(idV2);
      assertThat(http.get("/schemas/ids/" + idV1).status()).isEqualTo(200);
      // Every version of copy-value is soft-deleted, so, as in Confluent, the subject is unknown.
      assertThat(http.get("/subjects/copy-value/versions/1").errorCode()).isEqualTo(40401);
      assertThat(http.get("/subjects/copy-value/versions/1?deleted=true").json().get("id")
          .asInt()).isEqualTo(idV1);
      assertThat(http.get("/schemas/ids/" + idOther).errorCode()).isEqualTo(40403);
      assertThat(http.get("/config").json().get("compatibilityLevel").asText()).isEqualTo("FULL");
      assertThat(http.get("/config/orders-value").json().get("compatibilityLevel").asText())
          .isEqualTo("NONE");
      assertThat(http.get("/mode/copy-value").json().get("mode").asText()).isEqualTo("READONLY");

      // New ids continue after every id ever used, including the permanently deleted one.
      int next = http.registerOk("new-value", record("New", field("n", "boolean")));
      assertThat(next).isGreaterThan(Math.max(idOther, idV2));
    }
  }

  @Test
  void twoServersOnOneTopicAgree() {
    String topic = "_schemas_shared";
    try (RegistryServer a = server(topic); RegistryServer b = server(topic)) {
      RegistryHttp onA = new RegistryHttp(a.url());
      RegistryHttp onB = new RegistryHttp(b.url());
      int id = onA.registerOk("shared-value", V1);

      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        RegistryHttp.Reply reply = onB.get("/subjects/shared-value/versions/latest");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().get("id").asInt()).isEqualTo(id);
      });
      // B catches up with the log before it writes, so it reuses A's id and picks version 2.
      assertThat(onB.registerOk("other-value", V1)).isEqualTo(id);
      int idV2 = onB.registerOk("shared-value", V2_WITH_DEFAULT);
      assertThat(idV2).isNotEqualTo(id);
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(ints(onA.get("/subjects/shared-value/versions").json()))
              .containsExactly(1, 2));
      onB.put("/config/shared-value", "{\"compatibility\":\"FORWARD\"}");
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(onA.get("/config/shared-value").json().path("compatibilityLevel").asText())
              .isEqualTo("FORWARD"));
    }
  }

  @Test
  void concurrentWritersOnTwoServersNeverShareAnIdBetweenDifferentSchemas() throws Exception {
    String topic = "_schemas_race";
    try (RegistryServer a = server(topic); RegistryServer b = server(topic)) {
      List<RegistryHttp> clients = List.of(new RegistryHttp(a.url()), new RegistryHttp(b.url()));
      // Unrelated record types share subjects here; only id and version allocation is under test.
      clients.get(0).put("/config", "{\"compatibility\":\"NONE\"}");
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
          clients.get(1).get("/config").json().get("compatibilityLevel").asText())
          .isEqualTo("NONE"));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<int[]>> results = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
          int n = i;
          RegistryHttp client = clients.get(i % 2);
          Callable<int[]> task = () -> new int[] {n,
              client.registerOk("race-" + (n % 3), record("R" + n, field("f", "int")))};
          results.add(pool.submit(task));
        }
        Set<Integer> ids = new HashSet<>();
        for (Future<int[]> result : results) {
          ids.add(result.get()[1]);
        }
        assertThat(ids).as("16 different schemas got 16 different ids").hasSize(16);
        for (int id : ids) {
          JsonNode onA = clients.get(0).get("/schemas/ids/" + id).json();
          await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
              assertThat(clients.get(1).get("/schemas/ids/" + id).json()).isEqualTo(onA));
        }
        for (int s = 0; s < 3; s++) {
          String path = "/subjects/race-" + s + "/versions";
          JsonNode versionsOnA = clients.get(0).get(path).json();
          await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
              assertThat(clients.get(1).get(path).json()).isEqualTo(versionsOnA));
        }
        // A newcomer replaying the log, losing records and repairs included, sees the same.
        try (RegistryServer c = server(topic)) {
          RegistryHttp onC = new RegistryHttp(c.url());
          for (int s = 0; s < 3; s++) {
            for (JsonNode version : clients.get(0).get("/subjects/race-" + s + "/versions").json()) {
              String path = "/subjects/race-" + s + "/versions/" + version.asInt();
              assertThat(onC.get(path).json()).isEqualTo(clients.get(0).get(path).json());
            }
          }
          assertThat(onC.get("/subjects").json()).isEqualTo(clients.get(0).get("/subjects").json());
        }
      } finally {
        pool.shutdownNow();
      }
    }
  }

  @Test
  void topicIsCompactedWithOnePartitionAndHoldsConfluentsRecordFormat() throws Exception {
    String topic = "_schemas_format";
    try (RegistryServer server = server(topic)) {
      RegistryHttp http = new RegistryHttp(server.url());
      int id = http.registerOk("fmt-value", V1);
      http.put("/config", "{\"compatibility\":\"FULL\"}");
      http.delete("/subjects/fmt-value");
    }
    try (Admin admin = cluster.admin()) {
      TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get()
          .get(topic);
      assertThat(description.partitions()).hasSize(1);
      ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
      Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
      assertThat(config.get("cleanup.policy").value()).isEqualTo("compact");
    }
    List<String> records = readAll(topic);
    assertThat(records).containsExactly(
        "{\"keytype\":\"SCHEMA\",\"subject\":\"fmt-value\",\"version\":1,\"magic\":1} => "
            + "{\"subject\":\"fmt-value\",\"version\":1,\"id\":1,\"schema\":"
            + RegistryHttp.JSON.writeValueAsString(new org.apache.avro.Schema.Parser().parse(V1)
                .toString()) + ",\"deleted\":false}",
        "{\"keytype\":\"CONFIG\",\"magic\":0} => {\"compatibilityLevel\":\"FULL\"}",
        "{\"keytype\":\"DELETE_SUBJECT\",\"subject\":\"fmt-value\",\"magic\":0} => "
            + "{\"subject\":\"fmt-value\",\"version\":1}");
  }

  private static List<String> readAll(String topic) {
    Map<String, Object> props = Map.of(
        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<String> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props,
        new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      TopicPartition partition = new TopicPartition(topic, 0);
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      while (consumer.position(partition) < end) {
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          records.add(new String(record.key(), StandardCharsets.UTF_8) + " => "
              + (record.value() == null ? "null"
                  : new String(record.value(), StandardCharsets.UTF_8)));
        }
      }
    }
    return records;
  }

  private static List<String> texts(JsonNode array) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.asText()));
    return values;
  }

  private static List<Integer> ints(JsonNode array) {
    List<Integer> values = new ArrayList<>();
    array.forEach(n -> values.add(n.asInt()));
    return values;
  }
}
