package io.peerpulse.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.peerpulse.app.ops.OpsHttp;
import io.peerpulse.streams.StreamsAppConfig;
import io.peerpulse.streams.publish.SuppressionRule;
import io.peerpulse.streams.topics.Topics;
import java.io.IOException;
import java.io.StringReader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * docker/docker-compose.yml and the files beside it agree with the application (issue 9,
 * {@code docker/}). Docker is not available on the build machines: this only reads the files, it
 * never starts a container.
 */
class DockerComposeTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern TOPIC_NAME = Pattern.compile("peerpulse\\.[a-z0-9-]+\\.v[0-9]+");
  private static final Pattern METRIC_NAME = Pattern.compile("\\b(?:peerpulse|kafka|jvm|process|system)_[a-z0-9_]+\\b");
  private static final Pattern DOC_METER = Pattern.compile("`([a-z0-9_]+\\*?)`");
  private static final List<String> HISTOGRAM_SUFFIXES = List.of("_bucket", "_count", "_sum");
  private static final int KAFKA_PORT = 9092;
  private static final int CONTROLLER_PORT = 9093;

  private static Path root;
  private static Path docker;
  private static JsonNode compose;

  @BeforeAll
  static void load() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("docker/docker-compose.yml"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("repository root with docker/docker-compose.yml").isNotNull();
    root = dir;
    docker = root.resolve("docker");
    compose = YAML.readTree(docker.resolve("docker-compose.yml").toFile());
  }

  // ---- the services that run the application image

  @Test
  void everyPeerpulseVariableOfTheAppServicesIsAKeyTheApplicationKnows() {
    assertThat(appServices(compose)).containsExactlyInAnyOrder("peerpulse-1", "peerpulse-2");
    assertThat(unknownVariables(compose)).isEmpty();
    for (String service : appServices(compose)) {
      Map<String, String> env = environment(compose.path("services").path(service));
      assertThat(env).containsEntry("PEERPULSE_NUM_STANDBY_REPLICAS", "1")
          .containsKeys("PEERPULSE_BOOTSTRAP_SERVERS", "PEERPULSE_SCHEMA_REGISTRY_URL", "PEERPULSE_APPLICATION_ID");
      // the instances form one Kafka Streams application
      assertThat(env.get("PEERPULSE_APPLICATION_ID")).isEqualTo(StreamsAppConfig.defaults().get(StreamsConfig.APPLICATION_ID_CONFIG));
    }
  }

  @Test
  void aMisspeltVariableIsCaught() {
    ObjectNode broken = compose.deepCopy();
    ObjectNode env = (ObjectNode) broken.path("services").path("peerpulse-1").path("environment");
    env.put("PEERPULSE_NUM_STANDBY_REPLICA", "1");
    env.put("PEERPULSE_LATENES_DAYS", "35");
    assertThat(unknownVariables(broken)).containsExactlyInAnyOrder(
        "peerpulse-1: PEERPULSE_NUM_STANDBY_REPLICA", "peerpulse-1: PEERPULSE_LATENES_DAYS");
  }

  @Test
  void everyCommandOfTheApplicationImageParses() {
    List<String> services = servicesOfImage(compose, "peerpulse:local");
    assertThat(services).contains("registry", "topics", "peerpulse-1", "peerpulse-2");
    for (String service : services) {
      List<String> command = command(compose.path("services").path(service));
      assertThat(command).as(service + " command").isNotEmpty();
      // throws ParameterException on an unknown command or flag
      CommandLine.ParseResult parsed = PeerPulse.commandLine().parseArgs(command.toArray(String[]::new));
      assertThat(parsed.hasSubcommand()).as(service + " runs a subcommand").isTrue();
    }
    assertThat(command(compose.path("services").path("topics"))).containsSequence("--replication-factor", "3");
  }

  @Test
  void portsMatchTheApplicationDefaults() {
    int registryDefault = Integer.parseInt(PeerPulse.commandLine().getSubcommands().get("registry")
        .getCommandSpec().findOption("--port").defaultValue());
    assertThat(registryDefault).isEqualTo(8081);
    assertThat(URI.create((String) StreamsAppConfig.defaults().get(StreamsAppConfig.SCHEMA_REGISTRY_URL)).getPort())
        .isEqualTo(registryDefault);
    JsonNode registry = compose.path("services").path("registry");
    assertThat(optionValue(command(registry), "--port", Integer.toString(registryDefault)))
        .isEqualTo(Integer.toString(registryDefault));
    assertThat(containerPorts(registry)).containsExactly(registryDefault);

    assertThat(RunCommand.DEFAULT_HTTP_PORT).isEqualTo(8080);
    Set<Integer> hostPorts = new TreeSet<>();
    for (String service : appServices(compose)) {
      JsonNode app = compose.path("services").path(service);
      assertThat(httpPort(app)).as(service + " http port").isEqualTo(RunCommand.DEFAULT_HTTP_PORT);
      assertThat(containerPorts(app)).as(service + " published ports").containsExactly(RunCommand.DEFAULT_HTTP_PORT);
      hostPorts.addAll(hostPorts(app));
      // readiness probe on the documented path and port
      assertThat(String.join(" ", command(app.path("healthcheck").path("test"))))
          .contains("http://localhost:" + httpPort(app) + OpsHttp.READY_PATH);
      Map<String, String> env = environment(app);
      URI registryUrl = URI.create(env.get("PEERPULSE_SCHEMA_REGISTRY_URL"));
      assertThat(registryUrl.getHost()).isEqualTo("registry");
      assertThat(registryUrl.getPort()).isEqualTo(registryDefault);
    }
    assertThat(hostPorts).as("two instances need two host ports").hasSize(2);
  }

  // ---- Kafka

  @Test
  void kafkaImageIsTheVersionOfThePom() throws IOException {
    String pom = Files.readString(root.resolve("pom.xml"), StandardCharsets.UTF_8);
    Matcher version = Pattern.compile("<kafka\\.version>([^<]+)</kafka\\.version>").matcher(pom);
    assertThat(version.find()).isTrue();
    List<String> kafkaServices = new ArrayList<>();
    compose.path("services").fields().forEachRemaining(service -> {
      String image = service.getValue().path("image").asText();
      if (image.startsWith("apache/kafka")) {
        assertThat(image).as(service.getKey()).isEqualTo("apache/kafka:" + version.group(1));
        kafkaServices.add(service.getKey());
      }
    });
    assertThat(kafkaServices).containsExactlyInAnyOrder("kafka-1", "kafka-2", "kafka-3", "connect");
  }

  @Test
  void threeBrokersFormOneKraftQuorumWithReplicationThreeAndMinIsrTwo() {
    List<String> brokers = brokers(compose);
    assertThat(brokers).containsExactly("kafka-1", "kafka-2", "kafka-3");
    Set<String> clusterIds = new LinkedHashSet<>();
    Set<String> nodeIds = new LinkedHashSet<>();
    String expectedVoters = brokers.stream()
        .map(b -> nodeId(b) + "@" + b + ":" + CONTROLLER_PORT).collect(Collectors.joining(","));
    for (String broker : brokers) {
      Map<String, String> env = environment(compose.path("services").path(broker));
      clusterIds.add(env.get("CLUSTER_ID"));
      nodeIds.add(env.get("KAFKA_NODE_ID"));
      assertThat(env.get("KAFKA_NODE_ID")).isEqualTo(nodeId(broker));
      assertThat(env).containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
          .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", expectedVoters)
          .containsEntry("KAFKA_CONTROLLER_LISTENER_NAMES", "CONTROLLER")
          .containsEntry("KAFKA_DEFAULT_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "3")
          .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2")
          .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "2");
      assertThat(env.get("KAFKA_LISTENERS")).contains("PLAINTEXT://:" + KAFKA_PORT, "CONTROLLER://:" + CONTROLLER_PORT);
      assertThat(env.get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://" + broker + ":" + KAFKA_PORT);
    }
    assertThat(clusterIds).hasSize(1);
    // a KRaft cluster id is a UUID in URL-safe base64 without padding
    assertThat(clusterIds.iterator().next()).matches("[A-Za-z0-9_-]{22}");
    assertThat(nodeIds).hasSize(brokers.size());
  }

  @Test
  void everyClientBootstrapsFromTheBrokers() throws IOException {
    String expected = brokers(compose).stream().map(b -> b + ":" + KAFKA_PORT).collect(Collectors.joining(","));
    for (String service : appServices(compose)) {
      assertThat(environment(compose.path("services").path(service)))
          .containsEntry("PEERPULSE_BOOTSTRAP_SERVERS", expected);
    }
    assertThat(optionValue(command(compose.path("services").path("registry")), "--bootstrap-servers", null)).isEqualTo(expected);
    assertThat(optionValue(command(compose.path("services").path("topics")), "--bootstrap-servers", null)).isEqualTo(expected);
    Properties connect = connectWorker();
    assertThat(connect.getProperty("bootstrap.servers")).isEqualTo(expected);
    assertThat(connect.getProperty("value.converter.schema.registry.url")).isEqualTo("http://registry:8081");
  }

  @Test
  void connectWorkerLoadsThePluginFromTheConnectorsBuild() throws IOException {
    JsonNode connect = compose.path("services").path("connect");
    assertThat(String.join(" ", command(connect))).contains("connect-distributed.sh");
    Properties worker = connectWorker();
    String pluginPath = worker.getProperty("plugin.path");
    List<String> volumes = new ArrayList<>();
    connect.path("volumes").forEach(v -> volumes.add(v.asText()));
    assertThat(volumes).contains("../connectors/target/plugin:" + pluginPath + ":ro");
    // the worker's properties file is the one mounted from docker/connect/
    assertThat(volumes).anyMatch(v -> v.startsWith("./connect/connect-distributed.properties:"));
    assertThat(Files.readString(root.resolve("connectors/pom.xml"))).contains("peerpulse-connectors");
    for (String key : List.of("config.storage.replication.factor", "offset.storage.replication.factor",
        "status.storage.replication.factor")) {
      assertThat(worker.getProperty(key)).as(key).isEqualTo("3");
    }
  }

  // ---- topics

  @Test
  void topicNamesMentionedAnywhereAreTheApplicationsTopics() throws IOException {
    Set<String> known = topicConstants();
    assertThat(known).contains(Topics.EVENTS, Topics.INDICATORS);
    Map<String, Set<String>> mentioned = topicsMentioned();
    assertThat(mentioned).isNotEmpty();
    mentioned.forEach((file, topics) -> assertThat(known).as("topics in " + file).containsAll(topics));
    assertThat(unknownTopics("x peerpulse.event.v1 peerpulse.events.v1", known)).containsExactly("peerpulse.event.v1");
  }

  // ---- Prometheus and Grafana

  @Test
  void prometheusScrapesBothInstancesOnTheMetricsPath() throws IOException {
    JsonNode prometheus = YAML.readTree(docker.resolve("prometheus.yml").toFile());
    Set<String> targets = new TreeSet<>();
    for (JsonNode job : prometheus.path("scrape_configs")) {
      assertThat(job.path("metrics_path").asText("/metrics")).isEqualTo(OpsHttp.METRICS_PATH);
      job.path("static_configs").forEach(c -> c.path("targets").forEach(t -> targets.add(t.asText())));
    }
    Set<String> expected = appServices(compose).stream()
        .map(s -> s + ":" + httpPort(compose.path("services").path(s))).collect(Collectors.toCollection(TreeSet::new));
    assertThat(targets).isEqualTo(expected);
    assertThat(String.join(" ", command(compose.path("services").path("prometheus")))).contains("prometheus.yml");
  }

  @Test
  void grafanaDashboardParsesAndUsesOnlyDocumentedMeters() throws IOException {
    JsonNode dashboard = JSON.readTree(docker.resolve("grafana/dashboards/peerpulse.json").toFile());
    JsonNode datasource = YAML.readTree(docker.resolve("grafana/provisioning/datasources/prometheus.yml").toFile())
        .path("datasources").path(0);
    assertThat(datasource.path("url").asText()).isEqualTo("http://prometheus:9090");
    Set<String> documented = documentedMeters();
    assertThat(documented).contains("peerpulse_events_accepted_total", "kafka_stream_*");
    Set<String> used = new TreeSet<>();
    assertThat(dashboard.path("panels")).isNotEmpty();
    for (JsonNode panel : dashboard.path("panels")) {
      assertThat(panel.path("datasource").path("uid").asText()).isEqualTo(datasource.path("uid").asText());
      assertThat(panel.path("targets")).as(panel.path("title").asText()).isNotEmpty();
      for (JsonNode target : panel.path("targets")) {
        Set<String> names = metricNames(target.path("expr").asText());
        assertThat(names).as("metrics of " + panel.path("title").asText()).isNotEmpty();
        for (String name : names) {
          assertThat(isDocumented(name, documented)).as(name + " in docs/operations.md").isTrue();
        }
        used.addAll(names);
      }
    }
    assertThat(used).contains("peerpulse_events_accepted_total", "peerpulse_events_rejected_total",
        "peerpulse_late_corrections_total", "peerpulse_site_watermark_lag_seconds",
        "kafka_stream_thread_process_rate", "kafka_consumer_fetch_manager_records_lag_max");
    assertThat(isDocumented("peerpulse_events_acepted_total", documented)).isFalse();
  }

  // ---- helpers

  /** Services whose command is {@code run}. */
  private static List<String> appServices(JsonNode compose) {
    List<String> services = new ArrayList<>();
    compose.path("services").fields().forEachRemaining(s -> {
      List<String> command = command(s.getValue());
      if (!command.isEmpty() && command.get(0).equals("run")) {
        services.add(s.getKey());
      }
    });
    return services;
  }

  private static List<String> servicesOfImage(JsonNode compose, String image) {
    List<String> services = new ArrayList<>();
    compose.path("services").fields().forEachRemaining(s -> {
      if (s.getValue().path("image").asText().equals(image)) {
        services.add(s.getKey());
      }
    });
    return services;
  }

  private static List<String> brokers(JsonNode compose) {
    List<String> brokers = new ArrayList<>();
    compose.path("services").fields().forEachRemaining(s -> {
      if (environment(s.getValue()).containsKey("KAFKA_PROCESS_ROLES")) {
        brokers.add(s.getKey());
      }
    });
    return brokers;
  }

  private static String nodeId(String broker) {
    return broker.substring(broker.lastIndexOf('-') + 1);
  }

  /** "service: VARIABLE" for every PEERPULSE_* variable of an app service that sets no known key. */
  private static List<String> unknownVariables(JsonNode compose) {
    Set<String> known = knownKeys();
    List<String> unknown = new ArrayList<>();
    for (String service : appServices(compose)) {
      for (String variable : environment(compose.path("services").path(service)).keySet()) {
        if (!variable.startsWith(ConfigLayers.ENV_PREFIX) || ConfigLayers.RESERVED_VARIABLES.contains(variable)) {
          continue;
        }
        String key = ConfigLayers.keyOf(variable);
        if (key == null || !isKnown(key, known)) {
          unknown.add(service + ": " + variable);
        }
      }
    }
    return unknown;
  }

  /** The keys {@code run} reads: PeerPulse's, Kafka Streams' and its clients', and http.port. */
  private static Set<String> knownKeys() {
    Set<String> known = new TreeSet<>(StreamsAppConfig.defaults().keySet());
    known.addAll(StreamsConfig.configDef().names());
    known.addAll(ProducerConfig.configNames());
    known.addAll(ConsumerConfig.configNames());
    known.addAll(AdminClientConfig.configNames());
    known.addAll(List.of(SuppressionRule.RULE, SuppressionRule.MIN_COUNT, SuppressionRule.ROUNDING_BASE,
        SuppressionRule.MIN_WORKERS));
    known.add(RunCommand.HTTP_PORT);
    return known;
  }

  private static boolean isKnown(String key, Set<String> known) {
    if (known.contains(key)) {
      return true;
    }
    for (String prefix : List.of(StreamsConfig.PRODUCER_PREFIX, StreamsConfig.CONSUMER_PREFIX,
        StreamsConfig.MAIN_CONSUMER_PREFIX, StreamsConfig.RESTORE_CONSUMER_PREFIX,
        StreamsConfig.GLOBAL_CONSUMER_PREFIX, StreamsConfig.ADMIN_CLIENT_PREFIX, StreamsConfig.TOPIC_PREFIX)) {
      if (key.startsWith(prefix) && key.length() > prefix.length()) {
        String rest = key.substring(prefix.length());
        return prefix.equals(StreamsConfig.TOPIC_PREFIX) || known.contains(rest);
      }
    }
    return false;
  }

  /** A service's environment, from the map or the list ("KEY=VALUE") form. */
  private static Map<String, String> environment(JsonNode service) {
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode node = service.path("environment");
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
    } else if (node.isArray()) {
      node.forEach(e -> {
        String text = e.asText();
        int eq = text.indexOf('=');
        env.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
      });
    }
    return env;
  }

  /** A command (or healthcheck test) as a list; the string form split on blanks. */
  private static List<String> command(JsonNode serviceOrTest) {
    JsonNode node = serviceOrTest.has("command") ? serviceOrTest.path("command") : serviceOrTest;
    List<String> command = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(n -> command.add(n.asText()));
    } else if (node.isTextual()) {
      command.addAll(List.of(node.asText().trim().split("\\s+")));
    }
    return command;
  }

  private static String optionValue(List<String> command, String option, String otherwise) {
    for (int i = 0; i < command.size(); i++) {
      if (command.get(i).equals(option) && i + 1 < command.size()) {
        return command.get(i + 1);
      }
      if (command.get(i).startsWith(option + "=")) {
        return command.get(i).substring(option.length() + 1);
      }
    }
    return otherwise;
  }

  /** The app's http.port: --http-port, else PEERPULSE_HTTP_PORT, else the default. */
  private static int httpPort(JsonNode app) {
    String flag = optionValue(command(app), "--http-port", null);
    String value = flag != null ? flag : environment(app).get("PEERPULSE_HTTP_PORT");
    return value == null ? RunCommand.DEFAULT_HTTP_PORT : Integer.parseInt(value);
  }

  private static List<Integer> containerPorts(JsonNode service) {
    List<Integer> ports = new ArrayList<>();
    service.path("ports").forEach(p -> {
      if (p.isObject()) {
        ports.add(p.path("target").asInt());
      } else {
        String[] parts = p.asText().replaceAll("/(tcp|udp)$", "").split(":");
        ports.add(Integer.parseInt(parts[parts.length - 1]));
      }
    });
    return ports;
  }

  private static List<Integer> hostPorts(JsonNode service) {
    List<Integer> ports = new ArrayList<>();
    service.path("ports").forEach(p -> {
      if (p.isObject()) {
        ports.add(p.path("published").asInt());
      } else {
        String[] parts = p.asText().split(":");
        ports.add(parts.length < 2 ? -1 : Integer.parseInt(parts[parts.length - 2]));
      }
    });
    return ports;
  }

  private static Properties connectWorker() throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(Files.readString(docker.resolve("connect/connect-distributed.properties"))));
    return properties;
  }

  /** The public String constants of {@link Topics}. */
  private static Set<String> topicConstants() {
    Set<String> names = new TreeSet<>();
    for (Field field : Topics.class.getFields()) {
      if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
        try {
          names.add((String) field.get(null));
        } catch (IllegalAccessException e) {
          throw new AssertionError(e);
        }
      }
    }
    return names;
  }

  /** Topic names in every text file under docker/, by file. */
  private static Map<String, Set<String>> topicsMentioned() throws IOException {
    Map<String, Set<String>> mentioned = new LinkedHashMap<>();
    try (Stream<Path> files = Files.walk(docker)) {
      for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
        Set<String> topics = new TreeSet<>();
        Matcher m = TOPIC_NAME.matcher(Files.readString(file, StandardCharsets.UTF_8));
        while (m.find()) {
          topics.add(m.group());
        }
        if (!topics.isEmpty()) {
          mentioned.put(root.relativize(file).toString(), topics);
        }
      }
    }
    return mentioned;
  }

  private static Set<String> unknownTopics(String text, Set<String> known) {
    Set<String> unknown = new TreeSet<>();
    Matcher m = TOPIC_NAME.matcher(text);
    while (m.find()) {
      if (!known.contains(m.group())) {
        unknown.add(m.group());
      }
    }
    return unknown;
  }

  /** Meter names in backquotes in docs/operations.md, with their wildcards ({@code kafka_stream_*}). */
  private static Set<String> documentedMeters() throws IOException {
    Set<String> meters = new TreeSet<>();
    Matcher m = DOC_METER.matcher(Files.readString(root.resolve("docs/operations.md"), StandardCharsets.UTF_8));
    while (m.find()) {
      meters.add(m.group(1));
    }
    return meters;
  }

  private static Set<String> metricNames(String expr) {
    Set<String> names = new TreeSet<>();
    Matcher m = METRIC_NAME.matcher(expr);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }

  /** Named in the docs, a histogram series of a documented meter, or under a documented wildcard. */
  private static boolean isDocumented(String name, Set<String> documented) {
    if (documented.contains(name)) {
      return true;
    }
    for (String suffix : HISTOGRAM_SUFFIXES) {
      if (name.endsWith(suffix) && documented.contains(name.substring(0, name.length() - suffix.length()))) {
        return true;
      }
    }
    return documented.stream().filter(d -> d.endsWith("*"))
        .anyMatch(d -> name.startsWith(d.substring(0, d.length() - 1)) && name.length() > d.length() - 1);
  }
}
