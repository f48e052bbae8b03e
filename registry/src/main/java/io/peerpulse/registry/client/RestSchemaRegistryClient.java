package io.peerpulse.registry.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerpulse.registry.core.CompatibilityLevel;
import io.peerpulse.registry.core.SubjectVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Schema registry client over HTTP (java.net.http), speaking Confluent's REST protocol, with
 * caches in the spirit of Confluent's {@code CachedSchemaRegistryClient}: what is immutable in a
 * registry (a schema's id within a subject, an id's schema) is asked once; what changes (latest
 * version, config, mode, listings) is always asked.
 */
public final class RestSchemaRegistryClient implements SchemaRegistryClient {

  /** The JSON key of schema text in requests and answers. */
  private static final String SCHEMA = "schema";

  /** A schema as registered: its text and whether the registry was asked to normalize it. */
  private record SchemaKey(String schema, boolean normalize) {
  }

  private final RegistryHttp http;
  private final int capacity;
  private final BoundedCache<String, BoundedCache<SchemaKey, Integer>> registered;
  private final BoundedCache<String, BoundedCache<SchemaKey, SchemaMetadata>> lookedUp;
  private final BoundedCache<Integer, String> schemaTextById;
  private final BoundedCache<Integer, Schema> schemaById;

  public RestSchemaRegistryClient(RegistryClientConfig config) {
    this.http = new RegistryHttp(config);
    this.capacity = config.cacheCapacity();
    this.registered = new BoundedCache<>(capacity);
    this.lookedUp = new BoundedCache<>(capacity);
    this.schemaTextById = new BoundedCache<>(capacity);
    this.schemaById = new BoundedCache<>(capacity);
  }

  /** Reads Confluent-named configs; see {@link RegistryClientConfig}. */
  public RestSchemaRegistryClient(Map<String, ?> configs) {
    this(RegistryClientConfig.from(configs));
  }

  @Override
  public int register(String subject, String schema, boolean normalize) {
    return perSubject(registered, subject).getOrLoad(new SchemaKey(schema, normalize), key -> {
      JsonNode answer = http.post(subjectPath(subject) + "/versions" + normalizeQuery(normalize),
          schemaBody(schema));
      int id = answer.path("id").asInt(-1);
      if (id < 0) {
        throw new IllegalStateException("Registry " + location()
            + " answered a registration under subject " + subject + " without an id");
      }
      schemaTextById.put(id, schema);
      return id;
    });
  }

  @Override
  public int register(String subject, Schema schema, boolean normalize) {
    int id = register(subject, schema.toString(), normalize);
    // the caller's own Schema object is the id's schema: spares a parse on the read path
    schemaById.put(id, schema);
    return id;
  }

  @Override
  public int register(String subject, Schema schema) {
    return register(subject, schema, false);
  }

  @Override
  public SchemaMetadata lookup(String subject, String schema, boolean normalize) {
    return perSubject(lookedUp, subject).getOrLoad(new SchemaKey(schema, normalize), key -> {
      SchemaMetadata found = metadata(http.post(subjectPath(subject) + normalizeQuery(normalize),
          schemaBody(schema)), subject);
      schemaTextById.put(found.id(), found.schema());
      return found;
    });
  }

  @Override
  public String getSchemaStringById(int id) {
    return schemaTextById.getOrLoad(id,
        key -> http.get("/schemas/ids/" + id).path(SCHEMA).asText());
  }

  @Override
  public Schema getSchemaById(int id) {
    return schemaById.getOrLoad(id, key -> AvroSchemaParser.parse(getSchemaStringById(id)));
  }

  @Override
  public List<SubjectVersion> getSubjectVersionsById(int id) {
    List<SubjectVersion> result = new ArrayList<>();
    http.get("/schemas/ids/" + id + "/versions").forEach(node -> result.add(
        new SubjectVersion(node.path("subject").asText(), node.path("version").asInt())));
    return List.copyOf(result);
  }

  @Override
  public SchemaMetadata getLatestVersion(String subject) {
    return metadata(http.get(subjectPath(subject) + "/versions/latest"), subject);
  }

