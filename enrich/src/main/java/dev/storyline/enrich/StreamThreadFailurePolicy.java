package dev.storyline.enrich;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.errors.MissingSourceTopicException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uncaught-exception handler of the enrich app: logs the exception, replaces the dead stream
 * thread up to a fixed number of times, then shuts the client down so a failure that keeps
 * recurring ends in a clear error instead of a silent restart loop. A missing source topic shuts
 * down at once: no new thread can fix it.
 */
public final class StreamThreadFailurePolicy implements StreamsUncaughtExceptionHandler {

  private static final Logger LOG = LoggerFactory.getLogger(StreamThreadFailurePolicy.class);

  private final int maxReplacements;
  private final AtomicInteger replacements = new AtomicInteger();

  public StreamThreadFailurePolicy(int maxReplacements) {
    this.maxReplacements = maxReplacements;
  }

  @Override
  public StreamThreadExceptionResponse handle(Throwable exception) {
    if (causedBy(exception, MissingSourceTopicException.class)) {
      LOG.error("Shutting down: a source topic is missing; create the Storyline topics first",
          exception);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    int replaced = replacements.incrementAndGet();
    if (replaced > maxReplacements) {
      LOG.error("Shutting down: stream thread failed again after {} replacements", maxReplacements,
          exception);
      return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }
    LOG.error("Replacing failed stream thread ({} of {})", replaced, maxReplacements, exception);
    return StreamThreadExceptionResponse.REPLACE_THREAD;
  }

  private static boolean causedBy(Throwable exception, Class<? extends Throwable> type) {
    for (Throwable t = exception; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }
}
