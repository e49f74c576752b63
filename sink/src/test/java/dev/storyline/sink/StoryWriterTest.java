package dev.storyline.sink;

import static dev.storyline.sink.TestStories.T0;
import static dev.storyline.sink.TestStories.T1;
import static dev.storyline.sink.TestStories.T2;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storyline.avro.StoryCluster;
import dev.storyline.avro.StoryMember;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StoryWriter} and what {@link StoryQueries} reads back, on one database product: the
 * subclasses run it on SQLite and on PostgreSQL.
 */
abstract class StoryWriterTest {

  static final String TOPIC = "storyline.stories";
  static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
  static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
  static final Instant WRITTEN_AT = Instant.parse("2025-03-17T12:00:00Z");
  static final Instant REWRITTEN_AT = Instant.parse("2025-03-17T13:00:00Z");

  private StoryDatabase database;
  private StoryWriter writer;
  private StoryQueries queries;

  /** A freshly migrated, empty database of the product under test. */
  protected abstract StoryDatabase openDatabase() throws Exception;

  @BeforeEach
  void openWriter() throws Exception {
    database = openDatabase();
    writer = writerAt(WRITTEN_AT);
    queries = new StoryQueries(database);
  }

  @AfterEach
  void closeWriter() {
    if (writer != null) {
      writer.close();
    }
  }

  private StoryWriter writerAt(Instant now) {
    return new StoryWriter(database, Clock.fixed(now, ZoneOffset.UTC));
  }

  @Test
  void shouldReadBackExactlyTheStoryWritten() {
    // Given a story with a duplicate member, entities and figure groups
    StoryCluster story = TestStories.deportations(1);

    // When it is written
    writer.write(List.of(story), Map.of(P0, 1L));

    // Then every field reads back as written
    assertThat(queries.story("story-deport"))
        .contains(TestStories.deportationsDetail(1, WRITTEN_AT));
    assertThat(queries.countArticles()).isEqualTo(3);
  }

  @Test
  void shouldDeleteATombstonedStoryAndAcceptItsNextGenerationFromVersionOne() {
    // Given version 3 stored
    writer.write(List.of(TestStories.deportations(3)), Map.of(P0, 1L));
    // When a replay tombstones it and the new generation writes version 1, in one transaction
    writer.write(java.util.Set.of("story-deport"), List.of(TestStories.deportations(1)), Map.of(P0, 3L));
    // Then version 1 is stored whole, and the offsets moved
    assertThat(queries.story("story-deport")).contains(TestStories.deportationsDetail(1, WRITTEN_AT));
    assertThat(writer.committedOffsets(P0.topic())).isEqualTo(Map.of(P0, 3L));
  }

  @Test
  void shouldDeleteEveryRowOfATombstonedStory() {
    // Given a stored story
    writer.write(List.of(TestStories.deportations(1)), Map.of(P0, 1L));
    // When it is tombstoned
    writer.write(java.util.Set.of("story-deport"), List.of(), Map.of(P0, 2L));
    // Then it and its members are gone
    assertThat(queries.story("story-deport")).isEmpty();
    assertThat(queries.countArticles()).isZero();
  }

  @Test
  void shouldReplaceTheChildRowsWithANewerVersion() {
    // Given version 1 with three members, entities and figures
    writer.write(List.of(TestStories.deportations(1)), Map.of(P0, 1L));

    // When version 2 has two members, one entity and no figures
    StoryCluster v2 =
        TestStories.simple("story-deport", 2, "Deportation flights land", T2, List.of("AP", "BBC"),
            List.of("Nayib Bukele"));
    try (StoryWriter later = writerAt(REWRITTEN_AT)) {
      later.write(List.of(v2), Map.of(P0, 2L));
    }

    // Then the story is version 2 exactly, with none of version 1's child rows
    StoryDetail detail = queries.story("story-deport").orElseThrow();
    assertThat(detail)
        .isEqualTo(
            new StoryDetail("story-deport", 2, "Deportation flights land", T2, T2, 2,
                List.of("AP", "BBC"),
                List.of(
                    new StoryDetail.Member("story-deport-AP", "AP", "Deportation flights land",
                        null, T2, null),
                    new StoryDetail.Member("story-deport-BBC", "BBC", "Deportation flights land",
                        null, T2, null)),
                List.of(new StoryDetail.Entity("Nayib Bukele",
                    dev.storyline.avro.EntityType.PERSON, 1, 1)),
                List.of(),
                false,
                TestStories.CLUSTERER,
                REWRITTEN_AT));
    assertThat(queries.countArticles()).isEqualTo(2);
  }

