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
import java.util.concurrent.atomic.AtomicReference;
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
    try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
        consumerConfig(client, bootstrapServers), new StringDeserializer(), new ByteArrayDeserializer())) {
      return latest(consumer, topics);
    }
  }

  /**
   * Reads the control topic with {@code consumer} from the beginning to its current end and
   * returns the latest generation; the consumer stays positioned there, to follow what comes next.
   */
  static Optional<PipelineGeneration> latest(KafkaConsumer<String, byte[]> consumer, Topics topics) {
    AtomicReference<PipelineGeneration> latest = new AtomicReference<>();
    TopicScan.fromBeginningToEnd(consumer, List.of(new TopicPartition(topics.control().name(), 0)), TIMEOUT,
        record -> decode(topics, record).ifPresent(latest::set));
    return Optional.ofNullable(latest.get());
  }

  /** The generation a control record carries, or empty for other keys and tombstones. */
  static Optional<PipelineGeneration> decode(Topics topics, ConsumerRecord<String, byte[]> record) {
    Topic<String, PipelineGeneration> control = topics.control();
    if (!KEY.equals(record.key()) || record.value() == null) {
      return Optional.empty();
    }
    return Optional.of(control.valueSerde().deserializer().deserialize(control.name(), record.value()));
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
