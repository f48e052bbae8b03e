package io.peerpulse.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {

  @TempDir Path dir;

  @Test
  void freshRefusesToWipeADirectoryWithoutTheMarkerAndLeavesItsFilesAlone() throws Exception {
    Path precious = Files.writeString(dir.resolve("thesis.tex"), "years of work");

    assertThatThrownBy(() -> DataDirectory.prepare(dir, true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--data-dir " + dir.toAbsolutePath().normalize())
        .hasMessageContaining("does not look like a PeerPulse data directory")
        .hasMessageContaining("refusing to delete its contents");
    assertThatThrownBy(() -> DataDirectory.prepare(dir, false))
        .hasMessageContaining("refusing to write into it");
    assertThat(precious).hasContent("years of work");
    assertThat(dir.resolve(DataDirectory.MARKER)).doesNotExist();
  }

  @Test
  void freshWipesAMarkedDirectoryAndMarksItAgain() throws Exception {
    DataDirectory data = DataDirectory.prepare(dir.resolve("data"), false);
    Files.createDirectories(data.kafka().resolve("topic-0"));
    Files.writeString(data.kafka().resolve("meta.properties"), "cluster.id=x\n");
    Files.writeString(data.kafka().resolve("topic-0").resolve("00000.log"), "records");
    assertThat(data.hasKafkaData()).isTrue();

    DataDirectory again = DataDirectory.prepare(dir.resolve("data"), false);
    assertThat(again.hasKafkaData()).as("without --fresh the data stays").isTrue();

    DataDirectory fresh = DataDirectory.prepare(dir.resolve("data"), true);
    assertThat(fresh.hasKafkaData()).isFalse();
    assertThat(fresh.kafka()).doesNotExist();
    assertThat(fresh.root().resolve(DataDirectory.MARKER)).exists();
  }

  @Test
  void anEmptyOrMissingDirectoryIsTakenAndAFileIsNot() throws Exception {
    assertThat(DataDirectory.prepare(dir, true).root().resolve(DataDirectory.MARKER)).exists();
    assertThat(DataDirectory.prepare(dir.resolve("new/nested"), false).root()).isDirectory();
    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(() -> DataDirectory.prepare(file, true)).hasMessageContaining("is a file, expected a directory");
    assertThat(file).hasContent("x");
  }

  @Test
  void aSymbolicLinkInsideIsRemovedWithoutFollowingIt() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Path kept = Files.writeString(outside.resolve("kept.txt"), "kept");
    DataDirectory data = DataDirectory.prepare(dir.resolve("data"), false);
    Files.createSymbolicLink(data.root().resolve("link"), outside);

    DataDirectory.prepare(dir.resolve("data"), true);

    assertThat(data.root().resolve("link")).doesNotExist();
    assertThat(kept).hasContent("kept");
  }
}
