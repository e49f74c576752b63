package dev.storyline.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The memory of this process while a benchmark runs: heap in use and resident set size sampled on
 * a daemon thread (the peaks of the samples), and the kernel's own peak resident set size
 * ({@code VmHWM} in {@code /proc/self/status}, over the process's whole life; Linux only).
 */
final class ProcessMemory implements AutoCloseable {

  private static final Path STATUS = Path.of("/proc/self/status");

  private final AtomicLong peakHeapBytes = new AtomicLong();
  private final AtomicLong peakRssKb = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  private ProcessMemory(long intervalMillis) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    sampler = new Thread(() -> {
      while (running) {
        peakHeapBytes.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
        statusKb("VmRSS").ifPresent(rss -> peakRssKb.accumulateAndGet(rss, Math::max));
        try {
          Thread.sleep(intervalMillis); // a sampling period, not a wait for a condition
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "storyline-bench-memory");
    sampler.setDaemon(true);
  }

  /** Starts sampling every {@code intervalMillis}. */
  static ProcessMemory sample(long intervalMillis) {
    ProcessMemory memory = new ProcessMemory(intervalMillis);
    memory.sampler.start();
    return memory;
  }

  /** Highest heap in use seen by the sampler, in bytes. */
  long peakHeapBytes() {
    return peakHeapBytes.get();
  }

  /** Highest VmRSS seen by the sampler, in kB; 0 where /proc is not available. */
  long peakSampledRssKb() {
    return peakRssKb.get();
  }

  /** A field of /proc/self/status in kB ({@code VmRSS}, {@code VmHWM}), empty where there is none. */
  static OptionalLong statusKb(String field) {
    try {
      for (String line : Files.readAllLines(STATUS)) {
        if (line.startsWith(field + ":")) {
          return OptionalLong.of(Long.parseLong(line.substring(field.length() + 1).replace("kB", "").strip()));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
