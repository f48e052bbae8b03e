package io.peerpulse.registry.serde;

import io.peerpulse.registry.client.ConfigReader;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.ConfigException;

/**
 * Serde settings, read with Confluent's key names and defaults (the registry connection settings
 * are read separately by the client; see registry/README.md, "Client and serde").
 *
 * @param latestCacheTtl how long a subject's latest version is trusted; null means for ever
 *     ({@code latest.cache.ttl.sec} = -1, Confluent's serde default)
 */
public record AvroSerdeConfig(boolean autoRegisterSchemas, boolean useLatestVersion,
    boolean latestCompatibilityStrict, boolean normalizeSchemas, boolean specificAvroReader,
    SubjectNameStrategy keySubjectNameStrategy, SubjectNameStrategy valueSubjectNameStrategy,
    Optional<Class<? extends SpecificRecord>> specificKeyType,
    Optional<Class<? extends SpecificRecord>> specificValueType, Duration latestCacheTtl,
    boolean failOnTrailingData) {

  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  public static final String USE_LATEST_VERSION = "use.latest.version";
  public static final String LATEST_COMPATIBILITY_STRICT = "latest.compatibility.strict";
  public static final String NORMALIZE_SCHEMAS = "normalize.schemas";
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";
  public static final String SPECIFIC_AVRO_KEY_TYPE = "specific.avro.key.type";
  public static final String SPECIFIC_AVRO_VALUE_TYPE = "specific.avro.value.type";
  public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";
  public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
  public static final String LATEST_CACHE_TTL_SEC = "latest.cache.ttl.sec";
  public static final String AVRO_FAIL_ON_TRAILING_DATA = "avro.fail.on.trailing.data";

  public static AvroSerdeConfig from(Map<String, ?> configs) {
    ConfigReader config = ConfigReader.of(configs);
    long ttl = config.longValue(LATEST_CACHE_TTL_SEC, -1);
    return new AvroSerdeConfig(
        config.bool(AUTO_REGISTER_SCHEMAS, true),
        config.bool(USE_LATEST_VERSION, false),
        config.bool(LATEST_COMPATIBILITY_STRICT, true),
        config.bool(NORMALIZE_SCHEMAS, false),
        config.bool(SPECIFIC_AVRO_READER, false),
        SubjectNameStrategies.resolve(KEY_SUBJECT_NAME_STRATEGY,
            config.raw(KEY_SUBJECT_NAME_STRATEGY)),
        SubjectNameStrategies.resolve(VALUE_SUBJECT_NAME_STRATEGY,
            config.raw(VALUE_SUBJECT_NAME_STRATEGY)),
        specificType(SPECIFIC_AVRO_KEY_TYPE, config.raw(SPECIFIC_AVRO_KEY_TYPE)),
        specificType(SPECIFIC_AVRO_VALUE_TYPE, config.raw(SPECIFIC_AVRO_VALUE_TYPE)),
        ttl < 0 ? null : Duration.ofSeconds(ttl),
        config.bool(AVRO_FAIL_ON_TRAILING_DATA, false));
  }

  public SubjectNameStrategy subjectNameStrategy(boolean isKey) {
    return isKey ? keySubjectNameStrategy : valueSubjectNameStrategy;
  }

  public Optional<Class<? extends SpecificRecord>> specificType(boolean isKey) {
    return isKey ? specificKeyType : specificValueType;
  }

  private static Optional<Class<? extends SpecificRecord>> specificType(String key, Object value) {
    if (value == null || value.toString().isBlank()) {
      return Optional.empty();
    }
    Class<?> type;
    if (value instanceof Class<?> given) {
      type = given;
    } else {
      try {
        type = Class.forName(value.toString().trim(), true,
            Thread.currentThread().getContextClassLoader());
      } catch (ClassNotFoundException e) {
        throw new ConfigException(key, value, "class not found");
      }
    }
    if (!SpecificRecord.class.isAssignableFrom(type)) {
      throw new ConfigException(key, value, "not a " + SpecificRecord.class.getName());
    }
    return Optional.of(type.asSubclass(SpecificRecord.class));
  }
}
