package io.peerpulse.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.peerpulse.event.Event;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Example lines of every type (the first four verbatim from spec/events.md) and ways to spoil them. */
final class TestEvents {

  static final String ENROLLED = """
      {"event_id":"ulm-e-0001","type":"ENROLLED","site_id":"ulm","occurred_at":"2021-02-01","recorded_at":"2021-02-01T09:00:00Z","person_id":"p7Hq2","programme":"UPSIDES","arm":"INTERVENTION","setting":"OUTPATIENT"}""";
  static final String CONTACT = """
      {"event_id":"ulm-c-0042","type":"CONTACT","site_id":"ulm","occurred_at":"2021-02-09T14:00:00+01:00","recorded_at":"2021-03-01T10:00:00Z","person_ids":["p7Hq2"],"worker_id":"w12","worker_role":"PSW","mode":"HOME_VISIT","duration_minutes":60,"outcome":"ATTENDED"}""";
  static final String ADMITTED = """
      {"event_id":"ulm-a-0007","type":"ADMITTED","site_id":"ulm","occurred_at":"2021-04-02","recorded_at":"2021-04-02T18:00:00Z","person_id":"p7Hq2","stay_id":"s-551","ward":"PSYCHIATRIC","involuntary":true}""";
  static final String VOID = """
      {"event_id":"ulm-v-0001","type":"VOID","site_id":"ulm","occurred_at":"2021-03-02","recorded_at":"2021-03-02T08:00:00Z","voids_event_id":"ulm-c-0042"}""";
  static final String EXITED = """
      {"event_id":"ulm-x-0001","type":"EXITED","site_id":"ulm","occurred_at":"2021-06-30","recorded_at":"2021-07-01T08:00:00Z","person_id":"p7Hq2","reason":"COMPLETED"}""";
  static final String DISCHARGED = """
      {"event_id":"ulm-d-0007","type":"DISCHARGED","site_id":"ulm","occurred_at":"2021-04-20","recorded_at":"2021-04-21T09:00:00+02:00","person_id":"p7Hq2","stay_id":"s-551","discharge_type":"ROUTINE"}""";
  static final String RELAPSE = """
      {"event_id":"ulm-r-0003","type":"RELAPSE","site_id":"ulm","occurred_at":"2021-05-03T22:10+02:00","recorded_at":"2021-05-04T07:00:00Z","source":"ehr","person_id":"p7Hq2","kind":"CRISIS_TEAM"}""";
  static final String WORKER_STATUS = """
      {"event_id":"ulm-w-0012","type":"WORKER_STATUS","site_id":"ulm","occurred_at":"2021-01-04","recorded_at":"2021-01-04T08:00:00Z","worker_id":"w12","worker_role":"PSW","fte":0.5,"active":true}""";
  static final String SITE_PAUSE = """
      {"event_id":"ulm-p-0001","type":"SITE_PAUSE","site_id":"ulm","occurred_at":"2021-03-16","recorded_at":"2021-03-16T12:00:00Z","paused_until":"2021-04-30"}""";
  static final String SUPERVISION = """
      {"event_id":"ulm-s-0005","type":"SUPERVISION","site_id":"ulm","occurred_at":"2021-02-10T16:00:00.5+01:00","recorded_at":"2021-02-10T15:30:00.250Z","worker_id":"w12","mode":"GROUP","duration_minutes":90}""";

  /** One example per type, in EventType order. */
  static final Map<EventType, String> BY_TYPE = Map.of(
      EventType.ENROLLED, ENROLLED, EventType.EXITED, EXITED, EventType.CONTACT, CONTACT,
      EventType.ADMITTED, ADMITTED, EventType.DISCHARGED, DISCHARGED, EventType.RELAPSE, RELAPSE,
      EventType.WORKER_STATUS, WORKER_STATUS, EventType.SITE_PAUSE, SITE_PAUSE,
      EventType.SUPERVISION, SUPERVISION, EventType.VOID, VOID);

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TestEvents() {}

  static Event accepted(String json) {
    ParseResult result = EventJson.parse(json);
    assertThat(result).as("parse(%s)", json).isInstanceOf(ParseResult.Accepted.class);
    return ((ParseResult.Accepted) result).event();
  }

  static Rejection rejected(String json) {
    ParseResult result = EventJson.parse(json);
    assertThat(result).as("parse(%s)", json).isInstanceOf(Rejection.class);
    return (Rejection) result;
  }

  /** The object with {@code field} set to the raw JSON text {@code rawValue} (kept literally: 3e1 stays 3e1). */
  static String with(String json, String field, String rawValue) {
    return rebuild(json, field, rawValue);
  }

  static String without(String json, String field) {
    return rebuild(json, field, null);
  }

  /** The same object with its keys in reverse order. */
  static String reversed(String json) {
    try {
      List<String> members = new ArrayList<>();
      for (Map.Entry<String, JsonNode> member : MAPPER.readTree(json).properties()) {
        members.add(MAPPER.writeValueAsString(member.getKey()) + ":" + MAPPER.writeValueAsString(member.getValue()));
      }
      Collections.reverse(members);
      return "{" + String.join(",", members) + "}";
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static String rebuild(String json, String field, String rawValue) {
    try {
      JsonNode node = MAPPER.readTree(json);
      StringJoiner out = new StringJoiner(",", "{", "}");
      boolean replaced = false;
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        if (member.getKey().equals(field)) {
          replaced = true;
          if (rawValue != null) {
            out.add(MAPPER.writeValueAsString(field) + ":" + rawValue);
          }
        } else {
          out.add(MAPPER.writeValueAsString(member.getKey()) + ":" + MAPPER.writeValueAsString(member.getValue()));
        }
      }
      if (!replaced && rawValue != null) {
        out.add(MAPPER.writeValueAsString(field) + ":" + rawValue);
      }
      return out.toString();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
