package io.peerpulse.registry.serde;

import org.apache.avro.Schema;

/**
 * The record's full name ({@code io.peerpulse.Event}): one lineage per record type across all
 * topics, so a topic may carry several record types.
 */
public final class RecordNameStrategy implements SubjectNameStrategy {

  @Override
  public String subjectName(String topic, boolean isKey, Schema schema) {
    return schema.getFullName();
  }
}
