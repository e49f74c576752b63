package dev.storyline.enrich;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link InputDrain} from the broker: the app's input is drained when, on every partition of its
 * input topics, the app's consumer group has committed up to the last stable offset (what
 * read_committed consumers can read). Under exactly-once a task commits its input offsets in
 * the transaction that holds its output, so "committed to the end" on the articles, enriched and
 * story-space topics means every article has been enriched, routed and handed to the clustering
 * stage, whichever app instance did it.
 *
 * <p>A transaction's commit marker takes an offset of its own, and a consumer position may stop
 * just before it: where the committed offset is behind the end, the gap is read (read_committed)
 * and counts as drained when it holds no record.
 *
 * <p>One plain consumer (no subscription, so it never joins the group), created on first use
 * from the app's client settings and closed with {@link #close}; calls are serialised. A broker
 * error answers "not drained" and is logged; the caller asks again later.
 */
public final class CommittedInputDrain implements InputDrain, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CommittedInputDrain.class);

  /** How long one question to the broker may take (it runs on a stream thread). */
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final Map<String, Object> consumerConfig;
  private final List<String> topics;
  private KafkaConsumer<byte[], byte[]> consumer;
  private boolean closed;

  /**
   * @param streamsConfig the app's Streams configuration (application id, bootstrap servers,
   *     security settings)
   * @param topics the app's input topics, internal repartition topics by their full names
   */
  public CommittedInputDrain(Properties streamsConfig, List<String> topics) {
    StreamsConfig config = new StreamsConfig(streamsConfig);
    String applicationId = config.getString(StreamsConfig.APPLICATION_ID_CONFIG);
    Map<String, Object> consumer =
        new HashMap<>(config.getRestoreConsumerConfigs(applicationId + "-input-drain"));
    consumer.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
    consumer.put(ConsumerConfig.GROUP_ID_CONFIG, applicationId);
    consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    consumer.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    consumer.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1);
    this.consumerConfig = consumer;
    this.topics = List.copyOf(topics);
  }

  @Override
  public synchronized boolean drained() {
    if (closed) {
      return false;
    }
    try {
      return drained(consumer());
    } catch (KafkaException e) {
      LOG.warn("Cannot tell whether the input of {} is drained ({}); holding the reorder buffer",
          consumerConfig.get(ConsumerConfig.GROUP_ID_CONFIG), e.toString());
      return false;
    }
  }

  private boolean drained(KafkaConsumer<byte[], byte[]> consumer) {
    List<TopicPartition> partitions = new ArrayList<>();
    for (String topic : topics) {
      List<PartitionInfo> infos = consumer.partitionsFor(topic, TIMEOUT);
      for (PartitionInfo info : infos == null ? List.<PartitionInfo>of() : infos) {
        partitions.add(new TopicPartition(topic, info.partition()));
      }
    }
    Set<TopicPartition> wanted = Set.copyOf(partitions);
    Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(wanted, TIMEOUT);
    Map<TopicPartition, Long> ends = consumer.endOffsets(wanted, TIMEOUT);
    Map<TopicPartition, Long> starts = consumer.beginningOffsets(wanted, TIMEOUT);
    Map<TopicPartition, Long> gaps = new HashMap<>();
    for (TopicPartition partition : partitions) {
      OffsetAndMetadata done = committed.get(partition);
      long from = Math.max(starts.get(partition), done == null ? 0 : done.offset());
      if (from < ends.get(partition)) {
        gaps.put(partition, from);
      }
    }
    if (gaps.isEmpty()) {
      return true;
    }
    // Read the gaps: commit markers only, or records not yet processed?
    consumer.assign(gaps.keySet());
    gaps.forEach(consumer::seek);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (!consumer.poll(Duration.ofMillis(100)).isEmpty()) {
          return false;
        }
        if (gaps.keySet().stream().allMatch(p -> consumer.position(p, TIMEOUT) >= ends.get(p))) {
          return true;
        }
      }
      return false;
    } finally {
      consumer.assign(List.of());
    }
  }

  private KafkaConsumer<byte[], byte[]> consumer() {
    if (consumer == null) {
      consumer = new KafkaConsumer<>(consumerConfig);
    }
    return consumer;
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (consumer != null) {
      consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
      consumer = null;
    }
  }
}
