package io.peerpulse.streams.serde;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.peerpulse.event.Event;
import io.peerpulse.streams.person.EnrolmentFact;
import io.peerpulse.streams.person.IndexDischargeFact;
import io.peerpulse.streams.person.MemberFact;
import io.peerpulse.streams.topology.SiteInput;
import java.io.IOException;

/**
 * The one Jackson mapper of internal topics and stores. Domain records carry no annotations: type
 * names of sealed hierarchies are declared here as mixins, so a rename of a domain class cannot
 * silently change stored data. Avro events are embedded in Avro's JSON encoding. Dates are ISO
 * strings; doubles are written in their shortest exact form, so values round-trip bit for bit.
 */
public final class InternalJson {

  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .addModule(eventModule())
      // Exactly the record components: fields, never derived accessors like isEmpty() or span().
      .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
      .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
      .visibility(PropertyAccessor.CREATOR, JsonAutoDetect.Visibility.ANY)
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
      .addMixIn(MemberFact.class, MemberFactMixin.class)
      .addMixIn(SiteInput.class, SiteInputMixin.class)
      .build();

  private InternalJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = EnrolmentFact.class, name = "ENROLMENT"),
      @JsonSubTypes.Type(value = IndexDischargeFact.class, name = "INDEX_DISCHARGE")})
  private interface MemberFactMixin {}

  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
  @JsonSubTypes({
      @JsonSubTypes.Type(value = SiteInput.MemberChange.class, name = "MEMBER"),
      @JsonSubTypes.Type(value = SiteInput.DateSeen.class, name = "DATE_SEEN"),
      @JsonSubTypes.Type(value = SiteInput.PauseChange.class, name = "PAUSE"),
      @JsonSubTypes.Type(value = SiteInput.ContactChange.class, name = "WORKLOAD_CONTACT"),
      @JsonSubTypes.Type(value = SiteInput.StatusChange.class, name = "WORKER_STATUS"),
      @JsonSubTypes.Type(value = SiteInput.SupervisionChange.class, name = "SUPERVISION")})
  private interface SiteInputMixin {}

  private static SimpleModule eventModule() {
    SimpleModule module = new SimpleModule("peerpulse-avro-event");
    module.addSerializer(Event.class, new JsonSerializer<>() {
      @Override
      public void serialize(Event event, JsonGenerator gen, SerializerProvider provider) throws IOException {
        gen.writeRawValue(AvroEventJson.write(event));
      }
    });
    module.addDeserializer(Event.class, new JsonDeserializer<>() {
      @Override
      public Event deserialize(JsonParser parser, DeserializationContext context) throws IOException {
        return AvroEventJson.read(parser.readValueAsTree().toString());
      }
    });
    return module;
  }
}
