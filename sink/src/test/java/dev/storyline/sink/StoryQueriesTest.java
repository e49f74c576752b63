package dev.storyline.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link StoryQueries} on one database product: the subclasses run it on SQLite and PostgreSQL. */
abstract class StoryQueriesTest {

  static final Instant MARCH_1 = Instant.parse("2025-03-01T10:00:00Z");
  static final Instant MARCH_2 = Instant.parse("2025-03-02T10:00:00Z");
  static final Instant MARCH_3 = Instant.parse("2025-03-03T10:00:00Z");

  static final StorySummary TARIFFS =
      new StorySummary("story-tariffs", "Tariffs on steel rise", 2, List.of("AP", "Reuters"),
          MARCH_1, MARCH_1);
  static final StorySummary SUMMIT =
      new StorySummary("story-summit", "Leaders meet in Riyadh", 3,
          List.of("AP", "BBC", "Le Monde"), MARCH_2, MARCH_2);
  static final StorySummary FLOODS =
      new StorySummary("story-floods", "Floods in Valencia", 1, List.of("El País"), MARCH_3,
          MARCH_3);
  static final StorySummary STORM =
      new StorySummary("story-storm", "Storm reaches Valencia", 1, List.of("BBC"), MARCH_3,
          MARCH_3);

  private StoryDatabase database;
  private StoryQueries queries;

  /** A freshly migrated, empty database of the product under test. */
  protected abstract StoryDatabase openDatabase() throws Exception;

  @BeforeEach
  void writeStories() throws Exception {
    database = openDatabase();
    queries = new StoryQueries(database);
    Clock clock = Clock.fixed(Instant.parse("2025-03-04T00:00:00Z"), ZoneOffset.UTC);
    try (StoryWriter writer = new StoryWriter(database, clock)) {
      writer.write(
          List.of(
              TestStories.simple("story-tariffs", 1, "Tariffs on steel rise", MARCH_1,
                  List.of("AP", "Reuters"), List.of("Donald Trump")),
              TestStories.simple("story-summit", 4, "Leaders meet in Riyadh", MARCH_2,
                  List.of("AP", "BBC", "Le Monde"), List.of("Donald Trump", "Vladimir Putin")),
              TestStories.simple("story-storm", 1, "Storm reaches Valencia", MARCH_3,
                  List.of("BBC"), List.of()),
              TestStories.simple("story-floods", 2, "Floods in Valencia", MARCH_3,
                  List.of("El País"), List.of("Carlos Mazón"))),
          Map.of(new TopicPartition("storyline.stories", 0), 4L));
    }
  }

  @Test
  void shouldListNewestLastPublishedFirstWithTiesByStoryId() {
    // When every story is listed
    List<StorySummary> stories = queries.list(StoryFilter.all());

    // Then the newest come first, ties broken by story id
    assertThat(stories).containsExactly(FLOODS, STORM, SUMMIT, TARIFFS);
  }

  @Test
  void shouldListStoriesWithAnArticleSinceAnInstant() {
    assertThat(queries.list(StoryFilter.all().since(MARCH_2)))
        .containsExactly(FLOODS, STORM, SUMMIT);
    assertThat(queries.list(StoryFilter.all().since(MARCH_3.plusMillis(1)))).isEmpty();
  }

  @Test
  void shouldListStoriesInvolvingAnEntityIgnoringCase() {
    assertThat(queries.list(StoryFilter.all().entity("donald TRUMP")))
        .containsExactly(SUMMIT, TARIFFS);
    assertThat(queries.list(StoryFilter.all().entity("Trump"))).isEmpty();
  }

  @Test
  void shouldListStoriesCoveredByASourceIgnoringCase() {
    assertThat(queries.list(StoryFilter.all().source("bbc"))).containsExactly(STORM, SUMMIT);
    assertThat(queries.list(StoryFilter.all().source("El País"))).containsExactly(FLOODS);
  }

  @Test
  void shouldCombineFiltersAndLimit() {
    assertThat(queries.list(StoryFilter.all().source("AP").entity("Donald Trump").since(MARCH_2)))
        .containsExactly(SUMMIT);
    assertThat(queries.list(StoryFilter.all().limit(2))).containsExactly(FLOODS, STORM);
    assertThat(queries.list(StoryFilter.all().entity("  ").source(""))).hasSize(4);
  }

  @Test
  void shouldReturnNothingForAnUnknownStory() {
    assertThat(queries.story("story-unknown")).isEmpty();
  }

  @Test
  void shouldCountEveryStoredArticle() {
    assertThat(queries.countArticles()).isEqualTo(7);
  }

  @Test
  void shouldRefuseALimitBelowOne() {
    assertThatThrownBy(() -> StoryFilter.all().limit(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be at least 1, not 0");
  }
}
