package dev.storyline.cli;

import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Where the enrich app's stream threads spend their time during a benchmark, from Kafka Streams'
 * thread metrics sampled once a second: the shares of processing, punctuation, polling and
 * committing (each sample is the share of the thread's latest loop iteration, so their mean over
 * many samples estimates the share of the run), and the time blocked on Kafka (producer flushes,
 * transaction commits, offset commits, the consumer's waits), a running total per thread.
 */
final class StreamThreadTime {

  private static final String GROUP = "stream-thread-metrics";
  private static final String[] RATIOS = {"process-ratio", "punctuate-ratio", "poll-ratio", "commit-ratio"};

  private final double[] sums = new double[RATIOS.length];
  private long samples;
  private double blockedStartNanos = Double.NaN;
  private double blockedNanos;

  /** Adds the current values of the thread metrics in {@code metrics} (all stream threads). */
  void sample(Map<MetricName, ? extends Metric> metrics) {
    double[] values = new double[RATIOS.length];
    int threads = 0;
    double blocked = 0;
    for (Map.Entry<MetricName, ? extends Metric> entry : metrics.entrySet()) {
      MetricName name = entry.getKey();
      if (!GROUP.equals(name.group())) {
        continue;
      }
      Object value = entry.getValue().metricValue();
      if (!(value instanceof Number number) || Double.isNaN(number.doubleValue())) {
        continue;
      }
      if (name.name().equals("blocked-time-ns-total")) {
        blocked += number.doubleValue();
      }
      for (int i = 0; i < RATIOS.length; i++) {
        if (name.name().equals(RATIOS[i])) {
          values[i] += number.doubleValue();
          if (i == 0) {
            threads++;
          }
        }
      }
    }
    if (threads == 0) {
      return;
    }
    for (int i = 0; i < RATIOS.length; i++) {
      sums[i] += values[i] / threads;
    }
    samples++;
    if (Double.isNaN(blockedStartNanos)) {
      blockedStartNanos = blocked;
    }
    blockedNanos = blocked - blockedStartNanos;
  }

  /**
   * One line: the mean shares, and the time blocked on Kafka as a share of {@code seconds} of
   * wall-clock time per thread ({@code threads} of them).
   */
  String line(double seconds, int threads) {
    if (samples == 0) {
      return "stream threads: no thread metrics sampled";
    }
    StringBuilder line = new StringBuilder("stream threads (mean of ").append(samples).append(" samples):");
    for (int i = 0; i < RATIOS.length; i++) {
      line.append(String.format(Locale.ROOT, " %s %.0f%%", RATIOS[i].replace("-ratio", ""), 100 * sums[i] / samples));
    }
    line.append(String.format(Locale.ROOT, "; blocked on Kafka %.1f s per thread (%.0f%% of the run)",
        blockedNanos / 1e9 / threads, 100 * blockedNanos / 1e9 / threads / seconds));
    return line.toString();
  }
}
