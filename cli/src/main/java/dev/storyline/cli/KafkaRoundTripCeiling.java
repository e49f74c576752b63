package dev.storyline.cli;

import dev.storyline.ingest.ArticlePublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The Kafka ceiling of {@code storyline bench}: the same record bytes (keys and Avro values of the
 * articles) produced with ingest's producer settings to a topic of their own and consumed back by
 * a plain consumer (both started and positioned first), timed from the first send to the last
 * record consumed. No Storyline code is
 * in the loop, so it is what the broker and the clients alone can move on this machine.
 */
final class KafkaRoundTripCeiling {

  /** What was measured. */
  record Result(long records, long bytes, double seconds) {
    double recordsPerSecond() {
      return records / seconds;
    }

    double megabytesPerSecond() {
      return bytes / (1024.0 * 1024.0) / seconds;
    }
  }

  private KafkaRoundTripCeiling() {}

  /** Sends {@code keys}/{@code values} to {@code topic} (already created) and reads them all back. */
  static Result run(String bootstrapServers, String topic, List<byte[]> keys, List<byte[]> values, Duration timeout)
      throws InterruptedException {
    Properties consumerConfig = new Properties();
    consumerConfig.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    consumerConfig.setProperty(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
    long bytes = 0;
    for (int i = 0; i < values.size(); i++) {
      bytes += values.get(i).length + keys.get(i).length;
    }
    AtomicLong consumed = new AtomicLong();
    AtomicLong lastConsumedNanos = new AtomicLong();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    long start;
    Thread reader = new Thread(() -> {
      try (KafkaConsumer<byte[], byte[]> consumer =
          new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo p : consumer.partitionsFor(topic)) {
          partitions.add(new TopicPartition(topic, p.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        partitions.forEach(consumer::position);
        ready.countDown();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (consumed.get() < values.size() && System.nanoTime() < deadline) {
          ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
          if (!records.isEmpty()) {
            consumed.addAndGet(records.count());
            lastConsumedNanos.set(System.nanoTime());
          }
        }
      } catch (RuntimeException e) {
        failure.set(e);
      } finally {
        ready.countDown();
        done.countDown();
      }
    }, "storyline-bench-ceiling-consumer");
    reader.start();
    ready.await();
    try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
        ArticlePublisher.config(new Properties(), bootstrapServers), new ByteArraySerializer(), new ByteArraySerializer())) {
      // The producer's start (its id, the topic's metadata) is not part of what it can move.
      producer.partitionsFor(topic);
      start = System.nanoTime();
      for (int i = 0; i < values.size(); i++) {
        producer.send(new ProducerRecord<>(topic, keys.get(i), values.get(i)));
      }
      producer.flush();
    }
    if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || failure.get() != null
        || consumed.get() < values.size()) {
      reader.interrupt();
      throw new UserError("Kafka ceiling: " + consumed.get() + " of " + values.size() + " records read back"
          + (failure.get() != null ? ": " + failure.get().getMessage() : " within " + timeout));
    }
    return new Result(values.size(), bytes, (lastConsumedNanos.get() - start) / 1e9);
  }
}
