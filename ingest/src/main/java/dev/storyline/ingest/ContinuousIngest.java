package dev.storyline.ingest;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs folder watches and feed polls on a schedule until closed. A scan or poll that fails (the
 * folder vanished, the feed is down) is logged and tried again at the next interval: a continuous
 * source never stops because one attempt failed.
 */
public final class ContinuousIngest implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ContinuousIngest.class);
  private static final Duration CLOSE_LIMIT = Duration.ofSeconds(30);

  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "storyline-ingest-poll");
    t.setDaemon(true);
    return t;
  });

  /** Scans {@code watch} now and then every {@code interval} after the previous scan ended. */
  public void watch(FolderWatch watch, Duration interval) {
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        watch.scan();
      } catch (RuntimeException e) {
        log.warn("Folder scan failed, trying again in {} s: {}", interval.toSeconds(), e.getMessage(), e);
      }
    }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Polls {@code feed} now and then every {@code interval} after the previous poll ended. */
  public void poll(FeedPoller feed, Duration interval) {
    scheduler.scheduleWithFixedDelay(() -> {
      try {
        feed.poll();
      } catch (IOException e) {
        log.warn("{}; trying again in {} s", e.getMessage(), interval.toSeconds());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        log.warn("{}: poll failed, trying again in {} s", feed.feed(), interval.toSeconds(), e);
      }
    }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Runs {@code task} every {@code interval}, e.g. a progress line. */
  public void every(Duration interval, Runnable task) {
    scheduler.scheduleAtFixedRate(task, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Lets a scan or poll in progress finish (it waits for Kafka's acknowledgement), then stops. */
  @Override
  public void close() {
    scheduler.shutdown();
    try {
      if (!scheduler.awaitTermination(CLOSE_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
        log.warn("A scan or poll did not finish within {} s; stopping it", CLOSE_LIMIT.toSeconds());
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      scheduler.shutdownNow();
    }
  }
}
