package dev.storyline.cli;

import dev.storyline.avro.Article;
import dev.storyline.cli.reliability.ReliabilityChecker;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability scenario 1: broker failure under load. A three-node KRaft cluster (replication factor
 * 3, {@code min.insync.replicas=2}), each node its own process; while articles flow through the
 * pipeline, one node is stopped gracefully, then another killed with SIGKILL, then the third killed
 * with SIGKILL, each restarted and back in sync before the next. Nothing acknowledged may be lost
 * or duplicated, and the stories must equal a fault-free run on a single broker.
 */
@ExtendWith(SharedBroker.class)
class BrokerFailureReliabilityIT {

  private static final int ARTICLES = 90;

  /** Inputs the feed must get acknowledged after a node is back before the next one fails. */
  private static final int PROGRESS_BETWEEN_FAULTS = 5;

  @TempDir Path dir;

  /** Waits, bounded, until the live feed has made progress, so that the next fault hits it under load. */
  private static void awaitMoreAcknowledged(ReliabilityRun run, Future<?> feeding) throws InterruptedException {
    int target = run.acknowledged().size() + PROGRESS_BETWEEN_FAULTS;
    long deadline = System.nanoTime() + ReliabilityRun.WAIT.toNanos();
    while (run.acknowledged().size() < target && !feeding.isDone() && System.nanoTime() < deadline) {
      Thread.sleep(200);
    }
  }

  @Test
  void shouldNeitherLoseNorDuplicateArticlesWhenBrokersFailUnderLoad() throws Exception {
    // Given the pipeline on a three-node cluster, and articles flowing
    List<Article> articles = ReliabilityInputs.allsides(ARTICLES);
    List<List<String>> faultFree = FaultFreeRuns.members(dir, SharedBroker.bootstrapServers(), articles);
    try (KafkaClusterProcesses cluster = new KafkaClusterProcesses(dir.resolve("cluster"))) {
      cluster.awaitFullyReplicated(Set.of());
      try (ReliabilityRun run = new ReliabilityRun(dir, "broker-failure", cluster.bootstrapServers(), 2, (short) 3)) {
        Set<String> topics = Set.of(run.topics.articles().name(), run.topics.enriched().name(),
            run.topics.stories().name(), run.topics.rejected().name());
        run.startEnrich();
        run.startSink();
        ExecutorService feeder = Executors.newSingleThreadExecutor();
        Future<?> feeding = feeder.submit(() -> {
          for (Article article : articles) {
            run.publish(List.of(article));
            Thread.sleep(400); // pacing of the live feed, not a wait for a condition
          }
          return null;
        });
        // When each node in turn fails while the articles flow, and is restarted
        List<String> faults = new ArrayList<>();
        Instant lastFault;
        try {
          cluster.stop(0);
          faults.add("node 1 stopped gracefully at " + run.acknowledged().size() + " acknowledged inputs");
          cluster.start(0);
          cluster.awaitFullyReplicated(topics);
          awaitMoreAcknowledged(run, feeding);
          cluster.kill(1);
          faults.add("node 2 killed (SIGKILL) at " + run.acknowledged().size() + " acknowledged inputs");
          cluster.start(1);
          cluster.awaitFullyReplicated(topics);
          awaitMoreAcknowledged(run, feeding);
          cluster.kill(2);
          lastFault = Instant.now();
          faults.add("node 3 killed (SIGKILL) at " + run.acknowledged().size() + " acknowledged inputs");
          cluster.start(2);
          feeding.get(ReliabilityRun.WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
          feeder.shutdownNow();
        }
        var accountedFor = run.awaitAccountedFor();

        // Then
        System.out.println(String.join("\n", faults));
        ReliabilityReport.recordAndAssert(ReliabilityChecker.check("1. broker stopped, then 2 killed (SIGKILL), RF 3",
            run.outcome(), faultFree, lastFault, accountedFor), run);
      }
    }
  }
}
