package io.peerpulse.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaNormalization;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Guards schema evolution: {@code current/X.avsc} must equal the latest {@code history/X/vN.avsc},
 * and every version must be BACKWARD compatible with the one before it (the new reader reads data
 * written with the old schema), so a consumer upgraded first never fails on old records. Any change
 * to a current schema therefore needs a new history file, and a breaking change fails the build.
 */
final class SchemaEvolutionTest {

  private static final Pattern VERSION_FILE = Pattern.compile("v([1-9][0-9]*)\\.avsc");

  private static final Path AVRO_DIR =
      Path.of(System.getProperty("basedir", "."), "src", "main", "avro");
  private static final Path CURRENT = AVRO_DIR.resolve("current");
  private static final Path HISTORY = AVRO_DIR.resolve("history");

  @TestFactory
  Stream<DynamicTest> everyHistoryVersionReadsItsPredecessor() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : currentSchemaNames()) {
      List<Version> versions = history(name);
      for (int i = 1; i < versions.size(); i++) {
        Version older = versions.get(i - 1);
        Version newer = versions.get(i);
        tests.add(DynamicTest.dynamicTest(name + " v" + newer.number() + " reads v" + older.number(),
            () -> assertBackwardCompatible(newer.schema(), older.schema(), name + " v" + newer.number())));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> currentReadsLatestHistoryAndEqualsIt() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String name : currentSchemaNames()) {
      tests.add(DynamicTest.dynamicTest(name + " current is its latest history version", () -> {
        Schema current = parse(CURRENT.resolve(name + ".avsc"));
        Version latest = latest(name);
        assertBackwardCompatible(current, latest.schema(), name + " current");
        assertThat(SchemaNormalization.toParsingForm(current))
            .as("%s: current/%s.avsc differs from history/%s/v%d.avsc; add history/%s/v%d.avsc",
                name, name, name, latest.number(), name, latest.number() + 1)
            .isEqualTo(SchemaNormalization.toParsingForm(latest.schema()));
        // The Parsing Canonical Form drops defaults and logical types, which matter for resolution.
        assertThat(current)
            .as("%s: defaults or logical types differ from history/%s/v%d.avsc; add a new version",
                name, name, latest.number())
            .isEqualTo(latest.schema());
      }));
    }
    return tests.stream();
  }

  @Test
  void historyVersionsAreNumberedFromOneWithoutGaps() throws IOException {
    for (String name : currentSchemaNames()) {
      List<Integer> numbers = history(name).stream().map(Version::number).toList();
      assertThat(numbers).as("history/%s", name).isNotEmpty();
      for (int i = 0; i < numbers.size(); i++) {
        assertThat(numbers.get(i)).as("history/%s version %d", name, i + 1).isEqualTo(i + 1);
      }
    }
  }

  @Test
  void everyHistoryHasACurrentSchemaBecauseSchemasAreNeverDeleted() throws IOException {
    try (Stream<Path> dirs = Files.list(HISTORY)) {
      List<String> historyNames = dirs.filter(Files::isDirectory)
          .map(dir -> dir.getFileName().toString()).sorted().toList();
      assertThat(historyNames).containsExactlyElementsOf(currentSchemaNames());
    }
  }

  @Test
  void currentFileNameIsTheRecordName() throws IOException {
    for (String name : currentSchemaNames()) {
      assertThat(parse(CURRENT.resolve(name + ".avsc")).getName()).isEqualTo(name);
    }
  }

  @Test
  void checkerRejectsANewRequiredFieldWithoutDefault() throws IOException {
    Schema latest = latest("Event").schema();
    Schema broken = withExtraField(latest, new Schema.Field("consent_id", Schema.create(Schema.Type.STRING)));

    assertThatThrownBy(() -> assertBackwardCompatible(broken, latest, "Event with consent_id"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("consent_id");
  }

  @Test
  void checkerRejectsARemovedEnumSymbol() throws IOException {
    Schema writer = latest("IndicatorValue").schema();
    Schema reader = new Schema.Parser().parse(writer.toString().replace("\"PROVISIONAL\",", ""));

    assertThatThrownBy(() -> assertBackwardCompatible(reader, writer, "IndicatorValue without PROVISIONAL"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("PROVISIONAL");
  }

  @Test
  void checkerAcceptsANewOptionalFieldWithDefault() throws IOException {
    Schema latest = latest("Event").schema();
    Schema nullableString = Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING));
    Schema evolved = withExtraField(latest,
        new Schema.Field("channel", nullableString, "added later", Schema.Field.NULL_DEFAULT_VALUE));

    assertBackwardCompatible(evolved, latest, "Event with optional channel");
  }

  private static void assertBackwardCompatible(Schema reader, Schema writer, String what) {
    SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    assertThat(result.getType())
        .as("%s cannot read data written with the previous schema: %s", what, describe(result))
        .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
  }

  private static List<String> describe(SchemaPairCompatibility result) {
    return result.getResult().getIncompatibilities().stream()
        .map(problem -> problem.getType() + " at " + problem.getLocation() + " (" + problem.getMessage() + ")")
        .toList();
  }

  private static Schema withExtraField(Schema record, Schema.Field extra) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field field : record.getFields()) {
      fields.add(new Schema.Field(field, field.schema()));
    }
    fields.add(extra);
    return Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
  }

  private static List<String> currentSchemaNames() throws IOException {
    try (Stream<Path> files = Files.list(CURRENT)) {
      List<String> names = files.map(file -> file.getFileName().toString())
          .filter(file -> file.endsWith(".avsc"))
          .map(file -> file.substring(0, file.length() - ".avsc".length()))
          .sorted().toList();
      assertThat(names).as("schemas in %s", CURRENT).isNotEmpty();
      return names;
    }
  }

  private static Version latest(String name) throws IOException {
    List<Version> versions = history(name);
    assertThat(versions).as("history/%s must hold at least v1.avsc", name).isNotEmpty();
    return versions.get(versions.size() - 1);
  }

  private static List<Version> history(String name) throws IOException {
    Path dir = HISTORY.resolve(name);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<Version> versions = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        Matcher matcher = VERSION_FILE.matcher(file.getFileName().toString());
        assertThat(matcher.matches()).as("unexpected file %s (expected vN.avsc)", file).isTrue();
        versions.add(new Version(Integer.parseInt(matcher.group(1)), parse(file)));
      }
    }
    versions.sort(Comparator.comparingInt(Version::number));
    return versions;
  }

  /** A fresh parser per file: every version defines the same full names. */
  private static Schema parse(Path file) throws IOException {
    return new Schema.Parser().parse(file.toFile());
  }

  private record Version(int number, Schema schema) {}
}
