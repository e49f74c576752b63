package dev.storyline.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * Ingests a byte stream such as standard input. JSONL is read line by line and each line sent as
 * soon as it is complete, so {@code tail -f articles.jsonl | storyline ingest -} publishes as it
 * goes; a text or JSON stream is one article, read to its end.
 */
public final class StreamIngest {

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
        readLines(name, in, batch);
      } else {
        parser.parse(name, in.readAllBytes(), format, name, clock.instant()).forEach(batch::add);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
    }
    return batch.finish();
  }

  private void readLines(String name, InputStream in, OutcomeBatch batch) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int lineNumber = 1;
    byte[] buffer = new byte[64 * 1024];
    int n;
    while ((n = in.read(buffer)) != -1) {
      int start = 0;
      for (int i = 0; i < n; i++) {
        if (buffer[i] == '\n') {
          line.write(buffer, start, i - start);
          sendLine(name, lineNumber++, line, batch);
          start = i + 1;
        }
      }
      line.write(buffer, start, n - start);
    }
    sendLine(name, lineNumber, line, batch);
  }

  private void sendLine(String name, int lineNumber, ByteArrayOutputStream line, OutcomeBatch batch) {
    byte[] bytes = line.toByteArray();
    line.reset();
    if (!isBlank(bytes)) {
      batch.add(parser.parseJsonAt(name + ":" + lineNumber, bytes));
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
