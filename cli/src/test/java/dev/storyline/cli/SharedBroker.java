package dev.storyline.cli;

import dev.storyline.cli.broker.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One embedded KRaft broker for every integration test class of a test JVM that asks for it
 * ({@code @ExtendWith(SharedBroker.class)}), started on first use and closed when the run ends.
 * Tests stay independent through unique topic prefixes, application ids and groups.
 */
final class SharedBroker implements BeforeAllCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedBroker.class);
  private static volatile Running running;

  /** The broker and its log folder, closed by JUnit at the end of the run. */
  private record Running(EmbeddedKafkaBroker broker, Path logDir) implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() throws IOException {
      broker.close();
      try (var files = Files.walk(logDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    running = context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("broker", key -> start(), Running.class);
  }

  private static Running start() {
    try {
      Path logDir = Files.createTempDirectory("storyline-it-kafka");
      return new Running(EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(logDir, 0, 2)), logDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the broker's log folder", e);
    }
  }

  static String bootstrapServers() {
    if (running == null) {
      throw new IllegalStateException("annotate the test class with @ExtendWith(SharedBroker.class)");
    }
    return running.broker().bootstrapServers();
  }
}
