package io.peerpulse.registry.core;

import io.peerpulse.registry.core.StoreValue.ClearSubjectValue;
import io.peerpulse.registry.core.StoreValue.ConfigValue;
import io.peerpulse.registry.core.StoreValue.DeleteSubjectValue;
import io.peerpulse.registry.core.StoreValue.ModeValue;
import io.peerpulse.registry.core.StoreValue.SchemaValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's view of the log: a pure function of the records applied so far, so every
 * instance replaying the same log holds the same state.
 *
 * <p>Conflicts between concurrent writers are settled here, deterministically, by log order: a
 * SCHEMA record is ignored when its (subject, version) already holds another schema, when its id
 * already names another schema, or when its schema already has another id. The earlier record
 * wins, as in Confluent's {@code KafkaStoreMessageHandler.validateUpdate}; the writer of the later
 * record notices (see {@link SchemaRegistry}) and retries.
 *
 * <p>All methods are synchronized: records arrive on the store's reader thread while requests
 * read on server threads.
 */
final class RegistryState {

  private static final Logger LOG = LoggerFactory.getLogger(RegistryState.class);

  private final Map<String, TreeMap<Integer, SchemaValue>> subjects = new TreeMap<>();
  private final Map<Integer, SchemaValue> byId = new HashMap<>();
  private final Map<String, Integer> idByIdentity = new HashMap<>();
  private final Map<String, CompatibilityLevel> subjectConfig = new HashMap<>();
  private final Map<String, Mode> subjectMode = new HashMap<>();
  private CompatibilityLevel globalConfig;
  private Mode globalMode;
  private int maxId;

  synchronized void apply(StoreKey key, StoreValue value) {
    switch (key.keyType()) {
      case SCHEMA -> {
        if (value == null) {
          removeVersion(key.subject(), key.version());
        } else {
          applySchema((SchemaValue) value);
        }
      }
      case CONFIG -> {
        CompatibilityLevel level =
            value == null ? null : ((ConfigValue) value).compatibilityLevel();
        if (isGlobal(key.subject())) {
          globalConfig = level;
        } else if (level == null) {
          subjectConfig.remove(key.subject());
        } else {
          subjectConfig.put(key.subject(), level);
        }
      }
      case MODE -> {
        Mode mode = value == null ? null : ((ModeValue) value).mode();
        if (isGlobal(key.subject())) {
          globalMode = mode;
        } else if (mode == null) {
          subjectMode.remove(key.subject());
        } else {
          subjectMode.put(key.subject(), mode);
        }
      }
      case DELETE_SUBJECT -> {
        if (value instanceof DeleteSubjectValue delete) {
          softDeleteUpTo(delete.subject(), delete.version());
        }
      }
      case CLEAR_SUBJECT -> {
        if (value instanceof ClearSubjectValue clear) {
          clearDeleted(clear.subject());
        }
      }
      case NOOP -> {
        // Probes only.
      }
    }
  }

  private static boolean isGlobal(String subject) {
    return subject == null || subject.isEmpty();
  }

  private void applySchema(SchemaValue value) {
    maxId = Math.max(maxId, value.id());
    TreeMap<Integer, SchemaValue> versions = subjects.get(value.subject());
    SchemaValue existing = versions == null ? null : versions.get(value.version());
    String identity = value.identity();
    if (existing != null) {
      if (existing.id() != value.id() || !existing.identity().equals(identity)) {
        LOG.warn("Ignoring schema record for an occupied version: id {} lost to id {}",
            value.id(), existing.id());
        return;
      }
      versions.put(value.version(), value); // a soft delete or its undo
      return;
    }
    SchemaValue owner = byId.get(value.id());
    if (owner != null && !owner.identity().equals(identity)) {
      LOG.warn("Ignoring schema record whose id {} already names another schema", value.id());
      return;
    }
    Integer knownId = idByIdentity.get(identity);
    if (knownId != null && knownId != value.id()) {
      LOG.warn("Ignoring schema record with id {}: the same schema already has id {}",
          value.id(), knownId);
      return;
    }
    subjects.computeIfAbsent(value.subject(), s -> new TreeMap<>()).put(value.version(), value);
    byId.putIfAbsent(value.id(), value);
    idByIdentity.put(identity, value.id());
  }

