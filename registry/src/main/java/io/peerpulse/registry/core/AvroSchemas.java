package io.peerpulse.registry.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaParseException;

/**
 * Avro parsing, canonical text and compatibility, with Avro's own {@link SchemaCompatibility}.
 * Holds no registry state: referenced schemas are passed in already resolved.
 */
final class AvroSchemas {

  private AvroSchemas() {
  }

  /** A parsed schema with the schemas its references resolved to (in dependency order). */
  record Parsed(Schema schema, List<Schema> referenced) {

    /**
     * Confluent's canonical string for Avro: Avro's own JSON rendering (no insignificant
     * whitespace, fixed attribute order), with referenced named types written by name only.
     * Avro 1.12 deprecates the by-name rendering without a replacement that keeps names only.
     */
    @SuppressWarnings("deprecation")
    String canonical() {
      return referenced.isEmpty() ? schema.toString() : schema.toString(referenced, false);
    }
  }

  /**
   * Parses {@code text} after {@code referencedTexts} (each a schema this one refers to by name,
   * dependencies first). Defaults are validated, as Confluent does for new schemas.
   *
   * @throws RegistryException 42201 naming the parser's complaint
   */
  static Parsed parse(String text, List<String> referencedTexts) {
    if (text == null || text.isBlank()) {
      throw RegistryException.invalidSchema("Invalid schema: the schema text is empty");
    }
    Schema.Parser parser = new Schema.Parser().setValidateDefaults(true);
    List<Schema> referenced = new ArrayList<>();
    try {
      for (String refText : referencedTexts) {
        referenced.add(parser.parse(refText));
      }
    } catch (SchemaParseException | IllegalArgumentException e) {
      throw RegistryException.invalidSchema("Invalid schema: a referenced schema does not parse: "
          + e.getMessage());
    }
    try {
      return new Parsed(parser.parse(text), referenced);
    } catch (SchemaParseException | IllegalArgumentException e) {
      throw RegistryException.invalidSchema("Invalid schema: " + e.getMessage());
    } catch (RuntimeException e) {
      // Jackson or Avro internals may throw other unchecked exceptions on odd input; any of them
      // means the text is not a usable schema, never a server fault.
      throw RegistryException.invalidSchema("Invalid schema: " + e);
    }
  }

  /** A live earlier version to check against. */
  record Previous(int version, Schema schema, String text) {
  }

  /**
   * Checks {@code candidate} against {@code previous} (ascending versions) under {@code level}
   * and returns Confluent-style messages, empty when compatible. Non-transitive levels only look
   * at the newest previous version.
   */
  static List<String> incompatibilities(CompatibilityLevel level, Schema candidate,
      List<Previous> previous) {
    if (level == CompatibilityLevel.NONE || previous.isEmpty()) {
      return List.of();
    }
    List<Previous> toCheck = new ArrayList<>(level.transitive()
        ? previous : List.of(previous.get(previous.size() - 1)));
    Collections.reverse(toCheck); // newest first, so the message names the closest conflict
    List<String> messages = new ArrayList<>();
    for (Previous old : toCheck) {
      List<String> found = new ArrayList<>();
      if (level.backward()) {
        found.addAll(describe(candidate, old.schema(), "new", "old"));
      }
      if (level.forward()) {
        found.addAll(describe(old.schema(), candidate, "old", "new"));
      }
      if (!found.isEmpty()) {
        messages.addAll(found);
        messages.add("{oldSchemaVersion: " + old.version() + "}");
        messages.add("{oldSchema: '" + old.text() + "'}");
        messages.add("{compatibility: '" + level + "'}");
        break; // Confluent reports the first incompatible version only.
      }
    }
    return messages;
  }

  private static List<String> describe(Schema reader, Schema writer, String readerName,
      String writerName) {
    SchemaCompatibility.SchemaCompatibilityResult result =
        SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult();
    if (result.getCompatibility() == SchemaCompatibilityType.COMPATIBLE) {
      return List.of();
    }
    List<String> messages = new ArrayList<>();
    for (Incompatibility incompatibility : result.getIncompatibilities()) {
      messages.add("{errorType:'" + incompatibility.getType() + "', description:'The "
          + readerName + " schema cannot read data written with the " + writerName
          + " schema at path '" + incompatibility.getLocation() + "': "
          + incompatibility.getMessage() + "', additionalInfo:'" + incompatibility.getMessage()
          + "'}");
    }
    return messages;
  }
}
