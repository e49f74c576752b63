package dev.storyline.cli.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 3, unit = TimeUnit.MINUTES)
class EmbeddedKafkaBrokerIT {

  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path logDir;

  @Test
  void shouldAcceptProduceAndConsumeOverLoopback() throws Exception {
    EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(logDir, 0, 3));
    try (broker) {
      assertThat(broker.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
      assertThat(createTopicWithBrokerDefaults(broker, "articles")).as("partitions").isEqualTo(3);

      produce(broker, "articles", List.of("one", "two", "three"));

      // A subscribed consumer group also exercises the group coordinator and __consumer_offsets.
      assertThat(consumeSubscribed(broker, "articles", 3)).containsExactly("one", "two", "three");
    }
    assertThatCode(broker::close).as("second close").doesNotThrowAnyException();
  }

  @Test
  void shouldKeepRecordsAcrossRestart() throws Exception {
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(logDir, 0, 1))) {
      createTopic(broker, "durable", 1);
      produce(broker, "durable", List.of("before", "restart"));
    }

    // The second start picks a different controller port on the already formatted log dir.
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(logDir, 0, 1))) {
      assertThat(consumeAssigned(broker, "durable", 2, "read_uncommitted"))
          .containsExactly("before", "restart");
      produce(broker, "durable", List.of("after"));
      assertThat(consumeAssigned(broker, "durable", 3, "read_uncommitted"))
          .containsExactly("before", "restart", "after");
    }
  }

  @Test
  void shouldRunTransactions() throws Exception {
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(logDir, 0, 1))) {
      createTopic(broker, "tx", 1);
      Map<String, Object> config = producerConfig(broker);
      config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "storyline-it-tx");
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
        producer.initTransactions();

        producer.beginTransaction();
        producer.send(new ProducerRecord<>("tx", "k", "aborted"));
        producer.abortTransaction();

        producer.beginTransaction();
        producer.send(new ProducerRecord<>("tx", "k", "committed-1"));
        producer.send(new ProducerRecord<>("tx", "k", "committed-2"));
        producer.commitTransaction();
      }

      assertThat(consumeAssigned(broker, "tx", 2, "read_committed"))
          .containsExactly("committed-1", "committed-2");
    }
  }

  @Test
  void shouldRunKafkaStreamsWithExactlyOnceV2(@TempDir Path stateDir) throws Exception {
    try (EmbeddedKafkaBroker broker =
        EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(logDir, 0, 1))) {
      createTopic(broker, "in", 1);
      createTopic(broker, "out", 1);

      StreamsBuilder builder = new StreamsBuilder();
      builder.stream("in", Consumed.with(Serdes.String(), Serdes.String()))
          .mapValues(value -> value.toUpperCase(Locale.ROOT))
          .to("out", Produced.with(Serdes.String(), Serdes.String()));
      Properties streamsConfig = new Properties();
      streamsConfig.put(StreamsConfig.APPLICATION_ID_CONFIG, "storyline-it-eos");
      streamsConfig.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
      streamsConfig.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
      streamsConfig.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
      streamsConfig.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);

      try (KafkaStreams streams = new KafkaStreams(builder.build(), streamsConfig)) {
        streams.start();
        produce(broker, "in", List.of("a", "b", "c"));

        assertThat(consumeAssigned(broker, "out", 3, "read_committed"))
            .containsExactly("A", "B", "C");
        streams.close(Duration.ofSeconds(30));
      }
    }
  }

  @Test
  void shouldRefuseTakenPortWithClearMessage() throws IOException {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
      int port = taken.getLocalPort();

      assertThatThrownBy(
              () -> EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(logDir, port, 1)))
          .isInstanceOf(BrokerStartException.class)
          .hasMessageContaining("port " + port)
          .hasMessageContaining("--kafka-port");
    }
  }

  @Test
  void shouldRefuseLogDirOfAnotherCluster() throws IOException {
    try (Writer meta =
        Files.newBufferedWriter(logDir.resolve("meta.properties"), StandardCharsets.UTF_8)) {
      meta.write("version=1\nnode.id=7\ncluster.id=AAAAAAAAAAAAAAAAAAAAAA\n");
    }

    assertThatThrownBy(
            () -> EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(logDir, 0, 1)))
        .isInstanceOf(BrokerStartException.class)
        .hasMessageContaining(logDir.toString())
        .hasMessageContaining("incompatible cluster");
  }

  @Test
  void shouldRefuseLogDirInUseByAnotherBroker() {
    try (EmbeddedKafkaBroker running =
        EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(logDir, 0, 1))) {
      assertThatThrownBy(
              () -> EmbeddedKafkaBroker.start(new EmbeddedKafkaBroker.Settings(logDir, 0, 1)))
          .isInstanceOf(BrokerStartException.class)
          .hasMessageContaining(logDir.toString())
          .hasMessageContaining("in use");

      // The failed second start must not have disturbed the running broker.
      assertThatCode(() -> createTopic(running, "still-alive", 1)).doesNotThrowAnyException();
    }
  }

  @Test
  void shouldRefuseLogDirThatCannotBeCreated() throws IOException {
    Path file = Files.writeString(logDir.resolve("a-file"), "not a directory");

    assertThatThrownBy(
            () ->
                EmbeddedKafkaBroker.start(
                    new EmbeddedKafkaBroker.Settings(file.resolve("kafka"), 0, 1)))
        .isInstanceOf(BrokerStartException.class)
        .hasMessageContaining(file.resolve("kafka").toString());
  }

  private static void createTopic(EmbeddedKafkaBroker broker, String topic, int partitions)
      throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      admin
          .createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
          .all()
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static int createTopicWithBrokerDefaults(EmbeddedKafkaBroker broker, String topic)
      throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      // The create response carries the partition count the broker chose; a describe right after
      // it can reach the broker before its metadata cache holds the topic and fail spuriously.
      return admin
          .createTopics(List.of(new NewTopic(topic, Optional.empty(), Optional.empty())))
          .numPartitions(topic)
          .get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }
  }

  private static Map<String, Object> producerConfig(EmbeddedKafkaBroker broker) {
    Map<String, Object> config = new HashMap<>();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return config;
  }

  private static void produce(EmbeddedKafkaBroker broker, String topic, List<String> values)
      throws Exception {
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(broker))) {
      for (String value : values) {
        producer
            .send(new ProducerRecord<>(topic, "key", value))
            .get(WAIT.toSeconds(), TimeUnit.SECONDS);
      }
    }
  }

  private static Map<String, Object> consumerConfig(
      EmbeddedKafkaBroker broker, String isolationLevel) {
    Map<String, Object> config = new HashMap<>();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolationLevel);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return config;
  }

  private static List<String> consumeSubscribed(
      EmbeddedKafkaBroker broker, String topic, int expected) {
    Map<String, Object> config = consumerConfig(broker, "read_uncommitted");
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "storyline-it-" + topic);
    // The KIP-848 protocol runs on the broker's new group coordinator; Kafka Streams covers the
    // classic one.
    config.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      List<String> values = pollUntil(consumer, expected);
      consumer.commitSync(WAIT);
      return values;
    }
  }

  private static List<String> consumeAssigned(
      EmbeddedKafkaBroker broker, String topic, int expected, String isolationLevel) {
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumerConfig(broker, isolationLevel))) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic, WAIT).stream()
              .map(info -> new TopicPartition(info.topic(), info.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      return pollUntil(consumer, expected);
    }
  }

  private static List<String> pollUntil(KafkaConsumer<String, String> consumer, int expected) {
    List<String> values = new ArrayList<>();
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (values.size() < expected && System.nanoTime() < deadline) {
      for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
        values.add(record.value());
      }
    }
    return values;
  }
}
