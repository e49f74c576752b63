package dev.storyline.cli;

import dev.storyline.schemas.Topics;
import dev.storyline.sink.StoryDatabase;
import dev.storyline.sink.StorySink;
import java.util.Properties;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the story sink on its own thread for the commands that host it (sink, up, demo). */
final class SinkRunner implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SinkRunner.class);

  private final StorySink sink;
  private final Thread thread;

  private SinkRunner(StorySink sink, Consumer<String> onFailure) {
    this.sink = sink;
    this.thread = new Thread(() -> {
      try {
        sink.run();
      } catch (RuntimeException e) {
        log.error("story sink stopped", e);
        onFailure.accept("story sink stopped: " + e.getMessage());
      }
    }, "storyline-sink");
  }

  /**
   * Opens the database (running its migrations) and starts consuming stories into it.
   *
   * @param onFailure told why, if the sink stops on its own
   */
  static SinkRunner start(Properties clientProperties, String bootstrapServers, Topics topics,
      String jdbcUrl, Consumer<String> onFailure) {
    return start(clientProperties, bootstrapServers, topics, jdbcUrl, onFailure, StorySink.BatchListener.NONE);
  }

  /**
   * As {@link #start(Properties, String, Topics, String, Consumer)}, telling {@code listener} about
   * every batch committed to the database (for benchmarks).
   */
  static SinkRunner start(Properties clientProperties, String bootstrapServers, Topics topics,
      String jdbcUrl, Consumer<String> onFailure, StorySink.BatchListener listener) {
    StoryDatabase database;
    try {
      database = StoryDatabase.open(jdbcUrl);
    } catch (RuntimeException e) {
      throw new UserError("--db: " + e.getMessage(), e);
    }
    StorySink sink = new StorySink(StorySink.config(clientProperties, bootstrapServers), topics, database, listener);
    SinkRunner runner = new SinkRunner(sink, onFailure);
    runner.thread.start();
    return runner;
  }

  @Override
  public void close() {
    sink.close();
  }
}