  private void removeVersion(String subject, int version) {
    TreeMap<Integer, SchemaValue> versions = subjects.get(subject);
    if (versions == null) {
      return;
    }
    SchemaValue removed = versions.remove(version);
    if (versions.isEmpty()) {
      subjects.remove(subject);
    }
    if (removed != null && !idInUse(removed.id())) {
      // The id stays burnt (maxId keeps it), but nothing answers for it any more, as in Confluent.
      byId.remove(removed.id());
      idByIdentity.remove(removed.identity());
    }
  }

  private boolean idInUse(int id) {
    return subjects.values().stream()
        .anyMatch(versions -> versions.values().stream().anyMatch(v -> v.id() == id));
  }

  private void softDeleteUpTo(String subject, int upTo) {
    TreeMap<Integer, SchemaValue> versions = subjects.get(subject);
    if (versions == null) {
      return;
    }
    versions.headMap(upTo, true).replaceAll((version, value) -> value.withDeleted(true));
  }

  private void clearDeleted(String subject) {
    TreeMap<Integer, SchemaValue> versions = subjects.get(subject);
    if (versions == null) {
      return;
    }
    List<Integer> deleted = versions.values().stream()
        .filter(SchemaValue::deleted).map(SchemaValue::version).toList();
    deleted.forEach(version -> removeVersion(subject, version));
  }

  // ---- queries -------------------------------------------------------------------------------

  synchronized int maxId() {
    return maxId;
  }

  /** Versions of a subject in ascending order, optionally with soft-deleted ones. */
  synchronized List<SchemaValue> versions(String subject, boolean includeDeleted) {
    TreeMap<Integer, SchemaValue> versions = subjects.get(subject);
    if (versions == null) {
      return List.of();
    }
    return versions.values().stream().filter(v -> includeDeleted || !v.deleted()).toList();
  }

  synchronized Optional<SchemaValue> version(String subject, int version) {
    TreeMap<Integer, SchemaValue> versions = subjects.get(subject);
    return Optional.ofNullable(versions == null ? null : versions.get(version));
  }

  /** Subjects with at least one version, live ones only unless {@code includeDeleted}. */
  synchronized List<String> subjects(boolean includeDeleted) {
    List<String> result = new ArrayList<>();
    subjects.forEach((subject, versions) -> {
      if (includeDeleted || versions.values().stream().anyMatch(v -> !v.deleted())) {
        result.add(subject);
      }
    });
    return result;
  }

  synchronized Optional<SchemaValue> schemaById(int id) {
    return Optional.ofNullable(byId.get(id));
  }

  synchronized Optional<Integer> idOf(String identity) {
    return Optional.ofNullable(idByIdentity.get(identity));
  }

  /** Every (subject, version) registered with {@code id}, in subject then version order. */
  synchronized List<SchemaValue> usesOfId(int id, boolean includeDeleted) {
    List<SchemaValue> result = new ArrayList<>();
    subjects.values().forEach(versions -> versions.values().stream()
        .filter(v -> v.id() == id && (includeDeleted || !v.deleted()))
        .forEach(result::add));
    return result;
  }

  /** Versions (any subject) whose references point at {@code subject}/{@code version}. */
  synchronized List<SchemaValue> referrers(String subject, int version) {
    List<SchemaValue> result = new ArrayList<>();
    subjects.values().forEach(versions -> versions.values().stream()
        .filter(v -> v.references().stream()
            .anyMatch(r -> r.subject().equals(subject) && r.version() == version))
        .forEach(result::add));
    return result;
  }

  synchronized Optional<CompatibilityLevel> globalConfig() {
    return Optional.ofNullable(globalConfig);
  }

  synchronized Optional<CompatibilityLevel> subjectConfig(String subject) {
    return Optional.ofNullable(subjectConfig.get(subject));
  }

  synchronized Optional<Mode> globalMode() {
    return Optional.ofNullable(globalMode);
  }

  synchronized Optional<Mode> subjectMode(String subject) {
    return Optional.ofNullable(subjectMode.get(subject));
  }
}
