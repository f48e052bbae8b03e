package io.peerpulse.registry.client;

import io.peerpulse.registry.core.CompatibilityLevel;
import io.peerpulse.registry.core.CompatibilityResult;
import io.peerpulse.registry.core.Mode;
import io.peerpulse.registry.core.RegisteredSchema;
import io.peerpulse.registry.core.RegistryException;
import io.peerpulse.registry.core.SchemaInput;
import io.peerpulse.registry.core.SchemaRegistry;
import io.peerpulse.registry.core.SubjectVersion;
import java.util.List;
import java.util.function.Supplier;
import org.apache.avro.Schema;

/**
 * A client calling a {@link SchemaRegistry} in this JVM directly, with the same error contract as
 * the REST client (the registry's Confluent codes become {@link RestClientException}s), so code
 * tested against {@code mock://} behaves the same against a real registry.
 */
public final class LocalSchemaRegistryClient implements SchemaRegistryClient {

  private final SchemaRegistry registry;
  private final String location;
  private final BoundedCache<Integer, Schema> schemaById =
      new BoundedCache<>(RegistryClientConfig.MAX_SCHEMAS_PER_SUBJECT_DEFAULT);

  public LocalSchemaRegistryClient(SchemaRegistry registry, String location) {
    this.registry = registry;
    this.location = location;
  }

  @Override
  public int register(String subject, String schema, boolean normalize) {
    return call(() -> registry.register(subject, SchemaInput.avro(schema), normalize));
  }

  @Override
  public SchemaMetadata lookup(String subject, String schema, boolean normalize) {
    return metadata(call(() -> registry.lookup(subject, SchemaInput.avro(schema), normalize,
        false)));
  }

  @Override
  public String getSchemaStringById(int id) {
    return call(() -> registry.schemaById(id).schema());
  }

  @Override
  public Schema getSchemaById(int id) {
    // parsing is the costly part of a by-id read; the registry data for an id never changes
    return schemaById.getOrLoad(id, key -> AvroSchemaParser.parse(getSchemaStringById(id)));
  }

  @Override
  public List<SubjectVersion> getSubjectVersionsById(int id) {
    return call(() -> registry.versionsForId(id, false));
  }

  @Override
  public SchemaMetadata getLatestVersion(String subject) {
    return metadata(call(() -> registry.version(subject, "latest", false)));
  }

  @Override
  public SchemaMetadata getSchemaMetadata(String subject, int version) {
    return metadata(call(() -> registry.version(subject, Integer.toString(version), false)));
  }

  @Override
  public List<Integer> getAllVersions(String subject) {
    return call(() -> registry.versions(subject, false));
  }

  @Override
  public List<String> getAllSubjects() {
    return call(() -> registry.subjects(false));
  }

  @Override
  public CompatibilityCheck testCompatibility(String subject, String version, String schema,
      boolean verbose) {
    CompatibilityResult result = call(() -> registry.testCompatibility(subject, version,
        SchemaInput.avro(schema), false));
    return new CompatibilityCheck(result.compatible(),
        verbose ? result.messages() : List.of());
  }

  @Override
  public CompatibilityLevel getCompatibility(String subject) {
    return call(() -> subject == null ? registry.config() : registry.config(subject, true));
  }

  @Override
  public CompatibilityLevel updateCompatibility(String subject, CompatibilityLevel level) {
    return call(() -> subject == null ? registry.updateConfig(level)
        : registry.updateConfig(subject, level));
  }

  @Override
  public List<Integer> deleteSubject(String subject, boolean permanent) {
    return call(() -> registry.deleteSubject(subject, permanent));
  }

  @Override
  public int deleteSchemaVersion(String subject, int version, boolean permanent) {
    return call(() -> registry.deleteVersion(subject, Integer.toString(version), permanent));
  }

  @Override
  public String getMode() {
    return call(() -> registry.mode().name());
  }

  @Override
  public String setMode(String mode) {
    return call(() -> registry.updateMode(Mode.parse(mode)).name());
  }

  @Override
  public String location() {
    return location;
  }

  private static SchemaMetadata metadata(RegisteredSchema schema) {
    return new SchemaMetadata(schema.subject(), schema.version(), schema.id(),
        schema.schemaType(), schema.schema());
  }

  private static <T> T call(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (RegistryException e) {
      throw new RestClientException(e.getMessage(), e.httpStatus(), e.errorCode());
    }
  }
}
