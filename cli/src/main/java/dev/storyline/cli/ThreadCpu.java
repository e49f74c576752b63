package dev.storyline.cli;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of the process's threads between two points of a benchmark, summed by what the threads
 * do (told by their names): the enrich app's stream threads, their clients' network threads, the
 * embedded broker, the sink, ingest, and the rest; what the process used beyond its Java threads
 * is the JVM's own work (garbage collection, the JIT compilers). Unlike wall-clock rates, these
 * figures hardly depend on how busy the machine is. Threads that end between the two points are
 * not counted (their time shows in the JVM's share).
 */
final class ThreadCpu {

  /** Groups in the order they are printed. */
  static final String STREAM = "stream threads";
  static final String CLIENTS = "their Kafka clients";
  static final String BROKER = "broker";
  static final String SINK = "sink";
  static final String INGEST = "ingest";
  static final String OTHER = "other Java threads";

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> start = new HashMap<>();
  private final long processStart;

  private ThreadCpu(long processStart) {
    this.processStart = processStart;
  }

  /** Takes the starting snapshot. */
  static ThreadCpu start(long processCpuNanos) {
    ThreadCpu cpu = new ThreadCpu(processCpuNanos);
    for (long id : cpu.threads.getAllThreadIds()) {
      long nanos = cpu.threads.getThreadCpuTime(id);
      if (nanos >= 0) {
        cpu.start.put(id, nanos);
      }
    }
    return cpu;
  }

  /** CPU seconds by group since the start, the JVM's share last (under "JVM: GC, JIT"). */
  Map<String, Double> since(long processCpuNanos) {
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (String group : new String[] {STREAM, CLIENTS, BROKER, SINK, INGEST, OTHER}) {
      seconds.put(group, 0.0);
    }
    double javaThreads = 0;
    for (long id : threads.getAllThreadIds()) {
      long nanos = threads.getThreadCpuTime(id);
      ThreadInfo info = threads.getThreadInfo(id);
      if (nanos < 0 || info == null) {
        continue;
      }
      double used = (nanos - start.getOrDefault(id, 0L)) / 1e9;
      javaThreads += used;
      seconds.merge(groupOf(info.getThreadName()), used, Double::sum);
    }
    seconds.put("JVM: GC, JIT", Math.max(0, (processCpuNanos - processStart) / 1e9 - javaThreads));
    return seconds;
  }

  /** The group a thread belongs to, by its name. */
  static String groupOf(String name) {
    if (name.contains("StreamThread")) {
      return name.contains("producer") || name.contains("consumer") || name.contains("restore")
          ? CLIENTS : STREAM;
    }
    if (name.startsWith("storyline-sink") || name.contains("sink")) {
      return SINK;
    }
    if (name.contains("ingest")) {
      return INGEST;
    }
    if (name.startsWith("data-plane-") || name.startsWith("kafka-") || name.startsWith("quorum-")
        || name.startsWith("group-coordinator") || name.contains("Txn") || name.startsWith("raft-")
        || name.startsWith("controller-") || name.startsWith("broker-") || name.startsWith("ExpirationReaper")
        || name.startsWith("LogDirFailureHandler") || name.startsWith("transaction-")
        || name.startsWith("share-") || name.startsWith("executor-")) {
      return BROKER;
    }
    return OTHER;
  }

  /** One line: ms of CPU per article by group. */
  static String line(Map<String, Double> seconds, int articles) {
    StringBuilder line = new StringBuilder("CPU per article by thread:");
    String separator = " ";
    for (Map.Entry<String, Double> entry : seconds.entrySet()) {
      line.append(separator).append(String.format(Locale.ROOT, "%s %.2f ms", entry.getKey(),
          1000 * entry.getValue() / articles));
      separator = ", ";
    }
    return line.toString();
  }
}
