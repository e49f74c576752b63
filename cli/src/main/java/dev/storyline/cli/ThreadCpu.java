package dev.storyline.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of the process's threads between two points of a benchmark, summed by what the threads
 * do (told by their names): the enrich app's stream threads, their clients' network threads, the
 * embedded broker, the sink, ingest, and the rest; and, where /proc tells the process's threads
 * apart, the JVM's own threads: the JIT compilers, the garbage collector and RocksDB's background
 * threads (flushes, compactions); what is left is the rest of the process. Unlike wall-clock
 * rates, these figures hardly depend on how busy the machine is. Threads that end between the two
 * points are not counted in their group (their time shows in the rest of the process).
 */
final class ThreadCpu {

  /** Groups in the order they are printed. */
  static final String STREAM = "stream threads";
  static final String CLIENTS = "their Kafka clients";
  static final String BROKER = "broker";
  static final String SINK = "sink";
  static final String INGEST = "ingest";
  static final String OTHER = "other Java threads";

  /** Groups of the JVM's own (non-Java) threads, told apart by their names in /proc. */
  static final String JIT = "JIT compilers";
  static final String GC = "GC";
  static final String ROCKSDB = "RocksDB's own threads";
  static final String REST = "rest of the process";

  /** Clock ticks per second of the times in /proc/PID/task/TID/stat (USER_HZ, 100 on Linux). */
  private static final double TICKS_PER_SECOND = 100.0;
  private static final Path TASKS = Path.of("/proc/self/task");

  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> start = new HashMap<>();
  private final Map<Task, Long> nativeStart;
  private final long processStart;

  private ThreadCpu(long processStart) {
    this.processStart = processStart;
    this.nativeStart = nativeTicks();
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

  /** CPU seconds by group since the start: the Java thread groups, then the JVM's own threads. */
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
    double rest = (processCpuNanos - processStart) / 1e9 - javaThreads;
    for (String group : new String[] {JIT, GC, ROCKSDB}) {
      seconds.put(group, 0.0);
    }
    for (Map.Entry<Task, Long> task : nativeTicks().entrySet()) {
      String group = nativeGroupOf(task.getKey().name());
      if (group != null) {
        double used = (task.getValue() - nativeStart.getOrDefault(task.getKey(), 0L)) / TICKS_PER_SECOND;
        seconds.merge(group, used, Double::sum);
        rest -= used;
      }
    }
    seconds.put(REST, Math.max(0, rest));
    return seconds;
  }

  /** The group of one of the JVM's own threads by its name in /proc, or null for a Java thread. */
  static String nativeGroupOf(String name) {
    if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
      return JIT;
    }
    if (name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread")) {
      return GC;
    }
    return name.startsWith("rocksdb") ? ROCKSDB : null;
  }

  /** One of the process's threads as /proc names it: its thread id and name. */
  private record Task(String id, String name) {}

  /**
   * User plus system clock ticks of each of the process's threads; empty where there is no /proc
   * (the JVM's own threads then stay in the rest of the process).
   */
  private static Map<Task, Long> nativeTicks() {
    Map<Task, Long> ticks = new HashMap<>();
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        try {
          String stat = Files.readString(task.resolve("stat"));
          int open = stat.indexOf('(');
          int close = stat.lastIndexOf(')');
          String[] fields = stat.substring(close + 2).split(" ");
          // After the name: state is field 3 of stat(5), utime 14 and stime 15.
          ticks.put(new Task(task.getFileName().toString(), stat.substring(open + 1, close)),
              Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException e) {
          // The thread ended while the folder was read.
        }
      }
    } catch (IOException e) {
      return Map.of();
    }
    return ticks;
  }

  /** The group a thread belongs to, by its name. */
  static String groupOf(String name) {
    if (name.contains("StreamThread")) {
      return name.contains("producer") || name.contains("consumer") || name.contains("restore")
          ? CLIENTS : STREAM;
    }
    if (name.contains("sink")) {
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
