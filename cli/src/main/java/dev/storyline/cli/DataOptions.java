package dev.storyline.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where a command keeps local state: the embedded broker's log, Streams state, the SQLite file. */
public final class DataOptions {

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      defaultValue = "${env:STORYLINE_DATA_DIR:-data}",
      description = "Folder for local state: broker log (DIR/kafka), Streams state (DIR/streams) and the "
          + "default SQLite database (env STORYLINE_DATA_DIR; default: ${DEFAULT-VALUE}).")
  Path dataDir;

  public Path dataDir() {
    return dataDir;
  }

  public Path kafkaLogDir() {
    return dataDir.resolve("kafka");
  }

  public Path streamsStateDir() {
    return dataDir.resolve("streams");
  }
}
