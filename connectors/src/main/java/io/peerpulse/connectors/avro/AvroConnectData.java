package io.peerpulse.connectors.avro;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema.Field;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect data ↔ Avro data, with the conventions of Confluent's {@code AvroData} so records
 * written by this converter look like records written by Confluent's: enums are Connect strings
 * with {@value #ENUM} parameters, a union other than {@code [null, X]} is a struct named
 * {@value #UNION} with one optional field per branch, {@code date}/{@code timestamp-millis}/
 * {@code time-millis}/{@code decimal} are Connect's logical types (a decimal's precision in
 * parameter {@value #DECIMAL_PRECISION}).
 *
 * <p>A Connect schema made from an Avro record schema carries that schema's text in parameter
 * {@value #AVRO_SCHEMA}. Converting back, the original is used when the Connect schema still
 * equals what the original converts to (no transform changed it), so docs, defaults and names
 * survive exactly and the registry sees the same schema as from a Java producer of the same
 * class (one subject version, not two). Thread-safe; caches are bounded by the schemas seen.
 */
public final class AvroConnectData {

  /** Parameter holding the Avro schema a Connect record schema was made from. */
  public static final String AVRO_SCHEMA = "io.peerpulse.avro.schema";
  /**
   * Confluent's parameter holding an Avro decimal's precision, which Connect's {@link Decimal} lacks;
   * absent for the default {@value #DEFAULT_DECIMAL_PRECISION}. Sinks size columns by it (Debezium's
   * JDBC sink: {@code numeric(precision, scale)}), and the Avro schema written back keeps it.
   */
  public static final String DECIMAL_PRECISION = "connect.decimal.precision";
  /** Precision of an Avro decimal made from a Connect decimal without {@value #DECIMAL_PRECISION}, as Confluent's. */
  static final int DEFAULT_DECIMAL_PRECISION = 64;
  /** Confluent's parameter naming an enum; each symbol is a further parameter {@code ENUM + "." + symbol}. */
  public static final String ENUM = "io.confluent.connect.avro.Enum";
  /** Confluent's name of the struct standing for a general union. */
  public static final String UNION = "io.confluent.connect.avro.ConnectUnion";
  /** Confluent's Avro property recording Connect's int8/int16, which Avro writes as int. */
  private static final String CONNECT_TYPE = "connect.type";
  private static final String DEFAULT_RECORD_NAME = "io.peerpulse.connect.ConnectDefault";
  private static final int MAX_CACHED = 1_000;

  private final Map<org.apache.avro.Schema, Schema> toConnect = new ConcurrentHashMap<>();
  private final Map<Schema, org.apache.avro.Schema> toAvro = new ConcurrentHashMap<>();

  // ---------------------------------------------------------------- Avro -> Connect

  /** The Connect schema of Avro schema {@code avro}. */
  public Schema toConnectSchema(org.apache.avro.Schema avro) {
    Schema cached = toConnect.get(avro);
    if (cached != null) {
      return cached;
    }
    Schema schema = connectSchema(avro, false, true).build();
    if (toConnect.size() < MAX_CACHED) {
      toConnect.put(avro, schema);
    }
    return schema;
  }

  private SchemaBuilder connectSchema(org.apache.avro.Schema avro, boolean optional, boolean top) {
    SchemaBuilder builder = switch (avro.getType()) {
      case NULL -> throw new DataException("Avro type null is only supported inside a union, got a bare null schema");
      case BOOLEAN -> SchemaBuilder.bool();
      case INT -> intSchema(avro);
      case LONG -> avro.getLogicalType() instanceof LogicalTypes.TimestampMillis ? Timestamp.builder() : SchemaBuilder.int64();
      case FLOAT -> SchemaBuilder.float32();
      case DOUBLE -> SchemaBuilder.float64();
      case STRING -> SchemaBuilder.string();
      case BYTES, FIXED -> bytesSchema(avro);
      case ENUM -> enumSchema(avro);
      case ARRAY -> SchemaBuilder.array(connectSchema(avro.getElementType(), false, false).build());
      case MAP -> SchemaBuilder.map(Schema.STRING_SCHEMA, connectSchema(avro.getValueType(), false, false).build());
      case RECORD -> recordSchema(avro, top);
      case UNION -> unionSchema(avro);
    };
    if (optional) {
      builder.optional();
    }
    return builder;
  }

  private static SchemaBuilder intSchema(org.apache.avro.Schema avro) {
    LogicalType logical = avro.getLogicalType();
    if (logical instanceof LogicalTypes.Date) {
      return Date.builder();
    }
    if (logical instanceof LogicalTypes.TimeMillis) {
      return Time.builder();
    }
    String connectType = avro.getProp(CONNECT_TYPE);
    if ("int8".equals(connectType)) {
      return SchemaBuilder.int8();
    }
    return "int16".equals(connectType) ? SchemaBuilder.int16() : SchemaBuilder.int32();
  }

  private static SchemaBuilder bytesSchema(org.apache.avro.Schema avro) {
    if (avro.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
      SchemaBuilder builder = Decimal.builder(decimal.getScale());
      if (decimal.getPrecision() != DEFAULT_DECIMAL_PRECISION) {
        builder.parameter(DECIMAL_PRECISION, Integer.toString(decimal.getPrecision()));
      }
      return builder;
    }
    return SchemaBuilder.bytes();
  }

  private static SchemaBuilder enumSchema(org.apache.avro.Schema avro) {
    SchemaBuilder builder = SchemaBuilder.string().parameter(ENUM, avro.getFullName());
    for (String symbol : avro.getEnumSymbols()) {
      builder.parameter(ENUM + "." + symbol, symbol);
    }
    if (avro.getDoc() != null) {
      builder.doc(avro.getDoc());
    }
    return builder;
  }

  private SchemaBuilder recordSchema(org.apache.avro.Schema avro, boolean top) {
    SchemaBuilder builder = SchemaBuilder.struct().name(avro.getFullName());
    if (avro.getDoc() != null) {
      builder.doc(avro.getDoc());
    }
    for (Field field : avro.getFields()) {
      SchemaBuilder fieldSchema = connectSchema(field.schema(), false, false);
      if (field.hasDefaultValue() && field.defaultVal() != JsonProperties.NULL_VALUE) {
        Object value = defaultValue(field.schema(), field.defaultVal());
        if (value != null) {
          fieldSchema.defaultValue(value);
        }
      }
      builder.field(field.name(), fieldSchema.build());
    }
    if (top) {
      builder.parameter(AVRO_SCHEMA, avro.toString());
    }
    return builder;
  }

  /** {@code [null, X]} is an optional X; any other union a {@value #UNION} struct, optional when null is a branch. */
  private SchemaBuilder unionSchema(org.apache.avro.Schema avro) {
    List<org.apache.avro.Schema> branches = avro.getTypes();
    List<org.apache.avro.Schema> nonNull = branches.stream().filter(b -> b.getType() != org.apache.avro.Schema.Type.NULL).toList();
    boolean nullable = nonNull.size() < branches.size();
    if (nullable && nonNull.size() == 1) {
      return connectSchema(nonNull.get(0), true, false);
    }
    SchemaBuilder builder = SchemaBuilder.struct().name(UNION);
    for (org.apache.avro.Schema branch : nonNull) {
      builder.field(branchName(branch), connectSchema(branch, true, false).build());
    }
    if (nullable) {
      builder.optional();
    }
    return builder;
  }

  /** Confluent's branch field name: a named type's simple name, else the type's name. */
  static String branchName(org.apache.avro.Schema branch) {
    return switch (branch.getType()) {
      case RECORD, ENUM, FIXED -> branch.getName();
      default -> branch.getType().getName();
    };
  }

  /** An Avro field default (as Avro holds it) as a Connect default; null when it has no Connect form. */
  private static Object defaultValue(org.apache.avro.Schema avro, Object value) {
    org.apache.avro.Schema schema = avro.getType() == org.apache.avro.Schema.Type.UNION ? avro.getTypes().get(0) : avro;
    return switch (schema.getType()) {
      case BOOLEAN, STRING, ENUM -> schema.getType() == org.apache.avro.Schema.Type.BOOLEAN ? value : value.toString();
      case INT -> schema.getLogicalType() == null && schema.getProp(CONNECT_TYPE) == null ? ((Number) value).intValue() : null;
      case LONG -> schema.getLogicalType() == null ? ((Number) value).longValue() : null;
      case FLOAT -> ((Number) value).floatValue();
      case DOUBLE -> ((Number) value).doubleValue();
      default -> null; // records, arrays, maps, bytes: Connect readers do not need these defaults
    };
  }

  /** Avro datum {@code value} of schema {@code avro} as Connect data of {@code schema} ({@link #toConnectSchema}). */
  public Object toConnectData(Schema schema, org.apache.avro.Schema avro, Object value) {
    if (value == null) {
      return null;
    }
    if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
      return unionToConnect(schema, avro, value);
    }
    return switch (avro.getType()) {
      case RECORD -> {
        IndexedRecord record = (IndexedRecord) value;
        Struct struct = new Struct(schema);
        for (Field field : avro.getFields()) {
          struct.put(field.name(), toConnectData(schema.field(field.name()).schema(), field.schema(), record.get(field.pos())));
        }
        yield struct;
      }
      case ENUM, STRING -> value.toString();
      case INT -> intToConnect(avro, value);
      case LONG -> avro.getLogicalType() instanceof LogicalTypes.TimestampMillis
          ? new java.util.Date(value instanceof Instant instant ? instant.toEpochMilli() : (Long) value) : value;
      case BYTES, FIXED -> bytesToConnect(avro, value);
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (Object item : (Collection<?>) value) {
          list.add(toConnectData(schema.valueSchema(), avro.getElementType(), item));
        }
        yield list;
      }
      case MAP -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          map.put(entry.getKey().toString(), toConnectData(schema.valueSchema(), avro.getValueType(), entry.getValue()));
        }
        yield map;
      }
      default -> value; // boolean, float, double
    };
  }

  private Object unionToConnect(Schema schema, org.apache.avro.Schema avro, Object value) {
    org.apache.avro.Schema branch = avro.getTypes().get(branchIndex(avro, value));
    if (!UNION.equals(schema.name())) {
      return toConnectData(schema, branch, value);
    }
    Struct union = new Struct(schema);
    String name = branchName(branch);
    union.put(name, toConnectData(schema.field(name).schema(), branch, value));
    return union;
  }

  private static int branchIndex(org.apache.avro.Schema union, Object value) {
    List<org.apache.avro.Schema> branches = union.getTypes();
    for (int i = 0; i < branches.size(); i++) {
      org.apache.avro.Schema branch = branches.get(i);
      if (value instanceof LocalDate && branch.getLogicalType() instanceof LogicalTypes.Date
          || value instanceof Instant && branch.getLogicalType() instanceof LogicalTypes.TimestampMillis
          || value instanceof LocalTime && branch.getLogicalType() instanceof LogicalTypes.TimeMillis
          || value instanceof BigDecimal && branch.getLogicalType() instanceof LogicalTypes.Decimal) {
        return i;
      }
    }
    return GenericData.get().resolveUnion(union, value);
  }

  private static Object intToConnect(org.apache.avro.Schema avro, Object value) {
    LogicalType logical = avro.getLogicalType();
    if (logical instanceof LogicalTypes.Date) {
      long days = value instanceof LocalDate date ? date.toEpochDay() : (Integer) value;
      return new java.util.Date(days * 86_400_000L);
    }
    if (logical instanceof LogicalTypes.TimeMillis) {
      long millis = value instanceof LocalTime time ? time.toNanoOfDay() / 1_000_000 : (Integer) value;
      return new java.util.Date(millis);
    }
    String connectType = avro.getProp(CONNECT_TYPE);
    if ("int8".equals(connectType)) {
      return ((Integer) value).byteValue();
    }
    return "int16".equals(connectType) ? (Object) ((Integer) value).shortValue() : value;
  }

  private static Object bytesToConnect(org.apache.avro.Schema avro, Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    byte[] bytes = value instanceof GenericFixed fixed ? fixed.bytes().clone() : copy((ByteBuffer) value);
    if (avro.getLogicalType() instanceof LogicalTypes.Decimal decimal) {
      return new BigDecimal(new BigInteger(bytes), decimal.getScale());
    }
    return bytes;
  }

  private static byte[] copy(ByteBuffer buffer) {
    ByteBuffer view = buffer.duplicate();
    byte[] bytes = new byte[view.remaining()];
    view.get(bytes);
    return bytes;
  }

  // ---------------------------------------------------------------- Connect -> Avro

  /** The Avro schema of Connect schema {@code schema}: the original when {@value #AVRO_SCHEMA} still fits. */
  public org.apache.avro.Schema fromConnectSchema(Schema schema) {
    org.apache.avro.Schema cached = toAvro.get(schema);
    if (cached != null) {
      return cached;
    }
    org.apache.avro.Schema avro = original(schema);
    if (avro == null) {
      avro = avroSchema(schema, new LinkedHashMap<>());
      if (schema.isOptional()) {
        avro = nullable(avro);
      }
    }
    if (toAvro.size() < MAX_CACHED) {
      toAvro.put(schema, avro);
    }
    return avro;
  }

  /** The Avro schema named in the parameter, when converting it gives back exactly {@code schema}. */
  private org.apache.avro.Schema original(Schema schema) {
    String text = schema.parameters() == null ? null : schema.parameters().get(AVRO_SCHEMA);
    if (text == null || schema.isOptional()) {
      return null;
    }
    org.apache.avro.Schema parsed = new org.apache.avro.Schema.Parser().parse(text);
    return toConnectSchema(parsed).equals(schema) ? parsed : null;
  }

  private static org.apache.avro.Schema nullable(org.apache.avro.Schema avro) {
    if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
      List<org.apache.avro.Schema> types = new ArrayList<>();
      types.add(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL));
      types.addAll(avro.getTypes());
      return org.apache.avro.Schema.createUnion(types);
    }
    return org.apache.avro.Schema.createUnion(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL), avro);
  }

  /** The non-null Avro type of {@code schema}; {@code named} holds records and enums already defined (Avro defines a name once). */
  private org.apache.avro.Schema avroSchema(Schema schema, Map<String, org.apache.avro.Schema> named) {
    String name = schema.name();
    org.apache.avro.Schema avro = switch (schema.type()) {
      case INT8, INT16 -> {
        org.apache.avro.Schema s = org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
        s.addProp(CONNECT_TYPE, schema.type().getName());
        yield s;
      }
      case INT32 -> Date.LOGICAL_NAME.equals(name) ? LogicalTypes.date().addToSchema(intSchema())
          : Time.LOGICAL_NAME.equals(name) ? LogicalTypes.timeMillis().addToSchema(intSchema()) : intSchema();
      case INT64 -> Timestamp.LOGICAL_NAME.equals(name)
          ? LogicalTypes.timestampMillis().addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG))
          : org.apache.avro.Schema.create(org.apache.avro.Schema.Type.LONG);
      case FLOAT32 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.FLOAT);
      case FLOAT64 -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.DOUBLE);
      case BOOLEAN -> org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BOOLEAN);
      case STRING -> stringSchema(schema, named);
      case BYTES -> Decimal.LOGICAL_NAME.equals(name) ? decimalSchema(schema)
          : org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES);
      case ARRAY -> org.apache.avro.Schema.createArray(fieldType(schema.valueSchema(), named));
      case MAP -> {
        if (schema.keySchema().type() != Schema.Type.STRING) {
          throw new DataException("Connect map with " + schema.keySchema().type()
              + " keys: expected STRING keys, the only map keys Avro has");
        }
        yield org.apache.avro.Schema.createMap(fieldType(schema.valueSchema(), named));
      }
      case STRUCT -> UNION.equals(name) ? unionSchema(schema, named) : recordSchema(schema, named);
    };
    return avro;
  }

  private static org.apache.avro.Schema intSchema() {
    return org.apache.avro.Schema.create(org.apache.avro.Schema.Type.INT);
  }

  private static org.apache.avro.Schema decimalSchema(Schema schema) {
    int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
    String precision = schema.parameters().get(DECIMAL_PRECISION);
    return LogicalTypes.decimal(precision == null ? DEFAULT_DECIMAL_PRECISION : Integer.parseInt(precision), scale)
        .addToSchema(org.apache.avro.Schema.create(org.apache.avro.Schema.Type.BYTES));
  }

  private static org.apache.avro.Schema stringSchema(Schema schema, Map<String, org.apache.avro.Schema> named) {
    Map<String, String> parameters = schema.parameters();
    String enumName = parameters == null ? null : parameters.get(ENUM);
    if (enumName == null) {
      return org.apache.avro.Schema.create(org.apache.avro.Schema.Type.STRING);
    }
    org.apache.avro.Schema defined = named.get(enumName);
    if (defined != null) {
      return defined;
    }
    List<String> symbols = new ArrayList<>();
    String prefix = ENUM + ".";
    parameters.forEach((key, value) -> {
      if (key.startsWith(prefix)) {
        symbols.add(value);
      }
    });
    org.apache.avro.Schema avro = org.apache.avro.Schema.createEnum(simpleName(enumName), schema.doc(), namespace(enumName), symbols);
    named.put(enumName, avro);
    return avro;
  }

  private org.apache.avro.Schema recordSchema(Schema schema, Map<String, org.apache.avro.Schema> named) {
    String name = schema.name() == null ? DEFAULT_RECORD_NAME : schema.name();
    org.apache.avro.Schema defined = named.get(name);
    if (defined != null) {
      return defined;
    }
    org.apache.avro.Schema record = org.apache.avro.Schema.createRecord(simpleName(name), schema.doc(), namespace(name), false);
    named.put(name, record);
    List<Field> fields = new ArrayList<>();
    for (org.apache.kafka.connect.data.Field field : schema.fields()) {
      Schema fieldSchema = field.schema();
      org.apache.avro.Schema type = fieldType(fieldSchema, named);
      Object defaultValue = fieldSchema.defaultValue() != null ? avroDefault(fieldSchema.defaultValue())
          : fieldSchema.isOptional() ? JsonProperties.NULL_VALUE : null;
      fields.add(new Field(field.name(), type, null, defaultValue));
    }
    record.setFields(fields);
    return record;
  }

  /** An optional field's type is {@code [null, X]} (null first: its default is null, as Confluent writes it). */
  private org.apache.avro.Schema fieldType(Schema schema, Map<String, org.apache.avro.Schema> named) {
    org.apache.avro.Schema avro = avroSchema(schema, named);
    if (!schema.isOptional()) {
      return avro;
    }
    if (schema.defaultValue() != null) {
      // a non-null default must match the first branch
      return org.apache.avro.Schema.createUnion(avro, org.apache.avro.Schema.create(org.apache.avro.Schema.Type.NULL));
    }
    return nullable(avro);
  }

  private static Object avroDefault(Object connectDefault) {
    if (connectDefault instanceof Byte || connectDefault instanceof Short) {
      return ((Number) connectDefault).intValue();
    }
    if (connectDefault instanceof java.util.Date || connectDefault instanceof Struct || connectDefault instanceof byte[]
        || connectDefault instanceof BigDecimal) {
      return null; // kept simple: such defaults are dropped, readers then need the field in the data
    }
    return connectDefault;
  }

  private org.apache.avro.Schema unionSchema(Schema schema, Map<String, org.apache.avro.Schema> named) {
    List<org.apache.avro.Schema> branches = new ArrayList<>();
    for (org.apache.kafka.connect.data.Field field : schema.fields()) {
      branches.add(avroSchema(field.schema(), named));
    }
    return org.apache.avro.Schema.createUnion(branches);
  }

  private static String simpleName(String fullName) {
    int dot = fullName.lastIndexOf('.');
    return dot < 0 ? fullName : fullName.substring(dot + 1);
  }

  private static String namespace(String fullName) {
    int dot = fullName.lastIndexOf('.');
    return dot < 0 ? null : fullName.substring(0, dot);
  }

  /** Connect value {@code value} of {@code schema} as an Avro datum of {@code avro} ({@link #fromConnectSchema}). */
  public Object fromConnectData(Schema schema, org.apache.avro.Schema avro, Object value) {
    if (value == null) {
      if (!schema.isOptional() && schema.defaultValue() == null) {
        throw new DataException("Connect value of schema " + describe(schema) + ": expected a value, got null for a required field");
      }
      return schema.defaultValue() == null ? null : fromConnectData(schema, avro, schema.defaultValue());
    }
    if (avro.getType() == org.apache.avro.Schema.Type.UNION) {
      return unionFromConnect(schema, avro, value);
    }
    return switch (avro.getType()) {
      case RECORD -> {
        Struct struct = requireType(Struct.class, value, schema);
        GenericData.Record record = new GenericData.Record(avro);
        for (Field field : avro.getFields()) {
          org.apache.kafka.connect.data.Field connectField = schema.field(field.name());
          if (connectField == null) {
            throw new DataException("Connect struct " + describe(schema) + " has no field " + field.name()
                + " that its Avro schema " + avro.getFullName() + " expects");
          }
          record.put(field.pos(), fromConnectData(connectField.schema(), field.schema(), struct.get(connectField)));
        }
        yield record;
      }
      case ENUM -> new GenericData.EnumSymbol(avro, value.toString());
      case STRING -> value.toString();
      case INT -> {
        if (value instanceof java.util.Date date) {
          yield avro.getLogicalType() instanceof LogicalTypes.Date
              ? (int) Math.floorDiv(date.getTime(), 86_400_000L) : (int) date.getTime();
        }
        yield ((Number) value).intValue();
      }
      case LONG -> value instanceof java.util.Date date ? date.getTime() : ((Number) value).longValue();
      case BYTES -> {
        if (value instanceof BigDecimal decimal) {
          yield ByteBuffer.wrap(decimal.unscaledValue().toByteArray());
        }
        yield value instanceof ByteBuffer buffer ? buffer : ByteBuffer.wrap((byte[]) value);
      }
      case FIXED -> new GenericData.Fixed(avro, (byte[]) value);
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        for (Object item : (Collection<?>) requireType(Collection.class, value, schema)) {
          list.add(fromConnectData(schema.valueSchema(), avro.getElementType(), item));
        }
        yield new GenericData.Array<>(avro, list);
      }
      case MAP -> {
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) requireType(Map.class, value, schema)).entrySet()) {
          map.put(entry.getKey().toString(), fromConnectData(schema.valueSchema(), avro.getValueType(), entry.getValue()));
        }
        yield map;
      }
      default -> value; // boolean, float, double
    };
  }

  private Object unionFromConnect(Schema schema, org.apache.avro.Schema avro, Object value) {
    List<org.apache.avro.Schema> branches = avro.getTypes();
    if (!UNION.equals(schema.name())) {
      for (org.apache.avro.Schema branch : branches) {
        if (branch.getType() != org.apache.avro.Schema.Type.NULL) {
          return fromConnectData(schema, branch, value);
        }
      }
      throw new DataException("Avro union " + avro + " has no non-null branch for Connect schema " + describe(schema));
    }
    Struct union = requireType(Struct.class, value, schema);
    for (org.apache.kafka.connect.data.Field field : schema.fields()) {
      Object branchValue = union.get(field);
      if (branchValue != null) {
        for (org.apache.avro.Schema branch : branches) {
          if (branchName(branch).equals(field.name())) {
            return fromConnectData(field.schema(), branch, branchValue);
          }
        }
        throw new DataException("union field " + field.name() + ": expected one of the Avro branches "
            + branches.stream().map(AvroConnectData::branchName).toList());
      }
    }
    throw new DataException("Connect union struct " + describe(schema) + ": expected exactly one branch field set, got none");
  }

  private static <T> T requireType(Class<T> type, Object value, Schema schema) {
    if (!type.isInstance(value)) {
      throw new DataException("Connect value of schema " + describe(schema) + ": expected a " + type.getSimpleName()
          + ", got a " + value.getClass().getName());
    }
    return type.cast(value);
  }

  private static String describe(Schema schema) {
    return schema.name() != null ? schema.name() : schema.type().toString();
  }
}
