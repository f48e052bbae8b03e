package io.peerpulse.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.peerpulse.app.CommandRun;
import io.peerpulse.app.embedded.EmbeddedRuntime;
import io.peerpulse.registry.server.RegistryServer;
import io.peerpulse.registry.server.RegistryServerConfig;
import io.peerpulse.streams.IndicatorApplication;
import io.peerpulse.streams.StreamsAppConfig;
import io.peerpulse.streams.topics.TopicAdmin;
import io.peerpulse.streams.topics.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Least privilege on a real KRaft broker with SASL/SCRAM-SHA-512 and the standard authorizer
 * (no ACL, no access), with exactly the ACLs of docs/security.md ({@link LeastPrivilegeAcls}):
 * the streams application as {@value #APP} computes the worked example's published table (all but the revision) from
 * events a service sent with {@code peerpulse ingest}, and an evaluator exports it with
 * {@code peerpulse export}, and {@code peerpulse reset} resets it; the schema registry keeps its
 * schemas as its own principal and asks its clients for HTTP Basic credentials. A service cannot read the exact values or write
 * published ones; an evaluator cannot read events or exact values, nor join the application's
 * consumer group.
 */
class KafkaLeastPrivilegeIT {

  private static final Path EXAMPLES = Path.of(System.getProperty("peerpulse.shared.dir", "../../shared"), "examples");
  private static final String APP = "peerpulse-app";
  private static final String SERVICE = "service-ulm";
  private static final String EVALUATOR = "evaluator-board";
  private static final String REGISTRY = "schema-registry";
  /** The default, as in the commands of docs/security.md. */
  private static final String APPLICATION_ID = "peerpulse-indicators";
  /** One random password per run and principal: nothing here is a real secret. */
  private static final Map<String, String> PASSWORDS = Map.of(APP, secret(), SERVICE, secret(), EVALUATOR, secret(),
      REGISTRY, secret());
  private static final String REGISTRY_USER_INFO = "registry-client:" + secret();
  private static final Duration CONVERGENCE = Duration.ofSeconds(90);

  static {
    System.setProperty("org.slf4j.simpleLogger.log.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.org.apache.kafka", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.state.change.logger", "warn");
  }

  @TempDir static Path dir;
  private static KafkaClusterTestKit cluster;
  private static RegistryServer registry;

  @BeforeAll
  static void start() throws Exception {
    cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder().setCombined(true).setNumBrokerNodes(1)
        .setNumControllerNodes(1).setBrokerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT)
        // The broker talks to the controller as the PLAIN super user (an anonymous one has no CLUSTER_ACTION).
        .setControllerSecurityProtocol(SecurityProtocol.SASL_PLAINTEXT).build())
        // The test kit's PLAIN super user (plain-admin) is the administrator; the principals log in with SCRAM.
        .setConfigProp("sasl.enabled.mechanisms", "PLAIN,SCRAM-SHA-512")
        .setConfigProp("listener.name.external.scram-sha-512.sasl.jaas.config",
            "org.apache.kafka.common.security.scram.ScramLoginModule required;")
        .setConfigProp("auto.create.topics.enable", "false")
        .setConfigProp("offsets.topic.replication.factor", "1")
        .setConfigProp("transaction.state.log.replication.factor", "1")
        .setConfigProp("transaction.state.log.min.isr", "1")
        .setConfigProp("group.initial.rebalance.delay.ms", "0")
        .build();
    cluster.format();
    cluster.startup();
    cluster.waitForReadyBrokers();
    try (Admin admin = cluster.admin()) {
      TopicAdmin.ensure(admin, 1, (short) 1);
      List<UserScramCredentialAlteration> users = new ArrayList<>();
      PASSWORDS.forEach((user, password) -> users.add(
          new UserScramCredentialUpsertion(user, new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), password)));
      admin.alterUserScramCredentials(users).all().get();
      List<AclBinding> acls = new ArrayList<>();
      acls.addAll(LeastPrivilegeAcls.streamsApplication(APP, APPLICATION_ID));
      acls.addAll(LeastPrivilegeAcls.eventProducer(SERVICE));
      acls.addAll(LeastPrivilegeAcls.evaluator(EVALUATOR));
      acls.addAll(LeastPrivilegeAcls.schemaRegistry(REGISTRY));
      admin.createAcls(acls).all().get();
    }
    for (String user : PASSWORDS.keySet()) { // credentials reach the broker through the metadata log
      await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
        try (Admin admin = Admin.create(kafka(user))) {
          assertThat(admin.describeCluster().clusterId().get()).isNotBlank();
        }
      });
    }
    registry = EmbeddedRuntime.startRegistry(RegistryServerConfig.builder().host("127.0.0.1").port(0)
        .bootstrapServers(cluster.bootstrapServers()).basicAuth(REGISTRY_USER_INFO).kafkaProperties(kafka(REGISTRY)).build());
  }

  @AfterAll
  static void stop() throws Exception {
    if (registry != null) {
      registry.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theApplicationComputesWithItsOwnAclsOnly() throws Exception {
    Map<String, Object> appConfig = new HashMap<>(kafka(APP));
    appConfig.putAll(registryClient());
    appConfig.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    appConfig.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("state").toString());
    appConfig.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, "1");
    appConfig.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100");
    appConfig.put(StreamsAppConfig.REPARTITION_PARTITIONS, "1");
    appConfig.put(StreamsAppConfig.CELLS_FLUSH_INTERVAL_MS, "200");
    try (Admin admin = Admin.create(kafka(APP))) {
      assertThat(TopicAdmin.missing(admin)).as("peerpulse run's preflight sees every topic").isEmpty();
    }
    try (IndicatorApplication application = new IndicatorApplication(appConfig)) {
      application.start();
      assertThat(application.awaitRunning(CONVERGENCE)).as("running as " + APP).isTrue();

      CommandRun ingest = new CommandRun();
      int ingested = ingest.run("ingest", "--config", properties(SERVICE).toString(), EXAMPLES.resolve("worked_example.jsonl").toString());
      assertThat(ingested).as(ingest.out() + ingest.err()).isZero();

      Path expected = EXAMPLES.resolve("worked_example.published.csv");
      Path exported = dir.resolve("published.csv");
      await().atMost(CONVERGENCE).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
        CommandRun export = new CommandRun();
        int code = export.run("export", "--quiet", "--timeout", "20", "--config", properties(EVALUATOR).toString(),
            "--output", exported.toString());
        assertThat(code).as(export.err()).isZero();
        assertThat(application.state().isRunningOrRebalancing()).as("the application never stopped").isTrue();
        assertThat(withoutRevision(exported)).isEqualTo(withoutRevision(expected));
      });
    }

    // peerpulse reset with the application's own principal: offsets, its internal topics, local state.
    CommandRun reset = new CommandRun();
    int code = reset.run("reset", "--config", properties(APP).toString(), "--application-id", APPLICATION_ID,
        "--state-dir", dir.resolve("state").toString(), "--yes", "--force");
    assertThat(code).as(reset.out() + reset.err()).isZero();
    try (Admin admin = cluster.admin()) {
      assertThat(admin.listTopics().names().get()).as("internal topics deleted by " + APP)
          .noneMatch(topic -> topic.startsWith(APPLICATION_ID + "-"));
    }
  }

  @Test
  void servicesAndEvaluatorsReachOnlyTheirTopics() throws Exception {
    assertThat(readError(SERVICE, Topics.INDICATORS_INTERNAL)).isInstanceOf(TopicAuthorizationException.class);
    assertThat(readError(SERVICE, Topics.EVENTS)).as("a service writes events, never reads them")
        .isInstanceOf(TopicAuthorizationException.class);
    assertThat(readError(EVALUATOR, Topics.EVENTS)).isInstanceOf(TopicAuthorizationException.class);
    assertThat(readError(EVALUATOR, Topics.INDICATORS_INTERNAL)).isInstanceOf(TopicAuthorizationException.class);
    assertThat(readError(EVALUATOR, Topics.INDICATORS)).as("evaluators read the published values").isNull();

    Map<String, Object> producerConfig = new HashMap<>(kafka(SERVICE));
    producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
        new ByteArraySerializer())) {
      assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.INDICATORS, new byte[] {1}, new byte[] {1})).get())
          .as("a service cannot forge published values").isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    Map<String, Object> groupConfig = consumerConfig(EVALUATOR);
    groupConfig.put(ConsumerConfig.GROUP_ID_CONFIG, APPLICATION_ID);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(groupConfig, new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(Topics.INDICATORS));
      assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10))).as("the application's group is the application's")
          .isInstanceOf(GroupAuthorizationException.class);
    }
  }

  /**
   * The CSV's lines without the last column, {@code revision}: the stream publishes a row as soon as
   * it is known and counts each later change, where {@code compute} reports only the end state.
   */
  private static List<String> withoutRevision(Path csv) throws java.io.IOException {
    return Files.readAllLines(csv).stream().map(line -> line.substring(0, line.lastIndexOf(','))).toList();
  }

  /** The error reading {@code topic} as {@code user} (by assignment, no group), or null when records or nothing came. */
  private static KafkaException readError(String user, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig(user), new ByteArrayDeserializer(),
        new ByteArrayDeserializer())) {
      consumer.assign(List.of(new TopicPartition(topic, 0)));
      for (int attempt = 0; attempt < 10; attempt++) {
        try {
          if (!consumer.poll(Duration.ofMillis(500)).isEmpty()) {
            return null;
          }
        } catch (KafkaException e) {
          return e;
        }
      }
      return null;
    }
  }

  private static Map<String, Object> consumerConfig(String user) {
    Map<String, Object> config = new HashMap<>(kafka(user));
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return config;
  }

  /** The client settings of docs/security.md for {@code user}, over SASL_PLAINTEXT here (SASL_SSL in production). */
  private static Map<String, Object> kafka(String user) {
    return Map.of(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
        CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT",
        SaslConfigs.SASL_MECHANISM, "SCRAM-SHA-512",
        SaslConfigs.SASL_JAAS_CONFIG, "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
            + user + "\" password=\"" + PASSWORDS.get(user) + "\";");
  }

  private static Map<String, Object> registryClient() {
    return Map.of(StreamsAppConfig.SCHEMA_REGISTRY_URL, registry.url().toString(),
        "basic.auth.credentials.source", "USER_INFO", "basic.auth.user.info", REGISTRY_USER_INFO);
  }

  /** The properties file a principal gives to {@code peerpulse ingest}, {@code export} or {@code run} with --config. */
  private static Path properties(String user) throws Exception {
    Properties properties = new Properties();
    kafka(user).forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
    registryClient().forEach((key, value) -> properties.setProperty(key, String.valueOf(value)));
    Path file = dir.resolve(user + ".properties");
    try (var out = Files.newBufferedWriter(file)) {
      properties.store(out, user);
    }
    return file;
  }

  private static String secret() {
    return UUID.randomUUID().toString();
  }
}
