package io.peerpulse.registry.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.peerpulse.registry.core.CompatibilityLevel;
import io.peerpulse.registry.core.CompatibilityResult;
import io.peerpulse.registry.core.Mode;
import io.peerpulse.registry.core.RegisteredSchema;
import io.peerpulse.registry.core.RegistryException;
import io.peerpulse.registry.core.SchemaInput;
import io.peerpulse.registry.core.SchemaReference;
import io.peerpulse.registry.core.SchemaRegistry;
import io.peerpulse.registry.core.StoredSchema;
import io.peerpulse.registry.core.SubjectVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Confluent's REST resources mapped onto {@link SchemaRegistry}: one method per endpoint, with
 * Confluent's request and response field names. Dispatch is by path shape and method; an
 * unknown path answers 404/404 and a known path with another method 405/405, as Jersey does.
 */
final class RegistryRoutes {

  private final SchemaRegistry registry;

  RegistryRoutes(SchemaRegistry registry) {
    this.registry = registry;
  }

  Response handle(Request request) {
    List<String> p = request.path();
    if (p.isEmpty()) {
      return only(request, "GET", () -> Response.ok(Response.JSON.createObjectNode()));
    }
    return switch (p.get(0)) {
      case "schemas" -> schemas(request, p);
      case "subjects" -> subjects(request, p);
      case "config" -> config(request, p);
      case "mode" -> mode(request, p);
      case "compatibility" -> compatibility(request, p);
      default -> throw HttpError.notFound();
    };
  }

  // ---- /schemas ------------------------------------------------------------------------------

  private Response schemas(Request request, List<String> p) {
    if (p.size() == 2 && p.get(1).equals("types")) {
      return only(request, "GET", () -> Response.ok(registry.schemaTypes()));
    }
    if (p.size() < 3 || p.size() > 4 || !p.get(1).equals("ids")) {
      throw HttpError.notFound();
    }
    int id = schemaId(p.get(2));
    boolean deleted = request.flag("deleted");
    if (p.size() == 3) {
      // ?subject= selects a schema context in Confluent; this registry has only the default
      // context, so any subject finds every id, as Confluent's default context does.
      return only(request, "GET", () -> Response.ok(schemaString(registry.schemaById(id))));
    }
    return switch (p.get(3)) {
      case "schema" -> only(request, "GET", () -> Response.raw(registry.schemaById(id).schema()));
      case "versions" -> only(request, "GET", () -> {
        ArrayNode array = Response.JSON.createArrayNode();
        for (SubjectVersion sv : registry.versionsForId(id, deleted)) {
          array.addObject().put("subject", sv.subject()).put("version", sv.version());
        }
        return Response.ok(array);
      });
      case "subjects" -> only(request, "GET",
          () -> Response.ok(registry.subjectsForId(id, deleted)));
      default -> throw HttpError.notFound();
    };
  }

