package io.peerpulse.streams;

import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.intake.DeduplicateStage;
import io.peerpulse.streams.intake.EventChange;
import io.peerpulse.streams.intake.IntakeStage;
import io.peerpulse.streams.model.SequencedEvent;
import io.peerpulse.streams.publish.PublishStage;
import io.peerpulse.streams.publish.PublishedStore;
import io.peerpulse.streams.publish.SuppressionRule;
import io.peerpulse.streams.topics.Topics;
import io.peerpulse.streams.topology.PersonStage;
import io.peerpulse.streams.topology.RevisionStage;
import io.peerpulse.streams.topology.RouteStage;
import io.peerpulse.streams.topology.SiteCellsStage;
import io.peerpulse.streams.topology.SiteInput;
import io.peerpulse.streams.topology.TotalsStage;
import java.util.Properties;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The person-level indicator topology: wires the stages, contains none of them.
 *
 * <pre>
 * peerpulse.events.v1
 *   1 intake ─────────────► peerpulse.events-dlq.v1
 *   2 deduplicate + void ─► peerpulse.events-dlq.v1 (DUPLICATE_CONFLICT)
 *   3 route ─┬─ by person ─► 4 person facts ─► member changes ─┐
 *            └─ by site: dates seen, pauses ──────────────────┴► 5 site cells ─► site rows
 *   6 totals (site rows ─► * rows)
 *   7 revise site rows and * rows ─► peerpulse.indicators-internal.v1
 *   8 publish: suppression across the sites of a cell ─► peerpulse.indicators.v1
 *   9 peerpulse.indicators.v1 ─► published-indicators-store (interactive queries: GET /v1/indicators)
 * </pre>
 * Built with {@code ensure.explicit.internal.resource.naming}: an unnamed store or repartition
 * topic fails the build, so internal topic names never change by accident.
 */
public final class IndicatorTopology {

  private IndicatorTopology() {}

  /** The topology with the default publication rule ({@link SuppressionRule#NHS}). */
  public static Topology build(TopologySettings settings) {
    return build(settings, SuppressionRule.NHS);
  }

  public static Topology build(TopologySettings settings, SuppressionRule publication) {
    StreamsBuilder builder = new StreamsBuilder(namingEnforced());
    Topics topics = Topics.of(settings.registryConfig());

    KStream<String, SequencedEvent> valid = IntakeStage.build(builder, topics, settings.engine());
    KStream<String, EventChange> changes = DeduplicateStage.build(valid, topics, settings);
    RouteStage.Routed routed = RouteStage.build(changes);
    KStream<String, SiteInput> memberChanges = PersonStage.build(routed.toPersons(), settings);
    KStream<String, SiteRow> siteRows = SiteCellsStage.build(memberChanges, routed.toSites(), settings);
    RevisionStage.build(RevisionStage.SITE, siteRows, topics, settings);
    RevisionStage.build(RevisionStage.TOTAL, TotalsStage.build(siteRows, settings), topics, settings);
    PublishStage.build(builder, topics.indicatorsInternal(), topics.indicators(), publication,
        settings.repartitionPartitions());
    PublishedStore.build(builder, topics.indicators(), settings);
    return builder.build();
  }

  private static TopologyConfig namingEnforced() {
    Properties props = new Properties();
    // Only topology-level settings are read from this config; the two required keys are placeholders.
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, "peerpulse-topology-build");
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
    props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
    props.put("processing.exception.handler.global.enabled", true); // as StreamsAppConfig: no start-up warning
    return new TopologyConfig(new StreamsConfig(props));
  }
}
