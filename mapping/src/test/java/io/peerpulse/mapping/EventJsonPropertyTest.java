package io.peerpulse.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerpulse.event.Admitted;
import io.peerpulse.event.Contact;
import io.peerpulse.event.Discharged;
import io.peerpulse.event.Enrolled;
import io.peerpulse.event.Event;
import io.peerpulse.event.Exited;
import io.peerpulse.event.Relapse;
import io.peerpulse.event.Supervision;
import io.peerpulse.event.WorkerStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class EventJsonPropertyTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Ways to spoil a valid event; each keeps the identifiers of the original in the text. */
  enum Spoiler {
    DROP_A_FIELD, WRONG_KIND, BAD_IDENTIFIER, LONG_IDENTIFIER, IDENTIFIER_AS_NUMBER, UNKNOWN_FIELD, TRUNCATE, FUTURE
  }

  @Provide
  Arbitrary<Event> events() {
    return EventArbitraries.events();
  }

  /** Identifiers long enough that finding one in a message cannot be a coincidence. */
  @Provide
  Arbitrary<Event> eventsWithLongIds() {
    return EventArbitraries.events(EventArbitraries.pseudonyms(8));
  }

  @Property(tries = 1000)
  void parseOfToJsonGivesTheEventBack(@ForAll("events") Event event) {
    String json = EventJson.toJson(event);

    assertThat(EventJson.parse(json)).isEqualTo(new ParseResult.Accepted(event));
    assertThat(EventJson.validateAll(json)).isEmpty();
  }

  @Property(tries = 200)
  void canonicalJsonIsAFixedPoint(@ForAll("events") Event event) {
    String json = EventJson.toJson(event);
    Event parsed = ((ParseResult.Accepted) EventJson.parse(json)).event();

    assertThat(EventJson.toJson(parsed)).isEqualTo(json);
    assertThat(EventEquivalence.sameBody(parsed, event)).isTrue();
  }

  @Property(tries = 500)
  void noRejectionMessageShowsAnIdentifier(@ForAll("eventsWithLongIds") Event event, @ForAll Spoiler spoiler,
      @ForAll @IntRange(min = 0, max = 1000) int where) {
    List<String> ids = identifiers(event);
    String json = EventJson.toJson(event);
    String spoilt = spoil(json, spoiler, where, ids);
    String nonIdentifierContent = withoutIdentifiers(spoiler == Spoiler.TRUNCATE ? json : spoilt);

    for (Rejection rejection : EventJson.validateAll(spoilt)) {
      for (String id : ids) {
        if (!nonIdentifierContent.contains(id)) {
          assertThat(rejection.message()).doesNotContain(id);
          assertThat(String.valueOf(rejection.field())).doesNotContain(id);
        }
      }
    }
  }

  @Property(tries = 500)
  void redactedTextShowsNoIdentifier(@ForAll("eventsWithLongIds") Event event, @ForAll Spoiler spoiler,
      @ForAll @IntRange(min = 0, max = 1000) int where) {
    List<String> ids = identifiers(event);
    String json = EventJson.toJson(event);
    String spoilt = spoil(json, spoiler, where, ids);
    String nonIdentifierContent = withoutIdentifiers(spoiler == Spoiler.TRUNCATE ? json : spoilt);
    String redacted = EventJson.redactedText(spoilt);

    for (String id : ids) {
      if (!nonIdentifierContent.contains(id)) {
        assertThat(redacted).doesNotContain(id);
      }
    }
  }

  @Property(tries = 200)
  void spoilersAreRejected(@ForAll("eventsWithLongIds") Event event, @ForAll Spoiler spoiler,
      @ForAll @IntRange(min = 0, max = 1000) int where) {
    List<String> ids = identifiers(event);
    String spoilt = spoil(EventJson.toJson(event), spoiler, where, ids);
    boolean spoilsSomething = !ids.isEmpty() || (spoiler != Spoiler.BAD_IDENTIFIER
        && spoiler != Spoiler.LONG_IDENTIFIER && spoiler != Spoiler.IDENTIFIER_AS_NUMBER);

    if (spoilsSomething) {
      assertThat(EventJson.parse(spoilt).isAccepted()).as(spoilt).isFalse();
    }
  }

  private static String spoil(String json, Spoiler spoiler, int where, List<String> ids) {
    if (spoiler == Spoiler.TRUNCATE) {
      return json.substring(0, where % json.length());
    }
    ObjectNode node = (ObjectNode) readTree(json);
    List<String> names = node.properties().stream().map(Map.Entry::getKey).toList();
    String field = names.get(where % names.size());
    switch (spoiler) {
      case DROP_A_FIELD -> dropRequired(node, names, where);
      case WRONG_KIND -> node.set(field.equals("source") ? "event_id" : field, MAPPER.createObjectNode());
      case BAD_IDENTIFIER -> setIdentifier(node, ids.isEmpty() ? null : ids.get(0) + "!");
      case LONG_IDENTIFIER -> setIdentifier(node, ids.isEmpty() ? null : ids.get(0).repeat(70 / ids.get(0).length() + 1));
      case IDENTIFIER_AS_NUMBER -> setIdentifierNode(node, MAPPER.getNodeFactory().numberNode(where + 10_000_000L));
      case UNKNOWN_FIELD -> node.put("note", "unexpected");
      case FUTURE -> node.put("recorded_at", "2000-01-01T00:00:00Z").put("occurred_at", "2099-01-01");
      default -> throw new IllegalStateException(spoiler.name());
    }
    return node.toString();
  }

  /** Drops a field that is required (crisis, involuntary, planned_days and source have defaults). */
  private static void dropRequired(ObjectNode node, List<String> names, int where) {
    List<String> required = names.stream()
        .filter(name -> !List.of("source", "crisis", "involuntary", "planned_days").contains(name)).toList();
    node.remove(required.get(where % required.size()));
  }

  private static void setIdentifier(ObjectNode node, String value) {
    if (value != null) {
      setIdentifierNode(node, MAPPER.getNodeFactory().textNode(value));
    }
  }

  private static void setIdentifierNode(ObjectNode node, JsonNode value) {
    if (node.has("person_id")) {
      node.set("person_id", value);
    } else if (node.has("worker_id")) {
      node.set("worker_id", value);
    } else if (node.has("person_ids")) {
      node.withArray("person_ids").set(0, value);
    }
  }

  /**
   * The event's text with identifier fields removed: an identifier found in it (a random event_id
   * may contain one) is there by coincidence, not a leak. For truncated text, that of the whole event.
   */
  private static String withoutIdentifiers(String json) {
    ObjectNode node = (ObjectNode) readTree(json);
    node.remove(Fields.IDENTIFIERS);
    return node.toString();
  }

  private static JsonNode readTree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static List<String> identifiers(Event event) {
    Object payload = event.getPayload();
    List<String> ids = new ArrayList<>();
    if (payload instanceof Enrolled p) {
      ids.add(p.getPersonId());
    } else if (payload instanceof Exited p) {
      ids.add(p.getPersonId());
    } else if (payload instanceof Contact p) {
      ids.addAll(p.getPersonIds());
      ids.add(p.getWorkerId());
    } else if (payload instanceof Admitted p) {
      ids.add(p.getPersonId());
    } else if (payload instanceof Discharged p) {
      ids.add(p.getPersonId());
    } else if (payload instanceof Relapse p) {
      ids.add(p.getPersonId());
    } else if (payload instanceof WorkerStatus p) {
      ids.add(p.getWorkerId());
    } else if (payload instanceof Supervision p) {
      ids.add(p.getWorkerId());
    }
    return ids;
  }
}
