package io.peerpulse.streams.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

class TopicAdminTest {

  private final MockAdminClient admin = new MockAdminClient.Builder().numBrokers(3).build();

  @Test
  void createsEveryTopicWithItsPartitionsReplicasAndConfigs() throws Exception {
    TopicAdmin.Result result = TopicAdmin.ensure(admin, 6, (short) 3);

    assertThat(result.created()).containsExactlyInAnyOrder(Topics.EVENTS, Topics.EVENTS_DLQ, Topics.INDICATORS_INTERNAL,
        Topics.INDICATORS, Topics.LATE_CORRECTIONS);
    assertThat(result.existing()).isEmpty();
    Map<String, TopicDescription> topics = admin.describeTopics(result.created()).allTopicNames().get();
    topics.values().forEach(topic -> {
      assertThat(topic.partitions()).as(topic.name()).hasSize(6);
      assertThat(topic.partitions().get(0).replicas()).as(topic.name()).hasSize(3);
    });
    assertThat(config(Topics.EVENTS)).containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "-1")
        .containsEntry("min.insync.replicas", "2");
    assertThat(config(Topics.EVENTS_DLQ)).containsEntry("cleanup.policy", "delete")
        .containsEntry("message.timestamp.type", "LogAppendTime").containsEntry("min.insync.replicas", "2");
    assertThat(config(Topics.INDICATORS_INTERNAL)).containsEntry("cleanup.policy", "compact")
        .containsEntry("min.insync.replicas", "2");
    assertThat(config(Topics.LATE_CORRECTIONS)).containsEntry("cleanup.policy", "delete").containsEntry("retention.ms", "-1");
    assertThat(config(Topics.INDICATORS)).containsEntry("cleanup.policy", "compact")
        .containsEntry("min.insync.replicas", "2");
  }

  @Test
  void aSecondRunFindsTheTopicsAndCreatesNothing() {
    TopicAdmin.ensure(admin, 6, (short) 3);

    TopicAdmin.Result again = TopicAdmin.ensure(admin, 6, (short) 3);

    assertThat(again.created()).isEmpty();
    assertThat(again.existing()).containsExactlyInAnyOrder(Topics.EVENTS, Topics.EVENTS_DLQ, Topics.INDICATORS_INTERNAL,
        Topics.INDICATORS, Topics.LATE_CORRECTIONS);
  }

  @Test
  void missingTopicsAreListed() throws Exception {
    assertThat(TopicAdmin.missing(admin)).containsExactly(Topics.EVENTS, Topics.EVENTS_DLQ, Topics.INDICATORS_INTERNAL,
        Topics.INDICATORS, Topics.LATE_CORRECTIONS);
    admin.createTopics(List.of(new NewTopic(Topics.EVENTS, 6, (short) 3))).all().get();

    assertThat(TopicAdmin.missing(admin)).containsExactly(Topics.EVENTS_DLQ, Topics.INDICATORS_INTERNAL, Topics.INDICATORS,
        Topics.LATE_CORRECTIONS);
    TopicAdmin.ensure(admin, 6, (short) 3);
    assertThat(TopicAdmin.missing(admin)).isEmpty();
  }

  @Test
  void minInsyncReplicasNeverExceedTheReplicationFactor() {
    assertThat(TopicAdmin.newTopics(3, (short) 1)).allSatisfy(topic ->
        assertThat(topic.configs()).containsEntry("min.insync.replicas", "1"));
    assertThat(TopicAdmin.newTopics(3, (short) 5)).allSatisfy(topic ->
        assertThat(topic.configs()).containsEntry("min.insync.replicas", "2"));
  }

  @Test
  void anExistingTopicWithOtherPartitionsIsAnErrorNamingTopicAndSetting() throws Exception {
    admin.createTopics(List.of(new NewTopic(Topics.EVENTS, 3, (short) 3))).all().get();

    assertThatThrownBy(() -> TopicAdmin.ensure(admin, 6, (short) 3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("topic peerpulse.events.v1: partitions is 3, expected 6");
  }

  @Test
  void anExistingTopicWithAnotherCleanupPolicyIsAnErrorNamingTopicAndSetting() throws Exception {
    admin.createTopics(List.of(new NewTopic(Topics.INDICATORS_INTERNAL, 6, (short) 3)
        .configs(Map.of("cleanup.policy", "compact,delete")))).all().get();

    assertThatThrownBy(() -> TopicAdmin.ensure(admin, 6, (short) 3))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("topic peerpulse.indicators-internal.v1: cleanup.policy is compact,delete, expected compact");
  }

  @Test
  void badCountsAreRejected() {
    assertThatThrownBy(() -> TopicAdmin.ensure(admin, 0, (short) 3)).hasMessage("partitions: expected an integer >= 1, got 0");
    assertThatThrownBy(() -> TopicAdmin.ensure(admin, 6, (short) 0))
        .hasMessage("replication factor: expected an integer >= 1, got 0");
  }

  private Map<String, String> config(String topic) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
    return config.entries().stream().filter(e -> e.value() != null)
        .collect(java.util.stream.Collectors.toMap(e -> e.name(), e -> e.value()));
  }
}
