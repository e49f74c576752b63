package dev.storyline.schemas;

import java.util.Map;
import org.apache.kafka.common.serialization.Serde;

/**
 * One Storyline topic: its name, how its keys and values are encoded, and the topic-level
 * configuration it is created with (retention, compaction).
 *
 * @param name the full topic name, prefix included
 * @param keySerde serde of the record keys
 * @param valueSerde serde of the record values
 * @param config topic configuration applied when Storyline creates the topic
 * @param fixedPartitions the partition count this topic must have whatever the configured
 *     default (1 for a topic whose records must stay in one order), or 0 to take the default
 */
public record Topic<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> config, int fixedPartitions) {

  public Topic {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
    if (fixedPartitions < 0) {
      throw new IllegalArgumentException(name + ": fixedPartitions must not be negative, was " + fixedPartitions);
    }
    config = Map.copyOf(config);
  }

  /** A topic whose partition count is the configured default. */
  public Topic(String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> config) {
    this(name, keySerde, valueSerde, config, 0);
  }

  /** Partitions to create this topic with, given the configured default. */
  public int partitions(int defaultPartitions) {
    return fixedPartitions > 0 ? fixedPartitions : defaultPartitions;
  }

  @Override
  public String toString() {
    return name;
  }
}