  @Test
  void shouldIgnoreAnOlderVersionAfterANewerOne() {
    // Given version 3 is stored
    writer.write(List.of(TestStories.deportations(3)), Map.of(P0, 3L));

    // When version 2 arrives late
    StoryCluster stale =
        TestStories.simple("story-deport", 2, "Stale headline", T1, List.of("AP"), List.of());
    try (StoryWriter later = writerAt(REWRITTEN_AT)) {
      later.write(List.of(stale), Map.of(P0, 4L));
    }

    // Then version 3 is untouched, and the offset still advanced
    assertThat(queries.story("story-deport"))
        .contains(TestStories.deportationsDetail(3, WRITTEN_AT));
    assertThat(queries.countArticles()).isEqualTo(3);
    assertThat(writer.committedOffsets(TOPIC)).isEqualTo(Map.of(P0, 4L));
  }

  @Test
  void shouldTreatARepeatedVersionAsANoOp() {
    // Given version 1 is stored
    writer.write(List.of(TestStories.deportations(1)), Map.of(P0, 1L));

    // When version 1 arrives again (a replay), even with other content, later
    StoryCluster repeated =
        TestStories.simple("story-deport", 1, "Other headline", T1, List.of("AP"), List.of());
    try (StoryWriter later = writerAt(REWRITTEN_AT)) {
      later.write(List.of(repeated), Map.of(P0, 2L));
    }

    // Then nothing about the story changes, not even its update time
    assertThat(queries.story("story-deport"))
        .contains(TestStories.deportationsDetail(1, WRITTEN_AT));
    assertThat(queries.countArticles()).isEqualTo(3);
  }

  @Test
  void shouldKeepTheHighestVersionWhenOneBatchHoldsSeveral() {
    // Given one poll brought versions 1, 3 and 2 of a story
    List<StoryCluster> batch =
        List.of(
            TestStories.simple("story-x", 1, "Version 1", T0, List.of("AP"), List.of()),
            TestStories.simple("story-x", 3, "Version 3", T2, List.of("AP", "BBC"), List.of()),
            TestStories.simple("story-x", 2, "Version 2", T1, List.of("BBC"), List.of()));

    // When the batch is written
    writer.write(batch, Map.of(P0, 3L));

    // Then version 3 is stored
    StoryDetail detail = queries.story("story-x").orElseThrow();
    assertThat(List.of(detail.version(), detail.headline(), detail.sources()))
        .isEqualTo(List.of(3L, "Version 3", List.of("AP", "BBC")));
    assertThat(queries.countArticles()).isEqualTo(2);
  }

  @Test
  void shouldStoreTheOffsetsWithTheStories() {
    // Given a first batch from two partitions
    writer.write(
        List.of(TestStories.simple("story-a", 1, "A", T0, List.of("AP"), List.of())),
        Map.of(P0, 5L, P1, 9L));

    // When a second batch comes from partition 0 only, with no story to write
    writer.write(List.of(), Map.of(P0, 7L));

    // Then partition 0 moved and partition 1 kept its offset; other topics have none
    assertThat(writer.committedOffsets(TOPIC)).isEqualTo(Map.of(P0, 7L, P1, 9L));
    assertThat(writer.committedOffsets("other.topic")).isEmpty();
    try (StoryWriter another = writerAt(REWRITTEN_AT)) {
      assertThat(another.committedOffsets(TOPIC)).isEqualTo(Map.of(P0, 7L, P1, 9L));
    }
  }

  @Test
  void shouldChangeNothingWhenTheTransactionFailsMidway() {
    // Given version 1 of one story and its offset are stored
    writer.write(
        List.of(TestStories.simple("story-a", 1, "A v1", T0, List.of("AP"), List.of())),
        Map.of(P0, 1L));

    // When a batch updates it, adds a story, then holds a story the database refuses
    // (two members with one article id break the story_articles primary key)
    StoryCluster broken = TestStories.deportations(1);
    List<StoryMember> members = new ArrayList<>(broken.getMembers());
    members.add(members.get(0));
    broken.setMembers(members);
    List<StoryCluster> batch =
        List.of(
            TestStories.simple("story-a", 2, "A v2", T1, List.of("AP", "BBC"), List.of()),
            TestStories.simple("story-b", 1, "B", T1, List.of("BBC"), List.of()),
            broken);

    // Then the write fails, saying so
    assertThatThrownBy(() -> writer.write(batch, Map.of(P0, 4L, P1, 2L)))
        .isInstanceOf(StoryDatabaseException.class)
        .hasMessageContaining("cannot write 3 stories")
        .hasMessageContaining("rolled back, nothing written")
        .hasMessageContaining("story_articles");

    // And neither the rows nor the offsets changed
    assertThat(queries.list(StoryFilter.all()))
        .containsExactly(new StorySummary("story-a", "A v1", 1, List.of("AP"), T0, T0));
    assertThat(queries.story("story-b")).isEmpty();
    assertThat(queries.countArticles()).isEqualTo(1);
    assertThat(writer.committedOffsets(TOPIC)).isEqualTo(Map.of(P0, 1L));

    // And the writer still works afterwards
    writer.write(List.of(batch.get(0)), Map.of(P0, 2L));
    assertThat(queries.story("story-a").map(StoryDetail::headline)).contains("A v2");
    assertThat(writer.committedOffsets(TOPIC)).isEqualTo(Map.of(P0, 2L));
  }

