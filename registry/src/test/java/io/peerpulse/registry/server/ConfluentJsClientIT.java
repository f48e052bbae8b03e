package io.peerpulse.registry.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Our server driven by an independent implementation of the protocol: Confluent's own JavaScript
 * client and Avro serde ({@code @confluentinc/schemaregistry}, pinned in
 * {@code src/test/js/package-lock.json}). Bytes cross both ways: JS serialises for Java to decode,
 * Java writes Confluent's wire format (magic 0, 4-byte big-endian id, Avro binary) for JS to
 * decode. Needs Node 20+ and npm; when {@code npm ci} cannot install the package the test fails
 * rather than skips, so a missing client never passes silently.
 */
class ConfluentJsClientIT {

  private static final String USER_INFO = "js-user:js-secret";
  private static final Schema JAVA_SCHEMA = new Schema.Parser().parse("""
      {"type":"record","name":"JavaPeer","namespace":"io.peerpulse.test","fields":[
        {"name":"name","type":"string"},
        {"name":"count","type":"int"},
        {"name":"note","type":["null","string"],"default":null}]}""");

  private RegistryServer server;
  private RegistryHttp http;

  @BeforeEach
  void start() {
    server = RegistryServer.start(RegistryServerConfig.builder().host("127.0.0.1").port(0)
        .basicAuth(USER_INFO).build());
    http = new RegistryHttp(server.url(), USER_INFO);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void confluentsJavaScriptClientAndSerdeWorkAgainstOurServer() throws Exception {
    Path js = installedClient();
    Path workdir = Files.createTempDirectory(buildDir(), "js-run-");
    int javaId = http.registerOk("java-topic-value", JAVA_SCHEMA.toString());
    GenericRecord javaValue = new GenericData.Record(JAVA_SCHEMA);
    javaValue.put("name", "from-java");
    javaValue.put("count", 7);
    javaValue.put("note", "hello");
    Files.write(workdir.resolve("java.bin"), wireFormat(javaId, JAVA_SCHEMA, javaValue));

    JsonNode out = runNode(js, "confluent-client-check.mjs", server.url().toString(),
        workdir.toString(), USER_INFO);

    int id = out.get("registeredId").asInt();
    assertThat(out.get("lookup").get("id").asInt()).isEqualTo(id);
    assertThat(out.get("lookup").get("version").asInt()).isEqualTo(1);
    assertThat(out.get("latest").get("id").asInt()).isEqualTo(id);
    assertThat(out.get("otherSubjectId").asInt()).as("same schema, another subject").isEqualTo(id);
    assertThat(out.get("subjects").toString())
        .isEqualTo("[\"java-topic-value\",\"js-check-other-value\",\"js-check-value\"]");
    assertThat(out.get("versions").toString()).isEqualTo("[1]");
    assertThat(out.get("compatibleWithLatest").asBoolean()).isFalse();
    JsonNode incompatible = out.get("incompatible");
    assertThat(incompatible.get("rejected").asBoolean()).isTrue();
    assertThat(incompatible.get("status").asInt()).isEqualTo(409);
    assertThat(incompatible.get("errorCode").asInt()).isEqualTo(40901);

    // JS -> Java: Confluent framing with the id our registry gave JS's schema, then Avro binary.
    byte[] jsBytes = Files.readAllBytes(workdir.resolve("js.bin"));
    assertThat(jsBytes[0]).as("magic byte").isZero();
    int jsId = ByteBuffer.wrap(jsBytes, 1, 4).getInt();
    assertThat(jsId).isEqualTo(out.get("jsSchemaIdInBytes").asInt());
    assertThat(http.get("/subjects/js-topic-value/versions/latest").json().get("id").asInt())
        .isEqualTo(jsId);
    Schema jsSchema = new Schema.Parser().parse(
        http.get("/schemas/ids/" + jsId).json().get("schema").asText());
    GenericRecord decoded = new GenericDatumReader<GenericRecord>(jsSchema).read(null,
        DecoderFactory.get().binaryDecoder(Arrays.copyOfRange(jsBytes, 5, jsBytes.length), null));
    assertThat(decoded.get("name").toString()).isEqualTo("from-js");
    assertThat(decoded.get("count")).isEqualTo(42);

    // Java -> JS
    assertThat(out.get("javaValue").toString())
        .isEqualTo("{\"name\":\"from-java\",\"count\":7,\"note\":\"hello\"}");
  }

  /** Confluent's wire format, hand-encoded so this test shares no code with our serde. */
  private static byte[] wireFormat(int id, Schema schema, GenericRecord value) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.write(0);
    bytes.write(ByteBuffer.allocate(4).putInt(id).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    new GenericDatumWriter<GenericRecord>(schema).write(value, encoder);
    encoder.flush();
    return bytes.toByteArray();
  }

  /**
   * Copies the JS project to the build folder and installs its locked dependencies there (only
   * when not installed yet), so the source tree stays free of node_modules.
   */
  private static Path installedClient() throws Exception {
    Path source = Path.of("src", "test", "js").toAbsolutePath();
    Path target = buildDir().resolve("confluent-js");
    Files.createDirectories(target);
    for (String file : List.of("package.json", "package-lock.json", "confluent-client-check.mjs")) {
      Files.copy(source.resolve(file), target.resolve(file),
          StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(target.resolve("node_modules/@confluentinc/schemaregistry"))) {
      Result install = run(target, 300, "npm", "ci", "--no-audit", "--no-fund");
      if (install.exitCode() != 0) {
        throw new AssertionError("npm ci could not install @confluentinc/schemaregistry (is the"
            + " npm registry reachable?); this test needs it and does not skip.\n"
            + install.output());
      }
    }
    return target;
  }

  private static JsonNode runNode(Path dir, String script, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    Result result = run(dir, 120, command.toArray(String[]::new));
    assertThat(result.exitCode()).as("node %s failed:%n%s", script, result.output()).isZero();
    String[] lines = result.stdout().strip().split("\n");
    return RegistryHttp.JSON.readTree(lines[lines.length - 1]);
  }

  private record Result(int exitCode, String stdout, String output) {
  }

  private static Result run(Path dir, int timeoutSeconds, String... command) throws Exception {
    Path stdout = Files.createTempFile(buildDir(), "proc-", ".out");
    Path stderr = Files.createTempFile(buildDir(), "proc-", ".err");
    Process process;
    try {
      process = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    } catch (IOException e) {
      throw new AssertionError("Cannot run " + String.join(" ", command) + ": is Node.js 20+"
          + " with npm installed and on the PATH? " + e.getMessage(), e);
    }
    if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds
          + " s");
    }
    String out = Files.readString(stdout, StandardCharsets.UTF_8);
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    return new Result(process.exitValue(), out, "stdout:\n" + out + "\nstderr:\n" + err);
  }

  /** The module's build folder (target/ or -Dbuild.dir.name), found from the test classes. */
  private static Path buildDir() throws URISyntaxException {
    return Path.of(ConfluentJsClientIT.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI()).getParent();
  }
}
