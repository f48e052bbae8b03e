package io.peerpulse.streams.serde;

import com.fasterxml.jackson.core.type.TypeReference;
import io.peerpulse.streams.cells.CellKey;
import io.peerpulse.streams.cells.SiteRow;
import io.peerpulse.streams.intake.EventChange;
import io.peerpulse.streams.intake.VoidSlot;
import io.peerpulse.streams.model.SequencedEvent;
import io.peerpulse.streams.person.MemberFact;
import io.peerpulse.streams.topology.DirtyCell;
import io.peerpulse.streams.topology.RevisionState;
import io.peerpulse.streams.topology.SiteInput;
import io.peerpulse.streams.topology.SiteRowSet;
import io.peerpulse.streams.topology.SiteRowUpdate;
import io.peerpulse.streams.topology.SiteState;
import io.peerpulse.streams.workload.SupervisionSession;
import io.peerpulse.streams.workload.WorkerStatusChange;
import io.peerpulse.streams.workload.WorkloadContact;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;

/**
 * Serdes of internal repartition topics and stores: JSON through {@link InternalJson}, simple and
 * readable with a console consumer. Their formats are internal: changing one needs a reset of the
 * application (or a new store name), never a schema registry.
 */
public final class InternalSerdes {

  public static final Serde<SequencedEvent> SEQUENCED_EVENT = JsonSerde.of(SequencedEvent.class);
  public static final Serde<List<SequencedEvent>> SEQUENCED_EVENTS = JsonSerde.of(new TypeReference<>() {});
  public static final Serde<VoidSlot> VOID_SLOT = JsonSerde.of(VoidSlot.class);
  public static final Serde<EventChange> EVENT_CHANGE = JsonSerde.of(EventChange.class);
  public static final Serde<MemberFact> MEMBER_FACT = JsonSerde.of(MemberFact.class);
  public static final Serde<List<MemberFact>> MEMBER_FACTS = JsonSerde.of(new TypeReference<>() {});
  public static final Serde<SiteInput> SITE_INPUT = JsonSerde.of(SiteInput.class);
  public static final Serde<SiteState> SITE_STATE = JsonSerde.of(SiteState.class);
  public static final Serde<CellKey> CELL_KEY = JsonSerde.of(CellKey.class);
  public static final Serde<DirtyCell> DIRTY_CELL = JsonSerde.of(DirtyCell.class);
  public static final Serde<SiteRow> SITE_ROW = JsonSerde.of(SiteRow.class);
  public static final Serde<List<SiteRow>> SITE_ROWS = JsonSerde.of(new TypeReference<>() {});
  public static final Serde<SiteRowUpdate> SITE_ROW_UPDATE = JsonSerde.of(SiteRowUpdate.class);
  public static final Serde<SiteRowSet> SITE_ROW_SET = JsonSerde.of(SiteRowSet.class);
  public static final Serde<WorkloadContact> WORKLOAD_CONTACT = JsonSerde.of(WorkloadContact.class);
  public static final Serde<WorkerStatusChange> WORKER_STATUS = JsonSerde.of(WorkerStatusChange.class);
  public static final Serde<SupervisionSession> SUPERVISION = JsonSerde.of(SupervisionSession.class);
  public static final Serde<RevisionState> REVISION_STATE = JsonSerde.of(RevisionState.class);

  private InternalSerdes() {}
}
