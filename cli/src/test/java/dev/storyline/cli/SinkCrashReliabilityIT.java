package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import dev.storyline.cli.reliability.ReliabilityChecker;
import dev.storyline.sink.StoryBatch;
import dev.storyline.sink.StorySink;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability scenario 3 on the whole pipeline: the sink dies right after a database commit,
 * before the end of its batch (as in {@link SinkCrashIT}, which checks the same on hand-made
 * transactions row by row), three times while the stories of real articles arrive, and is
 * restarted each time. Nothing may be lost or duplicated, and the stories must equal a fault-free run.
 */
@ExtendWith(SharedBroker.class)
class SinkCrashReliabilityIT {

  private static final int ARTICLES = 90;
  /** Each start of the sink dies after this many committed batches with stories. */
  private static final List<Integer> CRASH_AFTER = List.of(2, 1, 3);

  @TempDir Path dir;

  /** Thrown by the fault injector: the sink "dies" right after a database commit. */
  private static final class SimulatedCrash extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SimulatedCrash(StoryBatch batch) {
      super("simulated crash after committing offsets " + batch.nextOffsets());
    }
  }

  @Test
  void shouldNeitherLoseNorDuplicateStoriesWhenTheSinkDiesBetweenCommitAndEndOfBatch() throws Exception {
    // Given the pipeline with a sink that dies after its next batches
    List<Article> articles = ReliabilityInputs.allsides(ARTICLES);
    List<List<String>> faultFree = FaultFreeRuns.members(dir, SharedBroker.bootstrapServers(), articles);
    try (ReliabilityRun run = new ReliabilityRun(dir, "sink-crash", SharedBroker.bootstrapServers(), 2, (short) 1)) {
      run.startEnrich();
      run.startSink(crashAfter(CRASH_AFTER.get(0)));
      // When the articles flow and the sink dies three times, restarted each time
      run.publish(articles);
      Instant lastFault = null;
      for (int i = 0; i < CRASH_AFTER.size(); i++) {
        assertThat(run.awaitSinkDeath()).isInstanceOf(SimulatedCrash.class);
        lastFault = Instant.now();
        if (i + 1 < CRASH_AFTER.size()) {
          run.startSink(crashAfter(CRASH_AFTER.get(i + 1)));
        }
      }
      run.startSink();
      var accountedFor = run.awaitAccountedFor();

      // Then
      ReliabilityReport.recordAndAssert(ReliabilityChecker.check("3. sink killed between DB commit and end of batch",
          run.outcome(), faultFree, lastFault, accountedFor), run);
    }
  }

  private static StorySink.BatchListener crashAfter(int batches) {
    int[] left = {batches};
    return batch -> {
      if (!batch.stories().isEmpty() && --left[0] == 0) {
        throw new SimulatedCrash(batch);
      }
    };
  }
}
