package io.peerpulse.app.security;

import io.peerpulse.streams.topics.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The ACLs of docs/security.md, "Kafka ACLs", one method per kind of principal: what
 * {@link KafkaLeastPrivilegeIT} grants and {@link SecurityDocTest} finds in the document's
 * {@code kafka-acls.sh} commands.
 */
final class LeastPrivilegeAcls {

  static final String SCHEMAS_TOPIC = "_schemas";

  private LeastPrivilegeAcls() {}

  /**
   * The streams application ({@code peerpulse run}, {@code reset}): reads the events, reads and
   * writes its output topics (it reads the exact and the published values back), writes the
   * dead letters and corrections; owns every topic, group and transactional id starting with its
   * application id (internal topics {@code <application.id>-...}, group {@code <application.id>},
   * exactly-once transactional ids {@code <application.id>-<process>-<thread>}).
   */
  static List<AclBinding> streamsApplication(String principal, String applicationId) {
    List<AclBinding> acls = new ArrayList<>();
    acls.add(allow(principal, ResourceType.TOPIC, Topics.EVENTS, PatternType.LITERAL, AclOperation.READ));
    for (String topic : List.of(Topics.INDICATORS_INTERNAL, Topics.INDICATORS)) {
      acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.READ));
      acls.add(allow(principal, ResourceType.TOPIC, topic, PatternType.LITERAL, AclOperation.WRITE));
    }
    acls.add(allow(principal, ResourceType.TOPIC, Topics.EVENTS_DLQ, PatternType.LITERAL, AclOperation.WRITE));
    acls.add(allow(principal, ResourceType.TOPIC, Topics.LATE_CORRECTIONS, PatternType.LITERAL, AclOperation.WRITE));
    acls.add(allow(principal, ResourceType.TOPIC, applicationId + "-", PatternType.PREFIXED, AclOperation.ALL));
    acls.add(allow(principal, ResourceType.GROUP, applicationId, PatternType.LITERAL, AclOperation.READ));
    acls.add(allow(principal, ResourceType.TRANSACTIONAL_ID, applicationId + "-", PatternType.PREFIXED, AclOperation.WRITE));
    return acls;
  }

  /** A service producing events itself: write the events topic, nothing else. */
  static List<AclBinding> eventProducer(String principal) {
    return List.of(allow(principal, ResourceType.TOPIC, Topics.EVENTS, PatternType.LITERAL, AclOperation.WRITE));
  }

  /** The ingest API and {@code peerpulse ingest}: the events, and the dead letters of rejected rows. */
  static List<AclBinding> ingest(String principal) {
    return List.of(allow(principal, ResourceType.TOPIC, Topics.EVENTS, PatternType.LITERAL, AclOperation.WRITE),
        allow(principal, ResourceType.TOPIC, Topics.EVENTS_DLQ, PatternType.LITERAL, AclOperation.WRITE));
  }

  /** An evaluator: read the published values and corrections, in consumer groups named after it. */
  static List<AclBinding> evaluator(String principal) {
    return List.of(allow(principal, ResourceType.TOPIC, Topics.INDICATORS, PatternType.LITERAL, AclOperation.READ),
        allow(principal, ResourceType.TOPIC, Topics.LATE_CORRECTIONS, PatternType.LITERAL, AclOperation.READ),
        allow(principal, ResourceType.GROUP, principal + "-", PatternType.PREFIXED, AclOperation.READ));
  }

  /** A data engineer: read the dead letters (rejected rows, identifiers redacted), in groups named after them. */
  static List<AclBinding> deadLetterReader(String principal) {
    return List.of(allow(principal, ResourceType.TOPIC, Topics.EVENTS_DLQ, PatternType.LITERAL, AclOperation.READ),
        allow(principal, ResourceType.GROUP, principal + "-", PatternType.PREFIXED, AclOperation.READ));
  }

  /** The schema registry server: its own topic only (it reads by assignment, without a group). */
  static List<AclBinding> schemaRegistry(String principal) {
    return List.of(allow(principal, ResourceType.TOPIC, SCHEMAS_TOPIC, PatternType.LITERAL, AclOperation.ALL));
  }

  static AclBinding allow(String principal, ResourceType type, String name, PatternType pattern, AclOperation operation) {
    return new AclBinding(new ResourcePattern(type, name, pattern),
        new AccessControlEntry("User:" + principal, "*", operation, AclPermissionType.ALLOW));
  }
}
