package dev.storyline.cli;

import com.dynatrace.hash4j.hashing.HashStream64;
import com.dynatrace.hash4j.hashing.Hashing;
import dev.storyline.avro.StoryCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Digests of what a clustering run produced, so a change meant to make the clusterer faster can be
 * shown to leave its results exactly as they were: one over every story state emitted, in order
 * (xxh3 of each state's Avro bytes: headline, members, entities, figure groups, versions), and one
 * over the final (article id, story id) memberships, by article id. Two runs on the same input
 * print the same digests exactly when they emitted the same states and ended in the same stories.
 */
final class ClusteringDigests {

  private final HashStream64 states = Hashing.xxh3_64().hashStream();
  private long stateCount;

  /** Adds emitted story states, in the order they were emitted. */
  void addStates(List<StoryCluster> emitted) {
    for (StoryCluster story : emitted) {
      putState(states, story);
      stateCount++;
    }
  }

  /** Digest of the states added so far. */
  long statesDigest() {
    return states.getAsLong();
  }

  /** Number of states added so far. */
  long stateCount() {
    return stateCount;
  }

  /**
   * Digest of the latest state of each story, by story id: the same whenever the same stories
   * end in the same states, however often their intermediate states were built.
   */
  static long latestStatesDigest(List<StoryCluster> latest) {
    Map<String, StoryCluster> byId = new TreeMap<>();
    latest.forEach(story -> byId.put(story.getStoryId(), story));
    HashStream64 stream = Hashing.xxh3_64().hashStream();
    byId.values().forEach(story -> putState(stream, story));
    return stream.getAsLong();
  }

  /** Puts a state's length and Avro bytes into a digest. */
  private static void putState(HashStream64 stream, StoryCluster story) {
    ByteBuffer bytes = avroBytesOf(story);
    byte[] array = new byte[bytes.remaining()];
    bytes.get(array);
    stream.putInt(array.length).putBytes(array);
  }

  /** Digest of memberships (article id to story id), independent of the map's order. */
  static long membershipsDigest(Map<String, String> storyByArticle) {
    HashStream64 stream = Hashing.xxh3_64().hashStream();
    new TreeMap<>(storyByArticle).forEach((article, story) -> stream.putString(article)
        .putString(story));
    return stream.getAsLong();
  }

  private static ByteBuffer avroBytesOf(StoryCluster story) {
    try {
      return story.toByteBuffer();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode story " + story.getStoryId(), e);
    }
  }
}
