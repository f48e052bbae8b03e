package io.peerpulse.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/security.md says what the tests do: its {@code kafka-acls.sh} commands grant exactly the
 * ACLs {@link KafkaLeastPrivilegeIT} runs with ({@link LeastPrivilegeAcls}), and its HTTP key
 * table names exactly the keys {@link HttpSecurity} reads.
 */
class SecurityDocTest {

  private static String doc;

  @BeforeAll
  static void read() throws IOException {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isRegularFile(dir.resolve("docs/security.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("docs/security.md above " + Path.of("").toAbsolutePath()).isNotNull();
    doc = Files.readString(dir.resolve("docs/security.md"), StandardCharsets.UTF_8);
  }

  @Test
  void theAclCommandsGrantWhatTheIntegrationTestGrants() {
    List<AclBinding> expected = new ArrayList<>();
    expected.addAll(LeastPrivilegeAcls.streamsApplication("peerpulse-app", "peerpulse-indicators"));
    expected.addAll(LeastPrivilegeAcls.ingest("peerpulse-ingest"));
    expected.addAll(LeastPrivilegeAcls.eventProducer("service-ulm"));
    expected.addAll(LeastPrivilegeAcls.evaluator("evaluator-board"));
    expected.addAll(LeastPrivilegeAcls.deadLetterReader("data-engineer"));
    expected.addAll(LeastPrivilegeAcls.schemaRegistry("schema-registry"));

    List<AclBinding> documented = aclCommands(doc);

    assertThat(documented).as("no ACL twice").doesNotHaveDuplicates();
    assertThat(documented).containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void theHttpKeyTableNamesEveryKeyHttpSecurityReads() {
    Set<String> documented = new HashSet<>();
    Matcher row = Pattern.compile("(?m)^\\| `(http\\.(?:auth|tls)[a-z.]*)` \\|").matcher(doc);
    while (row.find()) {
      documented.add(row.group(1));
    }
    assertThat(documented).isEqualTo(HttpSecurity.KEYS);
  }

  /** Every binding the document's {@code kafka-acls.sh ... --add} commands create. */
  static List<AclBinding> aclCommands(String markdown) {
    List<AclBinding> bindings = new ArrayList<>();
    String joined = markdown.replaceAll("\\\\\\n\\s*", " ");
    for (String line : joined.split("\n")) {
      if (line.startsWith("kafka-acls.sh ")) {
        bindings.addAll(command(line.trim().split("\\s+")));
      }
    }
    return bindings;
  }

  private static List<AclBinding> command(String[] words) {
    List<String> principals = new ArrayList<>();
    List<AclOperation> operations = new ArrayList<>();
    List<Map.Entry<ResourceType, String>> resources = new ArrayList<>();
    PatternType pattern = PatternType.LITERAL;
    boolean add = false;
    for (int i = 1; i < words.length; i++) {
      String value = i + 1 < words.length ? words[i + 1] : null;
      switch (words[i]) {
        case "--add" -> add = true;
        case "--allow-principal" -> principals.add(value.substring("User:".length()));
        case "--operation" -> operations.add(AclOperation.fromString(value));
        case "--topic" -> resources.add(Map.entry(ResourceType.TOPIC, value));
        case "--group" -> resources.add(Map.entry(ResourceType.GROUP, value));
        case "--transactional-id" -> resources.add(Map.entry(ResourceType.TRANSACTIONAL_ID, value));
        case "--resource-pattern-type" -> pattern = PatternType.fromString(value.toUpperCase(Locale.ROOT));
        default -> {
          continue;
        }
      }
      if (!words[i].equals("--add")) {
        i++;
      }
    }
    assertThat(add).as("an --add command: " + String.join(" ", words)).isTrue();
    List<AclBinding> bindings = new ArrayList<>();
    for (String principal : principals) {
      for (AclOperation operation : operations) {
        for (Map.Entry<ResourceType, String> resource : resources) {
          bindings.add(LeastPrivilegeAcls.allow(principal, resource.getKey(), resource.getValue(), pattern, operation));
        }
      }
    }
    assertThat(bindings).as("a command that grants something: " + String.join(" ", words)).isNotEmpty();
    return bindings;
  }
}
