package io.peerpulse.registry.serde;

import org.apache.avro.Schema;

/**
 * Names the registry subject a topic's keys or values are registered under, as Confluent's
 * {@code key.subject.name.strategy} / {@code value.subject.name.strategy} do.
 */
@FunctionalInterface
public interface SubjectNameStrategy {

  /**
   * The subject for data on {@code topic} with {@code schema}.
   *
   * @param schema the record's schema; strategies that need it are given a non-null one
   */
  String subjectName(String topic, boolean isKey, Schema schema);
}
