package dev.storyline.sink;

import java.time.Instant;

/**
 * Which stories {@link StoryQueries#list} returns. Every criterion is optional (null: not
 * filtered); start from {@link #all()} and narrow it: {@code
 * StoryFilter.all().since(t).entity("Donald Trump").limit(20)}.
 *
 * @param since only stories with an article published at or after this time (their last
 *     published time is not earlier)
 * @param entity only stories involving an entity of this canonical name, ignoring case (of ASCII
 *     letters only, on SQLite)
 * @param source only stories covered by this outlet, ignoring case likewise
 * @param limit at most this many stories (newest first), or null for all
 */
public record StoryFilter(Instant since, String entity, String source, Integer limit) {

  private static final StoryFilter ALL = new StoryFilter(null, null, null, null);

  public StoryFilter {
    if (limit != null && limit < 1) {
      throw new IllegalArgumentException("limit must be at least 1, not " + limit);
    }
    entity = blankToNull(entity);
    source = blankToNull(source);
  }

  /** Every story. */
  public static StoryFilter all() {
    return ALL;
  }

  public StoryFilter since(Instant since) {
    return new StoryFilter(since, entity, source, limit);
  }

  public StoryFilter entity(String entity) {
    return new StoryFilter(since, entity, source, limit);
  }

  public StoryFilter source(String source) {
    return new StoryFilter(since, entity, source, limit);
  }

  public StoryFilter limit(Integer limit) {
    return new StoryFilter(since, entity, source, limit);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
