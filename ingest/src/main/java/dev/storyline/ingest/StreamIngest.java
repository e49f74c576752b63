package dev.storyline.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Ingests a byte stream such as standard input. JSONL is read line by line and each line sent as
 * soon as it is complete, so {@code tail -f articles.jsonl | storyline ingest -} publishes as it
 * goes; a text or JSON stream is one article, read to its end.
 *
 * <p>JSONL is read and parsed on a second thread, one step ahead of the calling thread, which
 * sends: a bulk load then uses two cores for what it does per article (parsing and validation
 * on one, Avro encoding and the producer's batching and compression on the other) instead of
 * one. Outcomes reach the sink and the progress callback on the calling thread, in input order.
 */
public final class StreamIngest {

  // Outcomes handed over at once (at most; fewer when the input has no more ready), and how many
  // such chunks may wait: bounds what is parsed but not yet sent to a few thousand articles.
  private static final int CHUNK_OUTCOMES = 512;
  private static final int QUEUED_CHUNKS = 8;

  private final ArticleParser parser;
  private final OutcomeSink sink;
  private final Consumer<IngestOutcome> progress;
  private final Clock clock;

  /**
   * @param clock gives the publication time of text without a date marker (the time it is read)
   */
  public StreamIngest(ArticleParser parser, OutcomeSink sink, Consumer<IngestOutcome> progress, Clock clock) {
    this.parser = parser;
    this.sink = sink;
    this.progress = progress;
    this.clock = clock;
  }

  /**
   * Reads the stream to its end and returns once everything read has been acknowledged.
   *
   * @param name what to call the stream in origins and as the source of text ({@code stdin})
   */
  public IngestSummary ingest(String name, InputStream in, InputFormat format) {
    OutcomeBatch batch = new OutcomeBatch(sink, progress);
    try {
      if (format == InputFormat.JSONL) {
        sendJsonLines(name, in, batch);
      } else {
        parser.parse(name, in.readAllBytes(), format, name, clock.instant()).forEach(batch::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
    }
    return batch.finish();
  }

  /** What the reading thread hands over: outcomes in input order, then the end (or why it stopped). */
  private record Chunk(List<IngestOutcome> outcomes, boolean end, Throwable failure) {}

  /**
   * Reads JSONL to its end, parsing on a second thread and sending to {@code batch} on this one,
   * in input order; lines are named {@code name:LINE}.
   */
  void sendJsonLines(String name, InputStream in, OutcomeBatch batch) throws IOException {
    BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(QUEUED_CHUNKS);
    Thread reader = new Thread(() -> readLines(name, in, chunks), "storyline-ingest-parse " + name);
    reader.setDaemon(true);
    reader.start();
    try {
      while (true) {
        Chunk chunk = chunks.take();
        chunk.outcomes().forEach(batch::add);
        if (chunk.failure() instanceof IOException e) {
          throw e;
        } else if (chunk.failure() instanceof RuntimeException e) {
          throw e;
        } else if (chunk.failure() instanceof Error e) {
          throw e;
        } else if (chunk.end()) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted before the end of the input");
    } finally {
      // Stops the reader when the caller gives up early (a failed send, an interrupt); a reader
      // blocked in a read of the stream stays so until it returns, then sees the interrupt.
      reader.interrupt();
    }
  }

  /** The reading thread: lines parsed into chunks, each handed over when full or when the input has no more ready. */
  private void readLines(String name, InputStream in, BlockingQueue<Chunk> chunks) {
    List<IngestOutcome> outcomes = new ArrayList<>();
    try {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int lineNumber = 1;
      byte[] buffer = new byte[64 * 1024];
      int n;
      while ((n = in.read(buffer)) != -1) {
        int start = 0;
        for (int i = 0; i < n; i++) {
          if (buffer[i] == '\n') {
            line.write(buffer, start, i - start);
            parseLine(name, lineNumber++, line, outcomes);
            start = i + 1;
            if (outcomes.size() >= CHUNK_OUTCOMES) {
              chunks.put(new Chunk(outcomes, false, null));
              outcomes = new ArrayList<>();
            }
          }
        }
        line.write(buffer, start, n - start);
        // The next read may wait for more input (a pipe, tail -f): send what is complete first.
        if (!outcomes.isEmpty()) {
          chunks.put(new Chunk(outcomes, false, null));
          outcomes = new ArrayList<>();
        }
      }
      parseLine(name, lineNumber, line, outcomes);
      chunks.put(new Chunk(outcomes, true, null));
    } catch (InterruptedException e) {
      // The caller stopped taking chunks; nothing is waiting for the rest.
    } catch (IOException | RuntimeException | Error e) {
      try {
        chunks.put(new Chunk(outcomes, true, e));
      } catch (InterruptedException stopped) {
        // The caller stopped taking chunks and does not need to hear why this one failed.
      }
    }
  }

  private void parseLine(String name, int lineNumber, ByteArrayOutputStream line, List<IngestOutcome> outcomes) {
    byte[] bytes = line.toByteArray();
    line.reset();
    if (!isBlank(bytes)) {
      outcomes.add(parser.parseJsonAt(name + ":" + lineNumber, bytes));
    }
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }
}
