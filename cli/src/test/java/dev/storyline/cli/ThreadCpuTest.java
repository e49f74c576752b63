package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

  @Test
  void shouldGroupThreadsByWhatTheirNamesSay() {
    assertThat(ThreadCpu.groupOf("storyline-enrich-4f1c-StreamThread-1")).isEqualTo(ThreadCpu.STREAM);
    assertThat(ThreadCpu.groupOf("kafka-producer-network-thread | storyline-enrich-4f1c-StreamThread-1-producer"))
        .isEqualTo(ThreadCpu.CLIENTS);
    assertThat(ThreadCpu.groupOf("data-plane-kafka-request-handler-0")).isEqualTo(ThreadCpu.BROKER);
    assertThat(ThreadCpu.groupOf("TxnMarkerSenderThread-1")).isEqualTo(ThreadCpu.BROKER);
    assertThat(ThreadCpu.groupOf("storyline-sink")).isEqualTo(ThreadCpu.SINK);
    assertThat(ThreadCpu.groupOf("storyline-bench-ingest")).isEqualTo(ThreadCpu.INGEST);
    assertThat(ThreadCpu.groupOf("main")).isEqualTo(ThreadCpu.OTHER);
    assertThat(ThreadCpu.nativeGroupOf("C2 CompilerThre")).isEqualTo(ThreadCpu.JIT);
    assertThat(ThreadCpu.nativeGroupOf("G1 Conc#0")).isEqualTo(ThreadCpu.GC);
    assertThat(ThreadCpu.nativeGroupOf("GC Thread#1")).isEqualTo(ThreadCpu.GC);
    assertThat(ThreadCpu.nativeGroupOf("rocksdb:low")).isEqualTo(ThreadCpu.ROCKSDB);
    assertThat(ThreadCpu.nativeGroupOf("storyline-sink")).isNull();
  }

  @Test
  void shouldCountThisThreadsWorkAndPrintMillisecondsPerArticle() {
    // Given
    ThreadCpu cpu = ThreadCpu.start(0);
    long spin = System.nanoTime() + 50_000_000L;
    double sink = 0;
    while (System.nanoTime() < spin) {
      sink += Math.sqrt(sink + 1);
    }
    // When
    Map<String, Double> seconds = cpu.since(Long.MAX_VALUE / 2);
    // Then this thread's CPU is among the other Java threads, and the JVM's share is what is left
    assertThat(sink).isPositive();
    assertThat(seconds.keySet()).containsExactly(ThreadCpu.STREAM, ThreadCpu.CLIENTS, ThreadCpu.BROKER,
        ThreadCpu.SINK, ThreadCpu.INGEST, ThreadCpu.OTHER, ThreadCpu.JIT, ThreadCpu.GC, ThreadCpu.ROCKSDB,
        ThreadCpu.REST);
    assertThat(seconds.get(ThreadCpu.OTHER)).isGreaterThan(0.01);
    assertThat(ThreadCpu.line(Map.of("broker", 0.5), 1000)).isEqualTo("CPU per article by thread: broker 0.50 ms");
  }

  @Test
  void shouldAverageTheThreadRatiosAndCountTheBlockedTimeSinceTheFirstSample() {
    // Given
    StreamThreadTime time = new StreamThreadTime();
    // When two samples of one thread are taken
    time.sample(threadMetrics(0.8, 0.1, 0.1, 1e9));
    time.sample(threadMetrics(0.6, 0.3, 0.1, 3e9));
    // Then
    assertThat(time.line(10, 1)).isEqualTo("stream threads (mean of 2 samples): process 70% punctuate 0% poll 20% "
        + "commit 10%; blocked on Kafka 2.0 s per thread (20% of the run)");
    assertThat(new StreamThreadTime().line(10, 1)).isEqualTo("stream threads: no thread metrics sampled");
  }

  private static Map<MetricName, Metric> threadMetrics(double process, double poll, double commit, double blocked) {
    Map<MetricName, Metric> metrics = new LinkedHashMap<>();
    put(metrics, "process-ratio", process);
    put(metrics, "punctuate-ratio", 0.0);
    put(metrics, "poll-ratio", poll);
    put(metrics, "commit-ratio", commit);
    put(metrics, "blocked-time-ns-total", blocked);
    put(metrics, "unrelated", 5.0);
    return metrics;
  }

  private static void put(Map<MetricName, Metric> metrics, String name, double value) {
    MetricName metricName = new MetricName(name, name.equals("unrelated") ? "other-group" : "stream-thread-metrics",
        "", Map.of("thread-id", "t1"));
    metrics.put(metricName, new Metric() {
      @Override
      public MetricName metricName() {
        return metricName;
      }

      @Override
      public Object metricValue() {
        return value;
      }
    });
  }
}
