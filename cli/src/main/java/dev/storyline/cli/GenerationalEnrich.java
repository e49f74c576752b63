package dev.storyline.cli;

import dev.storyline.avro.GenerationState;
import dev.storyline.avro.PipelineGeneration;
import dev.storyline.enrich.EnrichApp;
import dev.storyline.enrich.EnrichService;
import dev.storyline.schemas.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enrich Streams app, run under the pipeline generation the control topic names: on start
 * the current one, and then whatever a replay asks for. A STOPPING generation newer than the one
 * running stops it (so the replay can reset the new generation's starting point); a RUNNING one
 * starts its application id. Generation changes are handled on one watcher thread, in order.
 */
final class GenerationalEnrich implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GenerationalEnrich.class);
  private static final Duration POLL = Duration.ofMillis(500);

  private final Properties config;
  private final String bootstrapServers;
  private final Topics topics;
  private final String baseApplicationId;
  private final Consumer<String> onFailure;
  private final KafkaConsumer<String, byte[]> controlConsumer;
  private final Thread watcher;
  private final AtomicBoolean closing = new AtomicBoolean();
  private final CountDownLatch stopped = new CountDownLatch(1);
  private EnrichService running;
  private long runningGeneration = -1;

  private GenerationalEnrich(Properties config, String bootstrapServers, Topics topics, Consumer<String> onFailure) {
    this.config = config;
    this.bootstrapServers = bootstrapServers;
    this.topics = topics;
    this.baseApplicationId = config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG, EnrichApp.APPLICATION_ID);
    this.onFailure = onFailure;
    this.controlConsumer = new KafkaConsumer<>(PipelineGenerations.consumerConfig(config, bootstrapServers),
        new StringDeserializer(), new ByteArrayDeserializer());
    this.watcher = new Thread(this::watch, "storyline-generation-watcher");
  }

  /**
   * Starts the generation the control topic names (or generation 0) and returns once it is
   * running; then follows replays until closed.
   *
   * @param config Streams settings (user's and Storyline's) without the application id of a generation
   * @param onFailure told why, if the app stops on its own
   */
  static GenerationalEnrich start(Properties config, String bootstrapServers, Topics topics, Consumer<String> onFailure) {
    GenerationalEnrich enrich = new GenerationalEnrich(config, bootstrapServers, topics, onFailure);
    try {
      enrich.apply(PipelineGenerations.latest(enrich.controlConsumer, topics)
          .orElse(PipelineGenerations.initial(enrich.baseApplicationId)));
      // The watcher goes on from where that read stopped, so no generation written meanwhile is missed.
      enrich.watcher.start();
      return enrich;
    } catch (RuntimeException e) {
      enrich.close();
      throw e;
    }
  }

  private void watch() {
    try {
      while (!closing.get()) {
        for (ConsumerRecord<String, byte[]> record : controlConsumer.poll(POLL)) {
          PipelineGenerations.decode(topics, record).ifPresent(this::apply);
        }
      }
    } catch (WakeupException e) {
      if (!closing.get()) {
        onFailure.accept("generation watcher stopped: " + e);
      }
    } catch (RuntimeException e) {
      log.error("enrich stopped following pipeline generations", e);
      onFailure.accept("enrich stopped following pipeline generations: " + e.getMessage());
    } finally {
      controlConsumer.close(Duration.ofSeconds(5));
      stopped.countDown();
    }
  }

  private synchronized void apply(PipelineGeneration generation) {
    long n = generation.getGeneration();
    if (n < runningGeneration || n == runningGeneration && running != null) {
      return;
    }
    if (running != null) {
      log.info("Stopping enrich generation {} for generation {} ({})", runningGeneration, n, generation.getState());
      running.close();
      running = null;
    }
    runningGeneration = n;
    if (generation.getState() == GenerationState.RUNNING && !closing.get()) {
      Properties generationConfig = new Properties();
      generationConfig.putAll(config);
      generationConfig.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, generation.getApplicationId());
      EnrichService service = EnrichService.create(generationConfig, bootstrapServers);
      try {
        service.start();
      } catch (IllegalStateException e) {
        service.close();
        throw new UserError("enrich generation " + n + " did not start: " + e.getMessage(), e);
      }
      running = service;
      log.info("Enrich running generation {} as {}", n, generation.getApplicationId());
    } else {
      log.info("Enrich paused: generation {} is {}", n, generation.getState());
    }
  }

  @Override
  public void close() {
    closing.set(true);
    controlConsumer.wakeup();
    if (watcher.isAlive()) {
      try {
        if (!stopped.await(30, TimeUnit.SECONDS)) {
          log.warn("generation watcher did not stop within 30 s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    } else {
      controlConsumer.close(Duration.ofSeconds(5));
    }
    synchronized (this) {
      if (running != null) {
        running.close();
        running = null;
      }
    }
  }
}
