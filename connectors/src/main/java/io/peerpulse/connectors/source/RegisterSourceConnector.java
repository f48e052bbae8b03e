package io.peerpulse.connectors.source;

import io.peerpulse.connectors.Version;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/**
 * Reads CSV registers dropped into a directory (the layout of {@code POST /v1/registers},
 * {@link io.peerpulse.mapping.RegisterCsv}) into {@code peerpulse.events.v1}, rejected rows into
 * the dead-letter topic. Every task watches the same directory; a task claims a file by an atomic
 * rename into the processing directory, so several tasks (on several workers sharing the
 * directory) never read one file twice. See {@link RegisterSourceTask}.
 */
public final class RegisterSourceConnector extends SourceConnector {

  private Map<String, String> settings;

  @Override
  public void start(Map<String, String> props) {
    RegisterSourceConfig config = new RegisterSourceConfig(props);
    RegisterDirectory.of(config).prepare();
    this.settings = Map.copyOf(props);
  }

  @Override
  public Class<? extends Task> taskClass() {
    return RegisterSourceTask.class;
  }

  @Override
  public List<Map<String, String>> taskConfigs(int maxTasks) {
    List<Map<String, String>> configs = new ArrayList<>(maxTasks);
    for (int i = 0; i < maxTasks; i++) {
      Map<String, String> task = new HashMap<>(settings);
      task.put(RegisterSourceConfig.TASK_INDEX, Integer.toString(i));
      task.put(RegisterSourceConfig.TASK_COUNT, Integer.toString(maxTasks));
      configs.add(task);
    }
    return configs;
  }

  /** Offsets are (file, line) and every record carries one, so the worker's transactions make a restart exact. */
  @Override
  public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> connectorConfig) {
    return ExactlyOnceSupport.SUPPORTED;
  }

  @Override
  public Config validate(Map<String, String> connectorConfigs) {
    Config config = super.validate(connectorConfigs);
    String input = connectorConfigs.get(RegisterSourceConfig.INPUT_DIR);
    if (input != null && !input.isBlank() && !Files.isDirectory(Path.of(input))) {
      for (ConfigValue value : config.configValues()) {
        if (value.name().equals(RegisterSourceConfig.INPUT_DIR)) {
          value.addErrorMessage(RegisterSourceConfig.INPUT_DIR + " " + input + ": expected an existing directory");
        }
      }
    }
    return config;
  }

  @Override
  public void stop() {
    settings = null;
  }

  @Override
  public ConfigDef config() {
    return RegisterSourceConfig.CONFIG_DEF;
  }

  @Override
  public String version() {
    return Version.get();
  }

  static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create directory " + dir + ": " + e.getMessage(), e);
    }
  }
}
