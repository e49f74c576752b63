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
 */
public record Topic<K, V>(
    String name, Serde<K> keySerde, Serde<V> valueSerde, Map<String, String> config) {

  public Topic {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("topic name must not be blank");
    }
    config = Map.copyOf(config);
  }

  @Override
  public String toString() {
    return name;
  }
}
