package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.enrich.CommittedInputDrain;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The clustering stage's question "is the app's input drained?" asked of a real broker: the
 * group's committed offsets against the last stable offsets of transactional topics, commit
 * markers included.
 */
@ExtendWith(SharedBroker.class)
class CommittedInputDrainIT {

  private String topic;
  private String group;

  @BeforeEach
  void createTopic() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    topic = "it-drain-" + run;
    group = "it-drain-app-" + run;
    try (Admin admin = Admin.create(Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers()))) {
      admin.createTopics(List.of(new NewTopic(topic, 2, (short) 1))).all().get();
    }
  }

  @Test
  void shouldBeDrainedOnlyOnceTheGroupHasCommittedEveryTransactionalRecord() {
    try (CommittedInputDrain drain = new CommittedInputDrain(streamsConfig(), List.of(topic, topic + "-absent"));
        KafkaProducer<String, String> producer = transactionalProducer()) {
      // Given an empty topic, then one transaction of three records over both partitions
      boolean empty = drain.drained();
      send(producer, 0, 1, 0);

      // When the group has not read them, reads and commits them, and a new one arrives
      boolean unread = drain.drained();
      commitEverything();
      boolean committed = drain.drained();
      send(producer, 1);
      boolean newRecord = drain.drained();
      commitEverything();

      // Then
      assertThat(empty).isTrue();
      assertThat(unread).isFalse();
      assertThat(committed).isTrue();
      assertThat(newRecord).isFalse();
      assertThat(drain.drained()).isTrue();
    }
  }

  @Test
  void shouldTakeACommittedOffsetJustBeforeACommitMarkerAsDrained() {
    try (CommittedInputDrain drain = new CommittedInputDrain(streamsConfig(), List.of(topic));
        KafkaProducer<String, String> producer = transactionalProducer()) {
      // Given two records of one transaction in partition 0 (offsets 0 and 1, its marker at 2)
      send(producer, 0, 0);

      // When the group commits offset 2: after the last record, before the marker
      boolean beforeLast = commit(1) && drain.drained();
      boolean beforeMarker = commit(2) && drain.drained();

      // Then a record left unread is seen, a marker left unread is not
      assertThat(beforeLast).isFalse();
      assertThat(beforeMarker).isTrue();
    }
  }

  private Properties streamsConfig() {
    Properties config = new Properties();
    config.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, group);
    config.setProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
    return config;
  }

  private KafkaProducer<String, String> transactionalProducer() {
    Properties config = new Properties();
    config.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
    config.setProperty(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group + "-producer");
    KafkaProducer<String, String> producer =
        new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    producer.initTransactions();
    return producer;
  }

  /** One committed transaction with a record for each partition given. */
  private void send(KafkaProducer<String, String> producer, int... partitions) {
    producer.beginTransaction();
    for (int partition : partitions) {
      producer.send(new ProducerRecord<>(topic, partition, "k", "v"));
    }
    producer.commitTransaction();
  }

  /** Reads the topic to its end as the group (read_committed) and commits the positions. */
  private void commitEverything() {
    try (KafkaConsumer<String, String> consumer = groupConsumer()) {
      List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1));
      consumer.assign(partitions);
      Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))
          && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(100));
      }
      consumer.commitSync();
    }
  }

  /** Commits {@code offset} for partition 0 as the group; true, for chaining. */
  private boolean commit(long offset) {
    try (KafkaConsumer<String, String> consumer = groupConsumer()) {
      consumer.commitSync(Map.of(new TopicPartition(topic, 0), new OffsetAndMetadata(offset)));
    }
    return true;
  }

  private KafkaConsumer<String, String> groupConsumer() {
    Properties config = new Properties();
    config.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
    config.setProperty(ConsumerConfig.GROUP_ID_CONFIG, group);
    config.setProperty(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.setProperty(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
  }
}