  private static int schemaId(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new RegistryException(404, RegistryException.SCHEMA_NOT_FOUND,
          "Schema id '" + text + "' is not a number");
    }
  }

  // ---- /subjects -----------------------------------------------------------------------------

  private Response subjects(Request request, List<String> p) {
    boolean deleted = request.flag("deleted");
    if (p.size() == 1) {
      return only(request, "GET", () -> {
        String prefix = request.param("subjectPrefix");
        return Response.ok(registry.subjects(deleted).stream()
            .filter(s -> prefix == null || s.startsWith(prefix)).toList());
      });
    }
    String subject = p.get(1);
    if (p.size() == 2) {
      return switch (request.method()) {
        case "POST" -> {
          RegisteredSchema found = registry.lookup(subject, schemaInput(request),
              request.flag("normalize"), deleted);
          yield Response.ok(registered(found));
        }
        case "DELETE" -> Response.ok(registry.deleteSubject(subject, request.flag("permanent")));
        default -> throw HttpError.methodNotAllowed();
      };
    }
    if (!p.get(2).equals("versions") || p.size() > 5) {
      throw HttpError.notFound();
    }
    if (p.size() == 3) {
      return switch (request.method()) {
        case "GET" -> Response.ok(registry.versions(subject, deleted));
        case "POST" -> {
          int id = registry.register(subject, schemaInput(request), request.flag("normalize"));
          yield Response.ok(Response.JSON.createObjectNode().put("id", id));
        }
        default -> throw HttpError.methodNotAllowed();
      };
    }
    String version = p.get(3);
    if (p.size() == 5) {
      if (p.get(4).equals("schema")) {
        return only(request, "GET",
            () -> Response.raw(registry.version(subject, version, deleted).schema()));
      }
      throw HttpError.notFound();
    }
    return switch (request.method()) {
      case "GET" -> Response.ok(registered(registry.version(subject, version, deleted)));
      case "DELETE" -> Response.ok(
          registry.deleteVersion(subject, version, request.flag("permanent")));
      default -> throw HttpError.methodNotAllowed();
    };
  }

  // ---- /config -------------------------------------------------------------------------------

  private Response config(Request request, List<String> p) {
    if (p.size() > 2) {
      throw HttpError.notFound();
    }
    String subject = p.size() == 2 ? p.get(1) : null;
    return switch (request.method()) {
      case "GET" -> compatibilityLevel(subject == null ? registry.config()
          : registry.config(subject, request.flag("defaultToGlobal")));
      case "PUT" -> {
        JsonNode body = request.jsonObject();
        CompatibilityLevel level = CompatibilityLevel.parse(text(body, "compatibility"));
        CompatibilityLevel set = subject == null ? registry.updateConfig(level)
            : registry.updateConfig(subject, level);
        yield Response.ok(Response.JSON.createObjectNode().put("compatibility", set.name()));
      }
      case "DELETE" -> compatibilityLevel(subject == null ? registry.deleteConfig()
          : registry.deleteConfig(subject));
      default -> throw HttpError.methodNotAllowed();
    };
  }

  private static Response compatibilityLevel(CompatibilityLevel level) {
    return Response.ok(Response.JSON.createObjectNode().put("compatibilityLevel", level.name()));
  }

  // ---- /mode ---------------------------------------------------------------------------------

  private Response mode(Request request, List<String> p) {
    if (p.size() > 2) {
      throw HttpError.notFound();
    }
    String subject = p.size() == 2 ? p.get(1) : null;
    return switch (request.method()) {
      case "GET" -> mode(subject == null ? registry.mode()
          : registry.mode(subject, request.flag("defaultToGlobal")));
      case "PUT" -> {
        Mode mode = Mode.parse(text(request.jsonObject(), "mode"));
        yield mode(subject == null ? registry.updateMode(mode)
            : registry.updateMode(subject, mode));
      }
      case "DELETE" -> {
        if (subject == null) {
          throw HttpError.methodNotAllowed();
        }
        yield mode(registry.deleteMode(subject));
      }
      default -> throw HttpError.methodNotAllowed();
    };
  }

  private static Response mode(Mode mode) {
    return Response.ok(Response.JSON.createObjectNode().put("mode", mode.name()));
  }

  // ---- /compatibility ------------------------------------------------------------------------

  private Response compatibility(Request request, List<String> p) {
    boolean shape = (p.size() == 4 || p.size() == 5) && p.get(1).equals("subjects")
        && p.get(3).equals("versions");
    if (!shape) {
      throw HttpError.notFound();
    }
    String subject = p.get(2);
    String version = p.size() == 5 ? p.get(4) : null;
    return only(request, "POST", () -> {
      CompatibilityResult result = registry.testCompatibility(subject, version,
          schemaInput(request), request.flag("normalize"));
      ObjectNode node = Response.JSON.createObjectNode().put("is_compatible", result.compatible());
      if (request.flag("verbose")) {
        ArrayNode messages = node.putArray("messages");
        result.messages().forEach(messages::add);
      }
      return Response.ok(node);
    });
  }

  // ---- request and response bodies -----------------------------------------------------------

  /**
   * Reads Confluent's {@code RegisterSchemaRequest}: {@code schema}, optional {@code schemaType}
   * and {@code references}. Unknown fields (metadata, ruleSet...) are ignored.
   */
  private static SchemaInput schemaInput(Request request) {
    JsonNode body = request.jsonObject();
    String schema = text(body, "schema");
    if (schema == null || schema.isBlank()) {
      throw RegistryException.invalidSchema("Invalid schema: the request has no 'schema' field");
    }
    List<SchemaReference> references = new ArrayList<>();
    JsonNode refs = body.path("references");
    if (!refs.isMissingNode() && !refs.isNull() && !refs.isArray()) {
      throw RegistryException.invalidSchema("Invalid schema: 'references' must be an array");
    }
    for (JsonNode ref : refs) {
      String name = text(ref, "name");
      String subject = text(ref, "subject");
      JsonNode version = ref.get("version");
      if (name == null || subject == null || version == null || !version.canConvertToInt()) {
        throw RegistryException.invalidSchema("Invalid schema: each reference needs 'name',"
            + " 'subject' and an integer 'version', got " + ref);
      }
      references.add(new SchemaReference(name, subject, version.asInt()));
    }
    return new SchemaInput(text(body, "schemaType"), schema, references);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** Confluent's {@code SchemaString}: {@code schemaType} only if not Avro, references if any. */
  private static ObjectNode schemaString(StoredSchema schema) {
    ObjectNode node = Response.JSON.createObjectNode();
    putTypeAndReferences(node, schema.schemaType(), schema.references());
    node.put("schema", schema.schema());
    return node;
  }

  /** Confluent's {@code Schema} entity for a subject version. */
  private static ObjectNode registered(RegisteredSchema schema) {
    ObjectNode node = Response.JSON.createObjectNode();
    node.put("subject", schema.subject());
    node.put("version", schema.version());
    node.put("id", schema.id());
    putTypeAndReferences(node, schema.schemaType(), schema.references());
    node.put("schema", schema.schema());
    return node;
  }

  private static void putTypeAndReferences(ObjectNode node, String schemaType,
      List<SchemaReference> references) {
    if (!SchemaInput.AVRO.equals(schemaType)) {
      node.put("schemaType", schemaType);
    }
    if (!references.isEmpty()) {
      ArrayNode array = node.putArray("references");
      for (SchemaReference ref : references) {
        array.addObject().put("name", ref.name()).put("subject", ref.subject())
            .put("version", ref.version());
      }
    }
  }

  private static Response only(Request request, String method,
      Supplier<Response> action) {
    if (!request.method().equals(method)) {
      throw HttpError.methodNotAllowed();
    }
    return action.get();
  }
}
