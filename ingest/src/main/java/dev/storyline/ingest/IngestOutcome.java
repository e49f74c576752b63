package dev.storyline.ingest;

import dev.storyline.avro.Article;

/** What became of one input: an article to publish, or a refusal with its reason. */
public sealed interface IngestOutcome {

  /** Where the input came from: FILE:LINE, 'stdin:LINE', a feed URL. */
  String origin();

  /** A valid article, ready to publish. */
  record Accepted(String origin, Article article) implements IngestOutcome {}

  /**
   * A refused input.
   *
   * @param origin where it came from
   * @param reason what was wrong, naming the field or check ("empty body")
   * @param original the input exactly as received
   * @param articleId the id when it could be computed, otherwise null
   */
  record Refused(String origin, String reason, byte[] original, String articleId)
      implements IngestOutcome {

    /** The line a user sees: {@code seeds/x.txt:1: empty body}. */
    public String describe() {
      return origin + ": " + reason;
    }
  }
}