  @Test
  void shouldRoundTripHostileText() {
    // Given text with quotes, SQL, emoji, control characters and a 100 kB title
    String injection = "'); DROP TABLE stories;--";
    String quotes = "He said \"it's 'fine'\" \\ back\\slash; 50% _under_";
    String emoji = "Flood 🌊 in Zürich — 東京 👩‍👩‍👧";
    String huge = "x".repeat(100 * 1024 - 3) + "end";
    String multiline = "line one\nline two\r\n\ttabbed";
    StoryCluster story =
        TestStories.simple(injection, 1, quotes, T0, List.of(emoji, injection), List.of(multiline));
    List<StoryMember> members = new ArrayList<>(story.getMembers());
    members.set(0, new StoryMember(emoji, quotes, huge, "https://x.example/?q='1'&r=\"2\"", T0,
        injection));
    story.setMembers(members);

    // When it is written
    writer.write(List.of(story), Map.of(P0, 1L));

    // Then it reads back unchanged, and the tables are all still there
    StoryDetail detail = queries.story(injection).orElseThrow();
    assertThat(detail.storyId()).isEqualTo(injection);
    assertThat(detail.headline()).isEqualTo(quotes);
    assertThat(detail.sources()).containsExactly(emoji, injection);
    assertThat(detail.members())
        .containsExactly(
            new StoryDetail.Member(emoji, quotes, huge, "https://x.example/?q='1'&r=\"2\"", T0,
                injection),
            new StoryDetail.Member(injection + "-" + injection, injection, quotes, null, T0,
                null));
    assertThat(detail.members().get(0).title()).hasSize(100 * 1024);
    assertThat(detail.entities()).extracting(StoryDetail.Entity::name).containsExactly(multiline);
    assertThat(queries.list(StoryFilter.all().source(emoji).entity(multiline)))
        .extracting(StorySummary::storyId)
        .containsExactly(injection);
    assertThat(queries.countArticles()).isEqualTo(2);
  }

  @Test
  void shouldStoreTheNulCharacterAsTheReplacementCharacterOnEveryDatabase() {
    // Given a title with U+0000, which PostgreSQL text cannot hold
    StoryCluster story =
        TestStories.simple("story-nul", 1, "before\u0000after", T0, List.of("AP"), List.of());

    // When it is written
    writer.write(List.of(story), Map.of(P0, 1L));

    // Then it is stored with U+FFFD in its place
    assertThat(queries.story("story-nul").map(StoryDetail::headline))
        .isEqualTo(Optional.of("before\uFFFDafter"));
  }

  @Test
  void shouldWriteOnlyTheChangedRowsYetReadBackEveryVersionAsAWholeRewriteDoes() {
    // Given versions whose members, sources, entities and figures are added, changed, reordered
    // and removed from one to the next, for two stories
    List<StoryCluster> versions = TestStories.evolving("story-evolving");
    List<StoryCluster> same = TestStories.evolving("story-rewritten");
    try (StoryWriter rewriting = new StoryWriter(database, Clock.fixed(WRITTEN_AT, ZoneOffset.UTC), 0)) {
      for (int i = 0; i < versions.size(); i++) {
        // When each version is written in turn, by the writer remembering the previous one, and
        // by a writer that rewrites every story whole
        writer.write(List.of(versions.get(i)), Map.of(P0, i + 1L));
        rewriting.write(List.of(same.get(i)), Map.of(P1, i + 1L));

        // Then the first is written whole and each later one as changes only
        assertThat(writer.lastChildRows())
            .isEqualTo(i == 0
                ? new StoryWriter.ChildRowCounts(1, 0, TestStories.rowCount(versions.get(i)))
                : new StoryWriter.ChildRowCounts(0, 1, EXPECTED_CHANGES.get(i - 1)));
        assertThat(rewriting.lastChildRows().afresh()).isEqualTo(1);
        // And both read back exactly the version written
        assertThat(queries.story("story-evolving"))
            .contains(TestStories.detailOf(versions.get(i), WRITTEN_AT));
        assertThat(queries.story("story-rewritten"))
            .contains(TestStories.detailOf(same.get(i), WRITTEN_AT));
      }
    }
  }

