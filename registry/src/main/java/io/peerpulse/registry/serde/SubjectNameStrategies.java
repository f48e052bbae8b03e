package io.peerpulse.registry.serde;

import java.lang.reflect.InvocationTargetException;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Resolves a {@code *.subject.name.strategy} config value. Confluent's class names are accepted as
 * aliases of ours so a Confluent-configured application moves over by swapping the serde class
 * only.
 */
final class SubjectNameStrategies {

  private static final String CONFLUENT_PACKAGE = "io.confluent.kafka.serializers.subject.";
  private static final Map<String, SubjectNameStrategy> KNOWN = Map.of(
      CONFLUENT_PACKAGE + "TopicNameStrategy", new TopicNameStrategy(),
      CONFLUENT_PACKAGE + "RecordNameStrategy", new RecordNameStrategy(),
      CONFLUENT_PACKAGE + "TopicRecordNameStrategy", new TopicRecordNameStrategy(),
      TopicNameStrategy.class.getName(), new TopicNameStrategy(),
      RecordNameStrategy.class.getName(), new RecordNameStrategy(),
      TopicRecordNameStrategy.class.getName(), new TopicRecordNameStrategy());

  private SubjectNameStrategies() {
  }

  /**
   * The strategy a config value names: null means the default ({@link TopicNameStrategy}); a
   * {@link SubjectNameStrategy} instance or class is used as is; a class name is looked up among
   * the known names, then loaded, so applications can plug in their own strategy as with
   * Confluent.
   */
  static SubjectNameStrategy resolve(String key, Object value) {
    if (value == null) {
      return KNOWN.get(TopicNameStrategy.class.getName());
    }
    if (value instanceof SubjectNameStrategy strategy) {
      return strategy;
    }
    String name = value instanceof Class<?> type ? type.getName() : value.toString().trim();
    SubjectNameStrategy known = KNOWN.get(name);
    if (known != null) {
      return known;
    }
    return instantiate(key, name);
  }

  private static SubjectNameStrategy instantiate(String key, String name) {
    Class<?> type;
    try {
      type = Class.forName(name, true, Thread.currentThread().getContextClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ConfigException(key, name, "unknown subject name strategy; use TopicNameStrategy,"
          + " RecordNameStrategy or TopicRecordNameStrategy (Confluent's or "
          + SubjectNameStrategy.class.getPackageName() + "'s class names)");
    }
    if (!SubjectNameStrategy.class.isAssignableFrom(type)) {
      throw new ConfigException(key, name, "does not implement "
          + SubjectNameStrategy.class.getName());
    }
    try {
      return (SubjectNameStrategy) type.getDeclaredConstructor().newInstance();
    } catch (InvocationTargetException e) {
      throw new ConfigException(key, name, "cannot be instantiated: " + e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new ConfigException(key, name, "cannot be instantiated: " + e);
    }
  }
}
