package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference of the reliability suite: the story members a fault-free run of the pipeline
 * gives for an input, computed once per input per test JVM (several scenarios share one input).
 */
final class FaultFreeRuns {

  private static final Map<List<String>, List<List<String>>> RUNS = new ConcurrentHashMap<>();

  private FaultFreeRuns() {}

  /** The story members of a fault-free run over {@code input}, published in this order. */
  static synchronized List<List<String>> members(Path dir, String bootstrap, List<Article> input) throws Exception {
    List<String> ids = input.stream().map(Article::getId).toList();
    List<List<String>> cached = RUNS.get(ids);
    if (cached != null) {
      return cached;
    }
    String name = "fault-free-" + UUID.randomUUID().toString().substring(0, 8);
    try (ReliabilityRun run = new ReliabilityRun(dir, name, bootstrap, 2, (short) 1)) {
      run.startEnrich();
      run.startSink();
      run.publish(input);
      assertThat(run.awaitAccountedFor()).as("fault-free run: every article stored; unaccounted %s",
          run.unaccounted()).isNotNull();
      assertThat(run.rejectedIds()).as("fault-free run rejected valid input").isEmpty();
      List<List<String>> members = run.storyMembers();
      RUNS.put(ids, members);
      return members;
    }
  }
}
