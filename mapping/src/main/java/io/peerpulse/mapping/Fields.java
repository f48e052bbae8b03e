package io.peerpulse.mapping;

import java.util.List;
import java.util.Set;

/** JSON field names of the canonical event form (spec/events.md); the Avro field names are the same. */
final class Fields {

  static final String EVENT_ID = "event_id";
  static final String TYPE = "type";
  static final String SITE_ID = "site_id";
  static final String OCCURRED_AT = "occurred_at";
  static final String RECORDED_AT = "recorded_at";
  static final String SOURCE = "source";

  static final String PERSON_ID = "person_id";
  static final String PERSON_IDS = "person_ids";
  static final String WORKER_ID = "worker_id";
  static final String PROGRAMME = "programme";
  static final String ARM = "arm";
  static final String SETTING = "setting";
  static final String PLANNED_DAYS = "planned_days";
  static final String REASON = "reason";
  static final String WORKER_ROLE = "worker_role";
  static final String MODE = "mode";
  static final String DURATION_MINUTES = "duration_minutes";
  static final String OUTCOME = "outcome";
  static final String CRISIS = "crisis";
  static final String STAY_ID = "stay_id";
  static final String WARD = "ward";
  static final String INVOLUNTARY = "involuntary";
  static final String DISCHARGE_TYPE = "discharge_type";
  static final String KIND = "kind";
  static final String FTE = "fte";
  static final String ACTIVE = "active";
  static final String PAUSED_UNTIL = "paused_until";
  static final String VOIDS_EVENT_ID = "voids_event_id";

  /** The envelope, in the order it is checked and written. */
  static final List<String> ENVELOPE = List.of(EVENT_ID, TYPE, SITE_ID, OCCURRED_AT, RECORDED_AT, SOURCE);
  static final Set<String> ENVELOPE_SET = Set.copyOf(ENVELOPE);

  /** Fields whose values are pseudonyms of people: never shown in messages, redacted in dead letters. */
  static final Set<String> IDENTIFIERS = Set.of(PERSON_ID, PERSON_IDS, WORKER_ID);

  private Fields() {}
}