  /**
   * Rows inserted, updated or deleted from each version of {@link TestStories#evolving} to the
   * next, counted by hand per table (sources, members, entities, figure groups, figure values):
   * v2 2 + 1 + 3 + 0 + 1 (a source inserted in the middle updates the one it displaces); v3
   * 0 + 5 + 3 + 2 + 4 (a late member shifts the four after it); v4 4 + 5 + 3 + 2 + 2; v5
   * 4 + 3 + 4 + 2 + 4 (the member v4 kept is unchanged).
   */
  private static final List<Integer> EXPECTED_CHANGES = List.of(7, 14, 16, 17);

  @Test
  void shouldForgetTheStoriesOfARolledBackBatch() {
    // Given version 1 of a story is stored and remembered
    List<StoryCluster> versions = TestStories.evolving("story-evolving");
    writer.write(List.of(versions.get(0)), Map.of(P0, 1L));
    assertThat(writer.remembers("story-evolving", 1)).isTrue();

    // When a batch with its version 2 fails (another story in it breaks a primary key)
    StoryCluster broken = TestStories.deportations(1);
    List<StoryMember> members = new ArrayList<>(broken.getMembers());
    members.add(members.get(0));
    broken.setMembers(members);
    assertThatThrownBy(() -> writer.write(List.of(versions.get(1), broken), Map.of(P0, 3L)))
        .isInstanceOf(StoryDatabaseException.class);

    // Then the story is no longer remembered, version 1 is still stored
    assertThat(writer.remembers("story-evolving", 1)).isFalse();
    assertThat(writer.remembers("story-evolving", 2)).isFalse();
    assertThat(queries.story("story-evolving"))
        .contains(TestStories.detailOf(versions.get(0), WRITTEN_AT));

    // And the following versions are written and read back exactly
    for (int i = 1; i < versions.size(); i++) {
      writer.write(List.of(versions.get(i)), Map.of(P0, 3L + i));
      assertThat(queries.story("story-evolving"))
          .contains(TestStories.detailOf(versions.get(i), WRITTEN_AT));
    }
  }

  @Test
  void shouldRewriteWholeWhenAnotherWriterStoredANewerVersion() {
    // Given this writer stored and remembers version 1, then another writer stored version 2
    List<StoryCluster> versions = TestStories.evolving("story-evolving");
    writer.write(List.of(versions.get(0)), Map.of(P0, 1L));
    try (StoryWriter other = writerAt(WRITTEN_AT)) {
      other.write(List.of(versions.get(1)), Map.of(P0, 2L));
    }

    // When this writer writes version 3
    writer.write(List.of(versions.get(2)), Map.of(P0, 3L));

    // Then it did not trust its digest of version 1, and version 3 reads back exactly
    assertThat(writer.lastChildRows().afresh()).isEqualTo(1);
    assertThat(queries.story("story-evolving"))
        .contains(TestStories.detailOf(versions.get(2), WRITTEN_AT));
  }

  @Test
  void shouldRewriteWholeWhenTheStoredRowsAreNotTheRememberedOnes() throws Exception {
    // Given this writer stored and remembers version 1, then its rows were changed behind its
    // back without changing the version
    List<StoryCluster> versions = TestStories.evolving("story-evolving");
    writer.write(List.of(versions.get(0)), Map.of(P0, 1L));
    try (var connection = database.connect();
        var statement = connection.createStatement()) {
      statement.executeUpdate("DELETE FROM story_entities WHERE story_id = 'story-evolving'");
    }

    // When it writes version 2, whose changes update entity rows that are gone
    writer.write(List.of(versions.get(1)), Map.of(P0, 2L));

    // Then it noticed, rewrote the story whole, and version 2 reads back exactly
    assertThat(writer.lastChildRows().afresh()).isEqualTo(1);
    assertThat(queries.story("story-evolving"))
        .contains(TestStories.detailOf(versions.get(1), WRITTEN_AT));
  }

  @Test
  void shouldForgetEveryStoryWhenTold() {
    // Given a remembered story
    List<StoryCluster> versions = TestStories.evolving("story-evolving");
    writer.write(List.of(versions.get(0)), Map.of(P0, 1L));

    // When the writer is told another writer may have written it
    writer.forgetWrittenStories();

    // Then its next version is written whole, and reads back exactly
    writer.write(List.of(versions.get(1)), Map.of(P0, 2L));
    assertThat(writer.lastChildRows().afresh()).isEqualTo(1);
    assertThat(queries.story("story-evolving"))
        .contains(TestStories.detailOf(versions.get(1), WRITTEN_AT));
  }
}
