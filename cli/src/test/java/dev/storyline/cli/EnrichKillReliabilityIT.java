package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import dev.storyline.cli.reliability.ReliabilityChecker;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability scenario 2: {@code storyline enrich} as a separate process, killed with SIGKILL in
 * the middle of a transaction (records of an open transaction on the enriched topic: its high
 * watermark is past its last stable offset) three times while articles flow, and restarted each
 * time. Exactly-once processing must leave no article lost or duplicated, and the stories must
 * equal a fault-free run.
 */
@ExtendWith(SharedBroker.class)
class EnrichKillReliabilityIT {

  private static final int ARTICLES = 90;
  private static final int KILLS = 3;
  /** Committed enriched records required between two kills, so each restart makes progress. */
  private static final int PROGRESS_BETWEEN_KILLS = 5;

  @TempDir Path dir;

  @Test
  void shouldNeitherLoseNorDuplicateArticlesWhenEnrichIsKilledMidTransaction() throws Exception {
    // Given enrich running as its own process, and articles flowing
    List<Article> articles = ReliabilityInputs.allsides(ARTICLES);
    List<List<String>> faultFree = FaultFreeRuns.members(dir, SharedBroker.bootstrapServers(), articles);
    try (ReliabilityRun run = new ReliabilityRun(dir, "enrich-kill", SharedBroker.bootstrapServers(), 2, (short) 1);
        Offsets enriched = new Offsets(run.bootstrap, run.topics.enriched().name())) {
      run.startSink();
      run.publish(articles.subList(0, 30));
      ExecutorService feeder = Executors.newSingleThreadExecutor();
      Future<?> feeding = feeder.submit(() -> {
        for (Article article : articles.subList(30, ARTICLES)) {
          run.publish(List.of(article));
          Thread.sleep(300); // pacing of the live feed, not a wait for a condition
        }
        return null;
      });
      // When it is killed with SIGKILL in the middle of a transaction, three times, and restarted
      Instant lastKill = null;
      List<String> kills = new ArrayList<>();
      long committedAtLastKill = 0;
      int starts = 0;
      try {
        while (kills.size() < KILLS) {
          assertThat(++starts).as("starts of enrich needed for %d kills mid-transaction: %s", KILLS, kills)
              .isLessThanOrEqualTo(KILLS * 3);
          ChildJvm enrich = startEnrich(run, starts);
          long deadline = System.nanoTime() + ReliabilityRun.WAIT.toNanos();
          boolean killed = false;
          while (System.nanoTime() < deadline && enrich.isAlive()) {
            long committed = enriched.committed();
            if (committed >= committedAtLastKill + PROGRESS_BETWEEN_KILLS && enriched.openTransaction()) {
              enrich.kill();
              killed = true;
              lastKill = Instant.now();
              committedAtLastKill = committed;
              // The dead producer's transaction is still open: the kill came before its commit.
              if (enriched.openTransaction()) {
                kills.add("start " + starts + " killed with " + committed
                    + " enriched offsets committed and a transaction left open");
              }
              break;
            }
            Thread.sleep(5);
          }
          if (!killed) {
            String output = enrich.tail();
            enrich.close();
            throw new AssertionError("no open transaction to kill enrich in\n" + output);
          }
        }
        try (ChildJvm enrich = startEnrich(run, starts + 1)) {
          feeding.get(ReliabilityRun.WAIT.toSeconds(), TimeUnit.SECONDS);
          var accountedFor = run.awaitAccountedFor();

          // Then
          System.out.println(String.join("\n", kills));
          ReliabilityReport.recordAndAssert(ReliabilityChecker.check("2. enrich killed (SIGKILL) mid-transaction x3",
              run.outcome(), faultFree, lastKill, accountedFor), run);
          assertThat(enrich.isAlive()).as(enrich.tail()).isTrue();
        }
      } finally {
        feeder.shutdownNow();
      }
    }
  }

  private ChildJvm startEnrich(ReliabilityRun run, int start) {
    return ChildJvm.start(dir.resolve("enrich-" + start + ".log"), "1g", Storyline.class.getName(), List.of(
        "enrich", "--bootstrap-servers", run.bootstrap, "--topic-prefix", run.prefix,
        "--client-config", run.enrichSettingsFile().toString(), "--data-dir", dir.resolve("enrich-data").toString()));
  }

  /** End offsets of one topic as a read_committed and a read_uncommitted consumer see them. */
  private static final class Offsets implements AutoCloseable {
    private final KafkaConsumer<byte[], byte[]> committed;
    private final KafkaConsumer<byte[], byte[]> uncommitted;
    private final List<TopicPartition> partitions = new ArrayList<>();

    Offsets(String bootstrap, String topic) {
      committed = consumer(bootstrap, "read_committed");
      uncommitted = consumer(bootstrap, "read_uncommitted");
      committed.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap, String isolation) {
      Properties config = new Properties();
      config.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
      config.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
      return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Sum of the last stable offsets (includes transaction markers, which only grow). */
    long committed() {
      return sum(committed.endOffsets(partitions, Duration.ofSeconds(10)));
    }

    /** Whether some partition has records past its last stable offset: an open transaction. */
    boolean openTransaction() {
      // High watermarks first: a record below one that is not stable afterwards is in an open transaction.
      Map<TopicPartition, Long> high = uncommitted.endOffsets(partitions, Duration.ofSeconds(10));
      Map<TopicPartition, Long> stable = committed.endOffsets(partitions, Duration.ofSeconds(10));
      return partitions.stream().anyMatch(p -> high.get(p) > stable.get(p));
    }

    private static long sum(Map<TopicPartition, Long> offsets) {
      return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
      committed.close();
      uncommitted.close();
    }
  }
}
