package io.peerpulse.registry.client;

import io.peerpulse.registry.core.CompatibilityLevel;
import io.peerpulse.registry.core.SubjectVersion;
import java.io.Closeable;
import java.util.List;
import org.apache.avro.Schema;

/**
 * A client of a Confluent-protocol schema registry (Confluent Schema Registry, Apicurio's
 * {@code /apis/ccompat/v7}, Karapace, or PeerPulse's own). Method names follow Confluent's
 * {@code SchemaRegistryClient} so code moves between the two without surprises.
 *
 * <p>Registry errors surface as {@link RestClientException} (HTTP status + Confluent
 * {@code error_code}); a registry that cannot be reached at all, after retries and failover,
 * surfaces as {@link java.io.UncheckedIOException}.
 */
public interface SchemaRegistryClient extends Closeable {

  /** Registers (or finds) {@code schema} under {@code subject}; answers its global id. */
  int register(String subject, String schema, boolean normalize);

  default int register(String subject, Schema schema) {
    return register(subject, schema.toString(), false);
  }

  default int register(String subject, Schema schema, boolean normalize) {
    return register(subject, schema.toString(), normalize);
  }

  /**
   * Looks {@code schema} up under {@code subject} ({@code POST /subjects/{s}}) without registering.
   *
   * @throws RestClientException 404 with 40401 (no subject) or 40403 (schema not in subject)
   */
  SchemaMetadata lookup(String subject, String schema, boolean normalize);

  /** Global id of {@code schema} under {@code subject}; see {@link #lookup}. */
  default int getId(String subject, Schema schema) {
    return lookup(subject, schema.toString(), false).id();
  }

  default int getId(String subject, Schema schema, boolean normalize) {
    return lookup(subject, schema.toString(), normalize).id();
  }

  /** Version number of {@code schema} under {@code subject}; see {@link #lookup}. */
  default int getVersion(String subject, Schema schema) {
    return lookup(subject, schema.toString(), false).version();
  }

  /** The schema text with this global id ({@code GET /schemas/ids/{id}}). */
  String getSchemaStringById(int id);

  /** The Avro schema with this global id, parsed once and cached. */
  Schema getSchemaById(int id);

  /** Every (subject, version) that uses this id ({@code GET /schemas/ids/{id}/versions}). */
  List<SubjectVersion> getSubjectVersionsById(int id);

  /** The latest live version of {@code subject}; never cached, so it sees new registrations. */
  SchemaMetadata getLatestVersion(String subject);

  /** One version of {@code subject}. */
  SchemaMetadata getSchemaMetadata(String subject, int version);

  /** Live version numbers of {@code subject}, ascending. */
  List<Integer> getAllVersions(String subject);

  /** Live subjects. */
  List<String> getAllSubjects();

  /**
   * Tests {@code schema} against {@code version} ({@code "latest"} or a number) of
   * {@code subject} under the subject's compatibility level.
   */
  CompatibilityCheck testCompatibility(String subject, String version, String schema,
      boolean verbose);

  /** Whether {@code schema} is compatible with the latest version of {@code subject}. */
  default boolean testCompatibility(String subject, Schema schema) {
    return testCompatibility(subject, "latest", schema.toString(), false).compatible();
  }

  /**
   * The compatibility level that applies to {@code subject} (its own, else the global one), or
   * the global level when {@code subject} is null.
   */
  CompatibilityLevel getCompatibility(String subject);

  /** Sets the level of {@code subject}, or the global level when {@code subject} is null. */
  CompatibilityLevel updateCompatibility(String subject, CompatibilityLevel level);

  /** Soft- or hard-deletes a subject; answers the versions deleted. */
  List<Integer> deleteSubject(String subject, boolean permanent);

  default List<Integer> deleteSubject(String subject) {
    return deleteSubject(subject, false);
  }

  /** Soft- or hard-deletes one version; answers its number. */
  int deleteSchemaVersion(String subject, int version, boolean permanent);

  /** Global mode ({@code READWRITE}, {@code READONLY}, ...); a string because servers differ. */
  String getMode();

  /** Sets the global mode; answers the mode now in force. */
  String setMode(String mode);

  /** Where this client points (URLs or mock scope), for error messages. */
  String location();

  /** Releases what the client holds; it must not be used afterwards. */
  @Override
  default void close() {
  }
}
