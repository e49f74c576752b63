package dev.storyline.cli;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads partitions from their beginning up to the end offsets they have when the scan starts. */
final class TopicScan {

  private static final Duration POLL = Duration.ofMillis(200);

  private TopicScan() {}

  /**
   * Assigns {@code partitions} to {@code consumer}, reads them from the beginning and hands every
   * record to {@code action} until each partition's position reaches its end offset. The consumer
   * stays assigned, positioned at those ends, so the caller may go on polling from there.
   *
   * @throws UserError when the end is not reached within {@code timeout}
   */
  static void fromBeginningToEnd(KafkaConsumer<String, byte[]> consumer, List<TopicPartition> partitions,
      Duration timeout, Consumer<ConsumerRecord<String, byte[]>> action) {
    consumer.assign(partitions);
    consumer.seekToBeginning(partitions);
    Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
      if (System.nanoTime() > deadline) {
        throw new UserError("cannot read " + partitions + " to the end within " + timeout.toSeconds() + " s");
      }
      consumer.poll(POLL).forEach(action);
    }
  }
}
