package dev.storyline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.storyline.schemas.Topic;
import dev.storyline.schemas.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.avro.specific.SpecificData;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code storyline tail}: prints a Storyline topic, decoded, as JSON. */
@Command(
    name = "tail",
    description = "Print the records of a Storyline topic as JSON, decoded with every released schema version.")
final class TailCommand extends StorylineSubcommand {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration POLL = Duration.ofMillis(500);

  @Mixin KafkaOptions kafka;

  @Parameters(paramLabel = "TOPIC", description = "Topic to print: its full name (storyline.stories) or its short "
      + "name (articles, rejected, enriched, stories).")
  String topicName;

  @Option(names = "--from-beginning", description = "Start at the oldest retained record instead of the end.")
  boolean fromBeginning;

  @Option(names = "--follow", description = "Keep printing new records until Ctrl-C, instead of stopping at the end.")
  boolean follow;

  @Option(names = "--json", description = "One JSON object per line with topic, partition, offset, timestamp, key "
      + "and value; without it each line is PARTITION/OFFSET KEY VALUE-JSON.")
  boolean json;

  @Option(names = "--max", paramLabel = "N", description = "Stop after N records.")
  Long max;

  @Override
  public Integer call() {
    Topic<String, ?> topic = resolve(kafka.topics(), topicName);
    Properties config = kafka.clientProperties();
    config.putIfAbsent(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    config.putIfAbsent(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.putIfAbsent(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "storyline-tail");
    config.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000");
    long printed = 0;
    try (Shutdown shutdown = Shutdown.onSignal();
        KafkaConsumer<String, byte[]> consumer =
            new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> partitions = partitions(consumer, topic.name());
      consumer.assign(partitions);
      if (fromBeginning) {
        consumer.seekToBeginning(partitions);
      } else {
        consumer.seekToEnd(partitions);
      }
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (!shutdown.signalled() && (max == null || printed < max)) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
          out().println(render(topic, record));
          if (max != null && ++printed >= max) {
            break;
          }
        }
        out().flush();
        if (!follow && caughtUp(consumer, end)) {
          break;
        }
      }
    }
    return 0;
  }

  static Topic<String, ?> resolve(Topics topics, String name) {
    for (Topic<String, ?> topic : topics.all()) {
      String shortName = topic.name().substring(topic.name().lastIndexOf('.') + 1);
      if (topic.name().equals(name) || shortName.equals(name)
          || topic.name().endsWith("." + name) && !name.isEmpty()) {
        return topic;
      }
    }
    throw new UserError("unknown topic '" + name + "'; Storyline's topics are "
        + String.join(", ", topics.all().stream().map(Topic::name).toList()));
  }

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
    if (infos == null || infos.isEmpty()) {
      throw new UserError("topic " + topic + " does not exist on the cluster");
    }
    return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
  }

  private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
    Map<TopicPartition, Long> positions = new HashMap<>();
    end.keySet().forEach(tp -> positions.put(tp, consumer.position(tp)));
    return end.entrySet().stream().allMatch(e -> positions.get(e.getKey()) >= e.getValue());
  }

  /** One line for a record; an undecodable value is shown with the reason rather than stopping the tail. */
  String render(Topic<String, ?> topic, ConsumerRecord<String, byte[]> record) {
    JsonNode value = valueJson(topic, record);
    if (!json) {
      return record.partition() + "/" + record.offset() + " " + record.key() + " " + value;
    }
    ObjectNode line = JSON.createObjectNode();
    line.put("topic", record.topic());
    line.put("partition", record.partition());
    line.put("offset", record.offset());
    line.put("timestamp", Instant.ofEpochMilli(record.timestamp()).toString());
    line.put("key", record.key());
    line.set("value", value);
    return line.toString();
  }

  static JsonNode valueJson(Topic<String, ?> topic, ConsumerRecord<String, byte[]> record) {
    if (record.value() == null) {
      return JSON.nullNode();
    }
    try {
      Object decoded = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
      // Avro renders a record as JSON with plain (unwrapped) unions, logical types as strings.
      return JSON.readTree(SpecificData.get().toString(decoded));
    } catch (SerializationException e) {
      ObjectNode error = JSON.createObjectNode();
      error.put("undecodable", e.getMessage());
      return error;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("Avro produced JSON Jackson cannot read: " + e.getMessage(), e);
    }
  }
}