  @Override
  public SchemaMetadata getSchemaMetadata(String subject, int version) {
    return metadata(http.get(subjectPath(subject) + "/versions/" + version), subject);
  }

  @Override
  public List<Integer> getAllVersions(String subject) {
    List<Integer> versions = new ArrayList<>();
    http.get(subjectPath(subject) + "/versions").forEach(node -> versions.add(node.asInt()));
    return List.copyOf(versions);
  }

  @Override
  public List<String> getAllSubjects() {
    return List.copyOf(RegistryHttp.texts(http.get("/subjects")));
  }

  @Override
  public CompatibilityCheck testCompatibility(String subject, String version, String schema,
      boolean verbose) {
    JsonNode answer = http.post("/compatibility" + subjectPath(subject) + "/versions/"
        + RegistryHttp.segment(version) + (verbose ? "?verbose=true" : ""), schemaBody(schema));
    JsonNode messages = answer.path("messages");
    return new CompatibilityCheck(answer.path("is_compatible").asBoolean(false),
        messages.isArray() ? RegistryHttp.texts(messages) : List.of());
  }

  @Override
  public CompatibilityLevel getCompatibility(String subject) {
    String path = subject == null ? "/config"
        : "/config/" + RegistryHttp.segment(subject) + "?defaultToGlobal=true";
    return level(http.get(path));
  }

  @Override
  public CompatibilityLevel updateCompatibility(String subject, CompatibilityLevel level) {
    String path = subject == null ? "/config" : "/config/" + RegistryHttp.segment(subject);
    ObjectNode body = RegistryHttp.JSON.createObjectNode().put("compatibility", level.name());
    return level(http.put(path, body));
  }

  @Override
  public List<Integer> deleteSubject(String subject, boolean permanent) {
    registered.remove(subject);
    lookedUp.remove(subject);
    List<Integer> versions = new ArrayList<>();
    http.delete(subjectPath(subject) + (permanent ? "?permanent=true" : ""))
        .forEach(node -> versions.add(node.asInt()));
    return List.copyOf(versions);
  }

  @Override
  public int deleteSchemaVersion(String subject, int version, boolean permanent) {
    registered.remove(subject);
    lookedUp.remove(subject);
    return http.delete(subjectPath(subject) + "/versions/" + version
        + (permanent ? "?permanent=true" : "")).asInt();
  }

  @Override
  public String getMode() {
    return http.get("/mode").path("mode").asText();
  }

  @Override
  public String setMode(String mode) {
    return http.put("/mode", RegistryHttp.JSON.createObjectNode().put("mode", mode))
        .path("mode").asText();
  }

  @Override
  public String location() {
    return http.location();
  }

  @Override
  public void close() {
    http.close();
  }

  private <V> BoundedCache<SchemaKey, V> perSubject(
      BoundedCache<String, BoundedCache<SchemaKey, V>> cache, String subject) {
    return cache.getOrLoad(subject, key -> new BoundedCache<>(capacity));
  }

  private static String subjectPath(String subject) {
    return "/subjects/" + RegistryHttp.segment(subject);
  }

  private static String normalizeQuery(boolean normalize) {
    return normalize ? "?normalize=true" : "";
  }

  private static ObjectNode schemaBody(String schema) {
    // schemaType is left out: Confluent's protocol means AVRO when it is absent
    return RegistryHttp.JSON.createObjectNode().put(SCHEMA, schema);
  }

  private static SchemaMetadata metadata(JsonNode node, String subject) {
    return new SchemaMetadata(node.path("subject").asText(subject), node.path("version").asInt(),
        node.path("id").asInt(), node.path("schemaType").asText(null),
        node.path(SCHEMA).asText());
  }

  /** GET answers {@code compatibilityLevel}, PUT answers {@code compatibility}. */
  private static CompatibilityLevel level(JsonNode node) {
    JsonNode level = node.has("compatibilityLevel") ? node.get("compatibilityLevel")
        : node.path("compatibility");
    return CompatibilityLevel.parse(level.asText());
  }
}
