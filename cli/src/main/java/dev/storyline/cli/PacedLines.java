package dev.storyline.cli;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Lines as a byte stream that a reader gets at a fixed rate, as from a live feed: line {@code i}
 * (newline appended) becomes readable {@code i / rate} seconds after the first read, and a read
 * blocks until the next line is due. With rate 0 every line is readable at once.
 */
final class PacedLines extends InputStream {

  private final List<byte[]> lines;
  private final double linesPerSecond;
  private long startNanos = Long.MIN_VALUE;
  private int line;
  private int offset;

  PacedLines(List<byte[]> lines, double linesPerSecond) {
    this.lines = lines;
    this.linesPerSecond = linesPerSecond;
  }

  @Override
  public int read() throws InterruptedIOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int off, int len) throws InterruptedIOException {
    if (line >= lines.size()) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    long now = System.nanoTime();
    if (startNanos == Long.MIN_VALUE) {
      startNanos = now;
    }
    long due = dueNanos(line);
    // Pacing a feed, not waiting for a condition: the next line exists only at its time.
    while (now < due) {
      LockSupport.parkNanos(due - now);
      if (Thread.interrupted()) {
        throw new InterruptedIOException("interrupted while pacing the input");
      }
      now = System.nanoTime();
    }
    int copied = 0;
    while (copied < len && line < lines.size() && (offset > 0 || dueNanos(line) <= now)) {
      byte[] current = lines.get(line);
      int n = Math.min(len - copied, current.length + 1 - offset);
      int fromLine = Math.min(n, current.length - offset);
      if (fromLine > 0) {
        System.arraycopy(current, offset, buffer, off + copied, fromLine);
      }
      if (n > fromLine) {
        buffer[off + copied + fromLine] = '\n';
      }
      copied += n;
      offset += n;
      if (offset == current.length + 1) {
        line++;
        offset = 0;
      }
    }
    return copied;
  }

  private long dueNanos(int index) {
    return linesPerSecond <= 0 ? startNanos : startNanos + (long) (index * (TimeUnit.SECONDS.toNanos(1) / linesPerSecond));
  }
}
