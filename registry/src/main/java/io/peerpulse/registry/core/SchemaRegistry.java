package io.peerpulse.registry.core;

import io.peerpulse.registry.core.StoreValue.ConfigValue;
import io.peerpulse.registry.core.StoreValue.DeleteSubjectValue;
import io.peerpulse.registry.core.StoreValue.ModeValue;
import io.peerpulse.registry.core.StoreValue.SchemaValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The schema registry without HTTP: Confluent's semantics for subjects, versions, global ids,
 * soft and permanent deletes, compatibility and modes, over any {@link SchemaStore}.
 *
 * <p>Ids: the same schema (type, canonical text, references) gets the same global id in every
 * subject; a new schema gets {@code max id ever seen + 1}. Versions: {@code max version of the
 * subject (soft-deleted ones included) + 1}.
 *
 * <p>Writes are serialised within one instance. Across instances on one log, each write first
 * catches up with the log, appends, reads its own record back and checks that it won (see
 * {@link RegistryState} for the rule: the earlier record in the log wins). A loser repairs the
 * key it wrote (re-appending the winner, or a tombstone if no one holds the key) so that log
 * compaction, which keeps the last record per key, cannot resurrect the losing record; then it
 * retries against the new state. The residual race (a third write to the same key between the
 * loser's check and its repair) is accepted: it needs three concurrent writers on one subject.
 *
 * <p>Reads do not wait for the log: an instance answers from what it has read so far, as
 * Confluent's followers do.
 */
public final class SchemaRegistry implements AutoCloseable {

  private static final List<String> SCHEMA_TYPES = List.of(SchemaInput.AVRO);
  private static final int MAX_WRITE_ATTEMPTS = 10;

  private final SchemaStore store;
  private final RegistryState state = new RegistryState();
  private final ReentrantLock writeLock = new ReentrantLock();

  /**
   * Starts {@code store} and replays it; returns when the registry is up to date. The registry
   * owns the store from here on: it closes it on {@link #close()}, or at once if start fails.
   */
  public SchemaRegistry(SchemaStore store) {
    this.store = store;
    try {
      store.start(state::apply);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** A registry whose state lives only in this object: for tests and {@code mock://} URLs. */
  public static SchemaRegistry inMemory() {
    return new SchemaRegistry(new InMemorySchemaStore());
  }

  /** Schema types this registry accepts: {@code ["AVRO"]}. */
  public List<String> schemaTypes() {
    return SCHEMA_TYPES;
  }

  // ---- registration and lookup ---------------------------------------------------------------

  /**
   * Registers a schema of {@code schemaType} ({@code null} = AVRO) without references; see
   * {@link #register(String, SchemaInput, boolean)}.
   */
  public int register(String subject, String schema, String schemaType, boolean normalize) {
    return register(subject, new SchemaInput(schemaType, schema, List.of()), normalize);
  }

  /**
   * Registers {@code input} under {@code subject} and returns its global id. A schema already
   * live in the subject returns its existing id without a new version or compatibility check.
   * The text is always stored in canonical form, so {@code normalize} changes nothing further;
   * it is accepted for protocol compatibility.
   *
   * @throws RegistryException 42201 invalid schema or type, 409/40901 incompatible, 42205 read-only
   */
  public int register(String subject, SchemaInput input, boolean normalize) {
    checkSubject(subject);
    Prepared prepared = prepare(input);
    writeLock.lock();
    try {
      for (int attempt = 1; attempt <= MAX_WRITE_ATTEMPTS; attempt++) {
        store.sync();
        checkWritable(subject);
        List<SchemaValue> all = state.versions(subject, true);
        Optional<SchemaValue> live = all.stream()
            .filter(v -> !v.deleted() && v.identity().equals(prepared.identity())).findFirst();
        if (live.isPresent()) {
          return live.get().id();
        }
        List<String> problems = incompatibilities(effectiveLevel(subject), prepared,
            state.versions(subject, false));
        if (!problems.isEmpty()) {
          throw RegistryException.incompatibleSchema("Schema being registered is incompatible with"
              + " an earlier schema for subject \"" + subject + "\", details: " + problems);
        }
        int id = state.idOf(prepared.identity()).orElse(state.maxId() + 1);
        int version = all.isEmpty() ? 1 : all.get(all.size() - 1).version() + 1;
        SchemaValue value = new SchemaValue(subject, version, id, prepared.schemaType(),
            prepared.canonical(), prepared.references(), false);
        StoreKey key = StoreKey.schema(subject, version);
        store.append(key, value);
        if (state.version(subject, version).filter(value::equals).isPresent()) {
          return id;
        }
        repair(key);
      }
      throw RegistryException.storeError("Could not register a schema under subject '" + subject
          + "' after " + MAX_WRITE_ATTEMPTS + " attempts: other registry instances kept winning"
          + " the same version or id", null);
    } finally {
      writeLock.unlock();
    }
  }

  /** Makes the last record of {@code key} agree with the state, after losing a write race. */
  private void repair(StoreKey key) {
    Optional<SchemaValue> winner = state.version(key.subject(), key.version());
    store.append(key, winner.orElse(null));
  }

  /** {@link #lookup(String, SchemaInput, boolean, boolean)} for an Avro schema. */
  public RegisteredSchema lookup(String subject, String schema, boolean includeDeleted) {
    return lookup(subject, SchemaInput.avro(schema), false, includeDeleted);
  }

  /**
   * Finds the version of {@code subject} holding {@code input} (the newest, if several).
   *
   * @throws RegistryException 40401 unknown subject, 40403 schema not in subject, 42201 invalid
   */
  public RegisteredSchema lookup(String subject, SchemaInput input, boolean normalize,
      boolean includeDeleted) {
    List<SchemaValue> versions = state.versions(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    Prepared prepared = prepare(input);
    for (int i = versions.size() - 1; i >= 0; i--) {
      if (versions.get(i).identity().equals(prepared.identity())) {
        return versions.get(i).toRegistered();
      }
    }
    throw RegistryException.schemaNotFound();
  }

  /** @throws RegistryException 40403 when no schema has {@code id} */
  public StoredSchema schemaById(int id) {
    SchemaValue value = state.schemaById(id)
        .orElseThrow(() -> RegistryException.schemaNotFound(id));
    return new StoredSchema(id, value.schemaType(), value.schema(), value.references());
  }

  /** Subjects in which schema {@code id} is registered. @throws RegistryException 40403 */
  public List<String> subjectsForId(int id, boolean includeDeleted) {
    return versionsForId(id, includeDeleted).stream().map(SubjectVersion::subject).distinct()
        .toList();
  }

  /** (subject, version) pairs holding schema {@code id}. @throws RegistryException 40403 */
  public List<SubjectVersion> versionsForId(int id, boolean includeDeleted) {
    schemaById(id);
    return state.usesOfId(id, includeDeleted).stream()
        .map(v -> new SubjectVersion(v.subject(), v.version())).toList();
  }

  /** Subjects with a live version (or any version, when {@code includeDeleted}), sorted. */
  public List<String> subjects(boolean includeDeleted) {
    return state.subjects(includeDeleted);
  }

  /** @throws RegistryException 40401 when the subject has no (live) version */
  public List<Integer> versions(String subject, boolean includeDeleted) {
    List<SchemaValue> versions = state.versions(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    return versions.stream().map(SchemaValue::version).toList();
  }

  /**
   * One version of a subject; {@code version} is a number, {@code "latest"} or {@code "-1"}.
   *
   * @throws RegistryException 42202 malformed version, 40401 unknown subject, 40402 unknown or
   *     soft-deleted (unless {@code includeDeleted}) version
   */
  public RegisteredSchema version(String subject, String version, boolean includeDeleted) {
    VersionSpec spec = VersionSpec.parse(version);
    List<SchemaValue> versions = state.versions(subject, includeDeleted);
    if (versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    if (spec.latest()) {
      return versions.get(versions.size() - 1).toRegistered();
    }
    return state.version(subject, spec.number())
        .filter(v -> includeDeleted || !v.deleted())
        .orElseThrow(() -> RegistryException.versionNotFound(spec.number()))
        .toRegistered();
  }

  // ---- deletes -------------------------------------------------------------------------------

  /**
   * Deletes a subject: soft first (versions stay readable by id and with {@code deleted=true}),
   * then, with {@code permanent}, for good. Returns the versions deleted. A soft delete also
   * drops the subject's own compatibility and mode, as Confluent does.
   *
   * @throws RegistryException 40401 unknown subject, 40404 already soft-deleted, 40405 permanent
   *     delete of a subject not soft-deleted first, 42206 still referenced, 42205 read-only
   */
  public List<Integer> deleteSubject(String subject, boolean permanent) {
    writeLock.lock();
    try {
      store.sync();
      checkWritable(subject);
      List<SchemaValue> all = state.versions(subject, true);
      if (all.isEmpty()) {
        throw RegistryException.subjectNotFound(subject);
      }
      List<SchemaValue> live = all.stream().filter(v -> !v.deleted()).toList();
      all.forEach(this::checkNotReferenced);
      if (permanent) {
        if (!live.isEmpty()) {
          throw RegistryException.subjectNotSoftDeleted(subject);
        }
        for (SchemaValue value : all) {
          store.append(StoreKey.schema(subject, value.version()), null);
        }
        store.append(StoreKey.clearSubject(subject), new StoreValue.ClearSubjectValue(subject));
        return all.stream().map(SchemaValue::version).toList();
      }
      if (live.isEmpty()) {
        throw RegistryException.subjectSoftDeleted(subject);
      }
      int latest = all.get(all.size() - 1).version();
      store.append(StoreKey.deleteSubject(subject), new DeleteSubjectValue(subject, latest));
      if (state.subjectConfig(subject).isPresent()) {
        store.append(StoreKey.config(subject), null);
      }
      if (state.subjectMode(subject).isPresent()) {
        store.append(StoreKey.mode(subject), null);
      }
      return live.stream().map(SchemaValue::version).toList();
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Deletes one version (a number or {@code "latest"}), soft first, then with {@code permanent}.
   *
   * @throws RegistryException 42202 malformed version, 40401 unknown subject, 40402 unknown
   *     version, 40406 already soft-deleted, 40407 permanent delete of a live version, 42206
   *     still referenced, 42205 read-only
   */
  public int deleteVersion(String subject, String version, boolean permanent) {
    VersionSpec spec = VersionSpec.parse(version);
    writeLock.lock();
    try {
      store.sync();
      checkWritable(subject);
      List<SchemaValue> all = state.versions(subject, true);
      if (all.isEmpty()) {
        throw RegistryException.subjectNotFound(subject);
      }
      SchemaValue value = spec.latest()
          ? latestOf(permanent ? all : state.versions(subject, false), subject)
          : state.version(subject, spec.number())
              .orElseThrow(() -> RegistryException.versionNotFound(spec.number()));
      checkNotReferenced(value);
      StoreKey key = StoreKey.schema(subject, value.version());
      if (permanent) {
        if (!value.deleted()) {
          throw RegistryException.versionNotSoftDeleted(subject, value.version());
        }
        store.append(key, null);
      } else {
        if (value.deleted()) {
          throw RegistryException.versionSoftDeleted(subject, value.version());
        }
        store.append(key, value.withDeleted(true));
      }
      return value.version();
    } finally {
      writeLock.unlock();
    }
  }

  private static SchemaValue latestOf(List<SchemaValue> versions, String subject) {
    if (versions.isEmpty()) {
      throw RegistryException.subjectNotFound(subject);
    }
    return versions.get(versions.size() - 1);
  }

  private void checkNotReferenced(SchemaValue value) {
    List<SchemaValue> referrers = state.referrers(value.subject(), value.version());
    if (!referrers.isEmpty()) {
      SchemaValue first = referrers.get(0);
      throw RegistryException.referenceExists("Subject '" + value.subject() + "' version "
          + value.version() + " is referenced by subject '" + first.subject() + "' version "
          + first.version());
    }
  }

  // ---- compatibility -------------------------------------------------------------------------

  /** Global compatibility level (BACKWARD unless set). */
  public CompatibilityLevel config() {
    return state.globalConfig().orElse(CompatibilityLevel.DEFAULT);
  }

  /**
   * The subject's own compatibility level, or with {@code defaultToGlobal} the level in force.
   *
   * @throws RegistryException 40408 when the subject has no level of its own and
   *     {@code defaultToGlobal} is false
   */
  public CompatibilityLevel config(String subject, boolean defaultToGlobal) {
    Optional<CompatibilityLevel> own = state.subjectConfig(subject);
    if (own.isPresent()) {
      return own.get();
    }
    if (defaultToGlobal) {
      return config();
    }
    throw RegistryException.compatibilityNotConfigured(subject);
  }

  /** Sets the global level and returns it. */
  public CompatibilityLevel updateConfig(CompatibilityLevel level) {
    return writeConfig(null, level);
  }

  /** Sets a subject's level (the subject need not exist yet) and returns it. */
  public CompatibilityLevel updateConfig(String subject, CompatibilityLevel level) {
    checkSubject(subject);
    return writeConfig(subject, level);
  }

  /** Resets the global level to the default and returns the level it had. */
  public CompatibilityLevel deleteConfig() {
    CompatibilityLevel previous = config();
    writeConfig(null, null);
    return previous;
  }

  /**
   * Removes a subject's own level and returns it.
   *
   * @throws RegistryException 40401 unknown subject without a level, 40408 known subject without
   */
  public CompatibilityLevel deleteConfig(String subject) {
    Optional<CompatibilityLevel> own = state.subjectConfig(subject);
    if (own.isEmpty()) {
      if (state.versions(subject, true).isEmpty()) {
        throw RegistryException.subjectNotFound(subject);
      }
      throw RegistryException.compatibilityNotConfigured(subject);
    }
    writeConfig(subject, null);
    return own.get();
  }

  private CompatibilityLevel writeConfig(String subject, CompatibilityLevel level) {
    writeLock.lock();
    try {
      store.append(StoreKey.config(subject),
          level == null ? null : new ConfigValue(subject, level));
      return level;
    } finally {
      writeLock.unlock();
    }
  }

  private CompatibilityLevel effectiveLevel(String subject) {
    return state.subjectConfig(subject).orElseGet(this::config);
  }

  /**
   * Tests {@code input} against one version of {@code subject}, or against the versions the
   * subject's level covers when {@code version} is {@code "latest"}, or, when {@code version} is
   * {@code null}, against every live version the level requires.
   *
   * @throws RegistryException 42201 invalid schema, 42202 malformed version, 40401 unknown
   *     subject, 40402 unknown version (only for an explicit version number)
   */
  public CompatibilityResult testCompatibility(String subject, String version, SchemaInput input,
      boolean normalize) {
    VersionSpec spec = version == null ? null : VersionSpec.parse(version);
    Prepared prepared = prepare(input);
    CompatibilityLevel level = effectiveLevel(subject);
    List<SchemaValue> live = state.versions(subject, false);
    List<SchemaValue> against;
    if (spec == null || spec.latest()) {
      against = live;
    } else {
      if (state.versions(subject, true).isEmpty()) {
        throw RegistryException.subjectNotFound(subject);
      }
      against = List.of(state.version(subject, spec.number())
          .filter(v -> !v.deleted())
          .orElseThrow(() -> RegistryException.versionNotFound(spec.number())));
    }
    List<String> problems = incompatibilities(level, prepared, against);
    return new CompatibilityResult(problems.isEmpty(), problems);
  }

  private List<String> incompatibilities(CompatibilityLevel level, Prepared candidate,
      List<SchemaValue> previous) {
    if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
      return List.of();
    }
    List<AvroSchemas.Previous> parsed = new ArrayList<>();
    for (SchemaValue value : previous) {
      parsed.add(new AvroSchemas.Previous(value.version(), parseStored(value).schema(),
          value.schema()));
    }
    return AvroSchemas.incompatibilities(level, candidate.parsed().schema(), parsed);
  }

  // ---- modes ---------------------------------------------------------------------------------

  /** Global mode (READWRITE unless set). */
  public Mode mode() {
    return state.globalMode().orElse(Mode.DEFAULT);
  }

  /**
   * A subject's own mode, or with {@code defaultToGlobal} the mode in force.
   *
   * @throws RegistryException 40409 when the subject has no mode of its own
   */
  public Mode mode(String subject, boolean defaultToGlobal) {
    Optional<Mode> own = state.subjectMode(subject);
    if (own.isPresent()) {
      return own.get();
    }
    if (defaultToGlobal) {
      return mode();
    }
    throw RegistryException.modeNotConfigured(subject);
  }

  public Mode updateMode(Mode mode) {
    return writeMode(null, mode);
  }

  public Mode updateMode(String subject, Mode mode) {
    checkSubject(subject);
    return writeMode(subject, mode);
  }

  /** Removes a subject's own mode and returns it. @throws RegistryException 40409 if none */
  public Mode deleteMode(String subject) {
    Mode own = mode(subject, false);
    writeMode(subject, null);
    return own;
  }

  private Mode writeMode(String subject, Mode mode) {
    writeLock.lock();
    try {
      store.append(StoreKey.mode(subject), mode == null ? null : new ModeValue(subject, mode));
      return mode;
    } finally {
      writeLock.unlock();
    }
  }

  private void checkWritable(String subject) {
    Mode mode = state.subjectMode(subject).orElseGet(this::mode);
    if (mode.readOnly()) {
      throw RegistryException.operationNotPermitted("Subject " + subject + " is in read-only mode");
    }
  }

  @Override
  public void close() {
    store.close();
  }

  // ---- schema preparation --------------------------------------------------------------------

  /** A submitted schema, parsed and canonicalised. */
  private record Prepared(String schemaType, AvroSchemas.Parsed parsed, String canonical,
      List<SchemaReference> references) {
    String identity() {
      return SchemaIdentity.of(schemaType, canonical, references);
    }
  }

  private Prepared prepare(SchemaInput input) {
    String type = input.schemaType().toUpperCase(Locale.ROOT);
    if (!SCHEMA_TYPES.contains(type)) {
      throw RegistryException.invalidSchema("Invalid schema type '" + input.schemaType()
          + "': this registry supports " + SCHEMA_TYPES + " only");
    }
    AvroSchemas.Parsed parsed = AvroSchemas.parse(input.schema(),
        referencedTexts(input.references()));
    return new Prepared(type, parsed, parsed.canonical(), input.references());
  }

  private AvroSchemas.Parsed parseStored(SchemaValue value) {
    return AvroSchemas.parse(value.schema(), referencedTexts(value.references()));
  }

  /** Texts of the schemas {@code references} point at, transitively, dependencies first. */
  private List<String> referencedTexts(List<SchemaReference> references) {
    Map<String, String> texts = new LinkedHashMap<>();
    collectReferences(references, texts, 0);
    return List.copyOf(texts.values());
  }

  private void collectReferences(List<SchemaReference> references, Map<String, String> texts,
      int depth) {
    if (depth > 32) {
      throw RegistryException.invalidSchema(
          "Invalid schema: references nest deeper than 32 levels");
    }
    for (SchemaReference ref : references) {
      String key = ref.subject() + "\u0000" + ref.version();
      if (texts.containsKey(key)) {
        continue;
      }
      SchemaValue target = state.version(ref.subject(), ref.version())
          .orElseThrow(() -> RegistryException.invalidSchema("Invalid schema: reference '"
              + ref.name() + "' points to subject '" + ref.subject() + "' version "
              + ref.version() + ", which does not exist"));
      collectReferences(target.references(), texts, depth + 1);
      texts.put(key, target.schema());
    }
  }

  private static void checkSubject(String subject) {
    if (subject == null || subject.isBlank() || subject.chars().anyMatch(Character::isISOControl)) {
      throw RegistryException.invalidSubject(String.valueOf(subject));
    }
  }
}
