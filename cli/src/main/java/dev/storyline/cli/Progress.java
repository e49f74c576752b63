package dev.storyline.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A one-line progress display for long work: count, rate and refusals, redrawn in place on a
 * terminal and printed every few seconds otherwise (logs, CI).
 */
public final class Progress {

  private final PrintStream out;
  private final String what;
  private final boolean terminal;
  private final LongSupplier nanoClock;
  private final long startNanos;
  private final Duration interval;
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private long lastPrintNanos;

  public Progress(PrintStream out, String what, boolean terminal, LongSupplier nanoClock) {
    this.out = out;
    this.what = what;
    this.terminal = terminal;
    this.nanoClock = nanoClock;
    this.startNanos = nanoClock.getAsLong();
    this.lastPrintNanos = startNanos;
    this.interval = terminal ? Duration.ofMillis(200) : Duration.ofSeconds(5);
  }

  /** Progress on standard error, redrawn in place when it is a terminal. */
  public static Progress onStderr(String what) {
    return new Progress(System.err, what, System.console() != null, System::nanoTime);
  }

  public void step(boolean wasRefused) {
    done.incrementAndGet();
    if (wasRefused) {
      refused.incrementAndGet();
    }
    long now = nanoClock.getAsLong();
    synchronized (this) {
      if (now - lastPrintNanos >= interval.toNanos()) {
        lastPrintNanos = now;
        out.print(terminal ? "\r" + line(now) : line(now) + System.lineSeparator());
        out.flush();
      }
    }
  }

  /** Clears the in-place line, so a summary can follow. */
  public synchronized void finish() {
    if (terminal) {
      out.print("\r" + " ".repeat(line(nanoClock.getAsLong()).length()) + "\r");
      out.flush();
    }
  }

  String line(long nowNanos) {
    double seconds = Math.max((nowNanos - startNanos) / 1e9, 1e-9);
    return String.format(Locale.ROOT, "%s: %,d read (%,.0f/s), %,d refused",
        what, done.get(), done.get() / seconds, refused.get());
  }
}
