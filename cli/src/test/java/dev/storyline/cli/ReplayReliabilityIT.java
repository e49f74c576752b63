package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import dev.storyline.cli.reliability.ReliabilityChecker;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability scenario 7: {@code storyline replay --from earliest} while live ingest goes on. Half
 * the articles are history; the other half is published one by one while the replay runs. The
 * stories afterwards must hold every article once and equal a fault-free run of all of them.
 */
@ExtendWith(SharedBroker.class)
class ReplayReliabilityIT {

  private static final int ARTICLES = 90;

  @TempDir Path dir;

  @Test
  void shouldLoseNoLiveArticleAndDuplicateNothingWhenReplayingDuringIngest() throws Exception {
    // Given half the articles processed
    List<Article> articles = ReliabilityInputs.allsides(ARTICLES);
    List<List<String>> faultFree = FaultFreeRuns.members(dir, SharedBroker.bootstrapServers(), articles);
    try (ReliabilityRun run = new ReliabilityRun(dir, "replay", SharedBroker.bootstrapServers(), 2, (short) 1)) {
      run.startEnrich();
      run.startSink();
      run.publish(articles.subList(0, ARTICLES / 2));
      assertThat(run.awaitAccountedFor()).isNotNull();
      // When the rest arrives, one article every 100 ms, while a replay runs
      ExecutorService feeder = Executors.newSingleThreadExecutor();
      Instant replayEnded;
      try {
        Future<?> feeding = feeder.submit(() -> {
          for (Article article : articles.subList(ARTICLES / 2, ARTICLES)) {
            run.publish(List.of(article));
            Thread.sleep(100); // pacing of the live feed, not a wait for a condition
          }
          return null;
        });
        StringWriter err = new StringWriter();
        var cli = Storyline.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int code = cli.execute("replay", "--bootstrap-servers", run.bootstrap, "--topic-prefix", run.prefix,
            "--application-id", run.prefix + "enrich", "--sink-group", run.prefix + "sink", "--db", run.jdbcUrl,
            "--timeout", "300", "--from", "earliest");
        replayEnded = Instant.now();
        assertThat(code).as(err.toString()).isZero();
        feeding.get(ReliabilityRun.WAIT.toSeconds(), TimeUnit.SECONDS);
      } finally {
        feeder.shutdownNow();
      }
      var accountedFor = run.awaitAccountedFor();

      // Then
      ReliabilityReport.recordAndAssert(ReliabilityChecker.check("7. replay during live ingest", run.outcome(),
          faultFree, replayEnded, accountedFor), run);
    }
  }
}
