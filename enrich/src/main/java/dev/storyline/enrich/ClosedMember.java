package dev.storyline.enrich;

import java.time.Instant;

/**
 * What the clustering stage remembers of an article after its story closed: the story it was in
 * and its content hash, so a resend of the same article id is recognised instead of starting a
 * second story that would list it again.
 *
 * @param storyId the closed story the article was a member of
 * @param contentHash the article's content hash when its story closed
 * @param closedAt event time at which the story closed
 */
public record ClosedMember(String storyId, String contentHash, Instant closedAt) {

  private static final char SEPARATOR = ' ';

  /** The stored form: story id, content hash and close time in epoch milliseconds. */
  String encode() {
    return storyId + SEPARATOR + contentHash + SEPARATOR + closedAt.toEpochMilli();
  }

  /** Reads the stored form written by {@link #encode()}. */
  static ClosedMember decode(String encoded) {
    int first = encoded.indexOf(SEPARATOR);
    int second = encoded.indexOf(SEPARATOR, first + 1);
    if (first < 0 || second < 0) {
      throw new IllegalArgumentException("not a closed member: '" + encoded + "'");
    }
    return new ClosedMember(
        encoded.substring(0, first),
        encoded.substring(first + 1, second),
        Instant.ofEpochMilli(Long.parseLong(encoded.substring(second + 1))));
  }
}
