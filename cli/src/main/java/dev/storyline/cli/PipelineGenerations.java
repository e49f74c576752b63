package dev.storyline.cli;

import dev.storyline.avro.GenerationState;
import dev.storyline.avro.PipelineGeneration;
import dev.storyline.schemas.Topic;
import dev.storyline.schemas.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes the pipeline generation on the control topic: which Streams application id
 * the enrich instances run. Generation 0, before any replay, runs the configured application id.
 */
final class PipelineGenerations {

  /** The control topic's only key. */
  static final String KEY = "generation";
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private PipelineGenerations() {}

  /** The generation before any replay: the base application id, running. */
  static PipelineGeneration initial(String baseApplicationId) {
    return PipelineGeneration.newBuilder().setGeneration(0).setState(GenerationState.RUNNING)
        .setApplicationId(baseApplicationId).setRequestedAt(java.time.Instant.EPOCH).setRequestedBy("initial")
        .build();
  }

  /** The application id of generation {@code n} for a base id. */
  static String applicationId(String baseApplicationId, long n) {
    return n == 0 ? baseApplicationId : baseApplicationId + "-g" + n;
  }

  static Properties consumerConfig(Properties client, String bootstrapServers) {
    Properties config = new Properties();
    config.putAll(client);
    config.putIfAbsent(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.putIfAbsent(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
    // No group: the control topic is read whole by every instance.
    config.remove(ConsumerConfig.GROUP_ID_CONFIG);
    return config;
  }

  /** The latest generation written, or empty when no replay ever happened. */
  static Optional<PipelineGeneration> current(Properties client, String bootstrapServers, Topics topics) {
    Topic<String, PipelineGeneration> control = topics.control();
    TopicPartition partition = new TopicPartition(control.name(), 0);
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
        consumerConfig(client, bootstrapServers), new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(List.of(partition));
      consumer.seekToBeginning(List.of(partition));
      long end = consumer.endOffsets(List.of(partition)).get(partition);
      PipelineGeneration latest = null;
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (consumer.position(partition) < end) {
        if (System.nanoTime() > deadline) {
          throw new UserError("cannot read " + control.name() + " within " + TIMEOUT.toSeconds() + " s");
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
          if (KEY.equals(record.key()) && record.value() != null) {
            latest = control.valueSerde().deserializer().deserialize(control.name(), record.value());
          }
        }
      }
      return Optional.ofNullable(latest);
    }
  }

  /** Writes a generation and waits for the broker to acknowledge it. */
  static void publish(Properties client, String bootstrapServers, Topics topics, PipelineGeneration generation) {
    Properties config = new Properties();
    config.putAll(client);
    config.putIfAbsent(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
    config.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    Topic<String, PipelineGeneration> control = topics.control();
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(control.name(), KEY,
          control.valueSerde().serializer().serialize(control.name(), generation)))
          .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new UserError("cannot write generation " + generation.getGeneration() + " to " + control.name() + ": "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while writing to " + control.name(), e);
    }
  }

  /** Who is asking, for the audit field of a generation. */
  static String requester() {
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "unknown-host";
    }
    return System.getProperty("user.name", "unknown") + "@" + host;
  }
}
