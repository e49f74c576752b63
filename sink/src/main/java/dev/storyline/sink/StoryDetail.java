package dev.storyline.sink;

import dev.storyline.avro.EntityType;
import dev.storyline.avro.FigureKind;
import dev.storyline.avro.FigureQualifier;
import java.time.Instant;
import java.util.List;

/**
 * Everything stored about one story, as {@link StoryQueries#story} reads it back.
 *
 * @param storyId stable story id
 * @param version version of the story cluster stored
 * @param headline title of the story's most representative article
 * @param firstPublished earliest publication time among the members
 * @param lastPublished latest publication time among the members
 * @param coverage members that are not duplicates
 * @param sources outlets that covered the story, sorted
 * @param members every article of the story, earliest first
 * @param entities entities under canonical names, most covered first
 * @param figureGroups figures about one quantity, compared across outlets
 * @param closed whether the story accepts no more members
 * @param clustererVersion project version and settings hash that produced the story
 * @param updatedAt when the sink stored this version
 */
public record StoryDetail(
    String storyId,
    long version,
    String headline,
    Instant firstPublished,
    Instant lastPublished,
    int coverage,
    List<String> sources,
    List<Member> members,
    List<Entity> entities,
    List<FigureGroup> figureGroups,
    boolean closed,
    String clustererVersion,
    Instant updatedAt) {

  public StoryDetail {
    sources = List.copyOf(sources);
    members = List.copyOf(members);
    entities = List.copyOf(entities);
    figureGroups = List.copyOf(figureGroups);
  }

  /**
   * One article of the story.
   *
   * @param url canonical URL, or null when unknown
   * @param duplicateOf id of the original this article copies, or null for originals
   */
  public record Member(
      String articleId,
      String source,
      String title,
      String url,
      Instant published,
      String duplicateOf) {}

  /** One entity across the members: in how many articles and how many mentions. */
  public record Entity(String name, EntityType type, int articleCount, int mentionCount) {}

  /**
   * The figures different members report for one quantity.
   *
   * @param unit currency or counted thing, or null
   * @param conflicting true when the values cannot all be true at once
   * @param values each member's statement of the figure
   */
  public record FigureGroup(
      FigureKind kind, String unit, String label, boolean conflicting, List<FigureValue> values) {

    public FigureGroup {
      values = List.copyOf(values);
    }
  }

  /**
   * What one article said about the quantity.
   *
   * @param value the value or the lower end of a range, or null
   * @param upperValue the upper end of a range, or null
   * @param date the normalised date of a DATE figure, or null
   * @param text the figure as written
   * @param sentence the sentence it appears in
   */
  public record FigureValue(
      String articleId,
      String source,
      FigureQualifier qualifier,
      Double value,
      Double upperValue,
      String date,
      String text,
      String sentence) {}
}
