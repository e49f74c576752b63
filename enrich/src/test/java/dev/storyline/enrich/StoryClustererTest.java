package dev.storyline.enrich;

import static dev.storyline.enrich.ArticleFixtures.deportationAp;
import static dev.storyline.enrich.ArticleFixtures.deportationReuters;
import static dev.storyline.enrich.ArticleFixtures.ratesBbc;
import static dev.storyline.enrich.ClusteringFixtures.enriched;
import static dev.storyline.enrich.ClusteringFixtures.exactCopy;
import static dev.storyline.enrich.ClusteringFixtures.member;
import static dev.storyline.enrich.ClusteringFixtures.syndicatedCopy;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import dev.storyline.avro.Figure;
import dev.storyline.avro.FigureKind;
import dev.storyline.avro.FigureQualifier;
import dev.storyline.avro.StoryCluster;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoryClustererTest {

  private static final String REUTERS_STORY = StoryClusterer.storyIdFor("a-reuters-1");

  private final InMemoryStoryBook book = new InMemoryStoryBook();
  private final StoryClusterer clusterer = new StoryClusterer(ClusteringSettings.DEFAULTS, book);

  @Test
  void shouldStartAStoryWithAnIdDerivedFromItsFirstArticle() {
    // Given
    Article reuters = deportationReuters();

    // When
    List<StoryCluster> changed = clusterer.add(enriched(reuters));

    // Then
    StoryCluster expected =
        StoryCluster.newBuilder()
            .setStoryId(REUTERS_STORY)
            .setVersion(1)
            .setHeadline("US deports Venezuelans to El Salvador prison")
            .setFirstPublished(reuters.getPublished())
            .setLastPublished(reuters.getPublished())
            .setCoverage(1)
            .setSources(List.of("Reuters"))
            .setMembers(List.of(member(reuters)))
            .setEntities(List.of())
            .setFigureGroups(List.of())
            .setClosed(false)
            .setClustererVersion(StoryClusterer.versionOf(ClusteringSettings.DEFAULTS))
            .build();
    assertThat(changed).containsExactly(expected);
    assertThat(REUTERS_STORY).isEqualTo("s-c0cee1eee9f69090");
    assertThat(book.story(REUTERS_STORY)).contains(expected);
  }

  @Test
  void shouldJoinArticlesAboutTheSameEventAndKeepOthersApart() {
    // Given
    Article reuters = deportationReuters();
    Article ap = deportationAp();
    Article bbc = ratesBbc();
    clusterer.add(enriched(reuters));

    // When
    StoryCluster second = last(clusterer.add(enriched(ap)));
    StoryCluster third = last(clusterer.add(enriched(bbc)));

    // Then
    assertThat(second.getStoryId()).isEqualTo(REUTERS_STORY);
    assertThat(second.getVersion()).isEqualTo(2);
    assertThat(second.getMembers()).containsExactly(member(reuters), member(ap));
    assertThat(second.getSources()).containsExactly("AP", "Reuters");
    assertThat(second.getCoverage()).isEqualTo(2);
    assertThat(second.getLastPublished()).isEqualTo(ap.getPublished());
    assertThat(third.getStoryId()).isEqualTo(StoryClusterer.storyIdFor("a-bbc-1"));
    assertThat(third.getMembers()).containsExactly(member(bbc));
  }

  @Test
  void shouldCollapseAnExactCopyUnderAnotherIdIntoItsOriginal() {
    // Given
    Article reuters = deportationReuters();
    clusterer.add(enriched(reuters));

    // When
    StoryCluster story = last(clusterer.add(enriched(exactCopy())));

    // Then
    assertThat(story.getStoryId()).isEqualTo(REUTERS_STORY);
    assertThat(story.getMembers())
        .containsExactly(member(reuters), member(exactCopy(), "a-reuters-1"));
    assertThat(story.getCoverage()).isEqualTo(1);
    assertThat(story.getSources()).containsExactly("MSN", "Reuters");
  }

  @Test
  void shouldCollapseSyndicatedCopyIntoOriginal() {
    // Given
    Article reuters = deportationReuters();
    Article ap = deportationAp();
    clusterer.add(enriched(reuters));
    clusterer.add(enriched(ap));

    // When
    StoryCluster story = last(clusterer.add(enriched(syndicatedCopy())));

    // Then
    assertThat(story.getMembers())
        .containsExactly(member(reuters), member(syndicatedCopy(), "a-reuters-1"), member(ap));
    assertThat(story.getCoverage()).isEqualTo(2);
    assertThat(story.getVersion()).isEqualTo(3);
  }

  @Test
  void shouldReplaceAnUpdatedArticleInItsStoryWithoutCountingItTwice() {
    // Given
    Article reuters = deportationReuters();
    Article ap = deportationAp();
    clusterer.add(enriched(reuters));
    clusterer.add(enriched(ap));
    Article updated =
        Article.newBuilder(reuters)
            .setTitle("UPDATE 1-US deports Venezuelans to El Salvador prison")
            .setBody(reuters.getBody() + " The White House said more flights would follow.")
            .build();

    // When
    List<StoryCluster> changed = clusterer.add(enriched(updated));

    // Then
    assertThat(changed).hasSize(1);
    StoryCluster story = changed.get(0);
    assertThat(story.getStoryId()).isEqualTo(REUTERS_STORY);
    assertThat(story.getVersion()).isEqualTo(3);
    assertThat(story.getMembers()).containsExactly(member(updated), member(ap));
    assertThat(story.getCoverage()).isEqualTo(2);
    assertThat(book.member("a-reuters-1").orElseThrow().getArticle()).isEqualTo(updated);
  }

  @Test
  void shouldCloseAStoryOnceEventTimePassesItsHorizonAndForgetIt() {
    // Given
    Article reuters = deportationReuters();
    Article ap = deportationAp();
    clusterer.add(enriched(reuters));
    StoryCluster open = last(clusterer.add(enriched(ap)));
    Article later =
        Article.newBuilder(ratesBbc()).setPublished(Instant.parse("2025-03-24T12:00:00Z")).build();

    // When eight days after the last member
    List<StoryCluster> changed = clusterer.add(enriched(later));

    // Then
    StoryCluster closed = StoryCluster.newBuilder(open).setVersion(3).setClosed(true).build();
    assertThat(changed).hasSize(2);
    assertThat(changed.get(0)).isEqualTo(closed);
    assertThat(changed.get(1).getStoryId()).isEqualTo(StoryClusterer.storyIdFor("a-bbc-1"));
    assertThat(book.story(REUTERS_STORY)).isEmpty();
    assertThat(book.member("a-reuters-1")).isEmpty();
    assertThat(book.memberCount()).isEqualTo(1);
    assertThat(clusterer.openStories()).isEqualTo(1);
  }

  @Test
  void shouldStartANewStoryForAFollowUpAfterTheStoryClosed() {
    // Given a story closed by a later article
    clusterer.add(enriched(deportationReuters()));
    clusterer.add(
        enriched(Article.newBuilder(ratesBbc())
            .setPublished(Instant.parse("2025-03-24T12:00:00Z")).build()));
    Article followUp =
        Article.newBuilder(deportationAp()).setPublished(Instant.parse("2025-03-24T13:00:00Z"))
            .build();

    // When
    StoryCluster story = last(clusterer.add(enriched(followUp)));

    // Then
    assertThat(story.getStoryId()).isEqualTo(StoryClusterer.storyIdFor("a-ap-1"));
    assertThat(story.getVersion()).isEqualTo(1);
  }

  @Test
  void shouldKeepAStoryOpenUntilTheDateItsCoverageAnnouncedAndJoinTheCoverageOfThatDay() {
    // Given a report on 16 March announcing a visit "next month" (April 2025)
    Figure nextMonth = Figure.newBuilder()
        .setKind(FigureKind.DATE).setQualifier(FigureQualifier.EXACT).setDate("2025-04")
        .setText("next month").setStart(0).setEnd(10).setSentence("next month").build();
    clusterer.add(enriched(deportationReuters(), List.of(), List.of(nextMonth)));
    Article unrelated =
        Article.newBuilder(ratesBbc()).setPublished(Instant.parse("2025-04-10T12:00:00Z")).build();
    Article onTheDay =
        Article.newBuilder(deportationAp()).setPublished(Instant.parse("2025-04-14T13:00:00Z"))
            .build();

    // When event time moves 25 days on, beyond the 7-day horizon after the last article
    List<StoryCluster> whenUnrelated = clusterer.add(enriched(unrelated));
    StoryCluster story = last(clusterer.add(enriched(onTheDay)));

    // Then the story is still open and the coverage of the announced month joins it
    assertThat(whenUnrelated).extracting(StoryCluster::getStoryId)
        .containsExactly(StoryClusterer.storyIdFor("a-bbc-1"));
    assertThat(story.getStoryId()).isEqualTo(REUTERS_STORY);
    assertThat(story.getMembers()).extracting(m -> m.getArticleId())
        .containsExactly("a-reuters-1", "a-ap-1");

    // And it closes a horizon after the end of that month
    List<StoryCluster> closing = clusterer.add(enriched(
        Article.newBuilder(ratesBbc()).setId("a-bbc-2").setPublished(Instant.parse("2025-05-08T12:00:00Z"))
            .build()));
    assertThat(closing.subList(0, 2))
        .extracting(StoryCluster::getStoryId, StoryCluster::getClosed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(StoryClusterer.storyIdFor("a-bbc-1"), true),
            org.assertj.core.groups.Tuple.tuple(REUTERS_STORY, true));
  }

  @Test
  void shouldNotTakeADateFarAheadOrInThePastAsAnAnnouncement() {
    // Given
    Figure farAhead = Figure.newBuilder()
        .setKind(FigureKind.DATE).setQualifier(FigureQualifier.EXACT).setDate("2025-06-01")
        .setText("June 1").setStart(0).setEnd(6).setSentence("June 1").build();
    Figure past = Figure.newBuilder(farAhead).setDate("2025-03").setText("March").build();
    Figure dayAhead = Figure.newBuilder(farAhead).setDate("2025-03-20").setText("Thursday").build();

    // Then: published 16 March, only the day within the look-ahead counts
    assertThat(AnnouncedDates.until(enriched(deportationReuters(), List.of(), List.of(farAhead, past))))
        .isEmpty();
    assertThat(AnnouncedDates.until(enriched(deportationReuters(), List.of(), List.of(farAhead, dayAhead, past))))
        .contains(Instant.parse("2025-03-21T00:00:00Z"));
  }

  @Test
  void shouldEmitNothingForAnUnchangedResendOfAnOpenStorysMember() {
    // Given
    clusterer.add(enriched(deportationReuters()));
    StoryCluster before = last(clusterer.add(enriched(deportationAp())));

    // When the same article comes again from another file, enriched by the same enricher
    Article resent = Article.newBuilder(deportationReuters())
        .setIngestedAt(Instant.parse("2026-01-01T00:00:00Z")).setOrigin("again.jsonl:1").build();
    List<StoryCluster> changed = clusterer.add(enriched(resent));

    // Then
    assertThat(changed).isEmpty();
    assertThat(book.story(REUTERS_STORY)).contains(before);
  }

  @Test
  void shouldNotListAResentMemberOfAClosedStoryInASecondStory() {
    // Given the Reuters story closed by an article eight days later
    clusterer.add(enriched(deportationReuters()));
    clusterer.add(enriched(deportationAp()));
    clusterer.add(
        enriched(Article.newBuilder(ratesBbc())
            .setPublished(Instant.parse("2025-03-24T12:00:00Z")).build()));
    assertThat(book.story(REUTERS_STORY)).isEmpty();
    Article edited = Article.newBuilder(deportationAp())
        .setBody(deportationAp().getBody() + " Corrects the prison's name.").build();

    // When both are sent again, one unchanged and one edited
    List<StoryCluster> resent = clusterer.add(enriched(deportationReuters()));
    List<StoryCluster> resentEdited = clusterer.add(enriched(edited));

    // Then neither starts or changes a story
    assertThat(resent).isEmpty();
    assertThat(resentEdited).isEmpty();
    assertThat(clusterer.openStories()).isEqualTo(1);
    assertThat(book.closedMember("a-reuters-1"))
        .hasValueSatisfying(c -> assertThat(c.storyId()).isEqualTo(REUTERS_STORY));
  }

  @Test
  void shouldForgetAClosedStorysMembersAfterTheClosedMemory() {
    // Given the Reuters story closed on 2025-03-24, and a closed memory of 30 days
    ClusteringSettings d = ClusteringSettings.DEFAULTS;
    StoryClusterer clusterer = new StoryClusterer(new ClusteringSettings(d.similarityThreshold(),
        d.titleBoost(), d.timeScale(), d.nearDuplicateThreshold(), d.horizon(), d.reorderGrace(),
        java.time.Duration.ofDays(30), d.idleFlush()), book);
    clusterer.add(enriched(deportationReuters()));
    clusterer.add(
        enriched(Article.newBuilder(ratesBbc())
            .setPublished(Instant.parse("2025-03-24T12:00:00Z")).build()));
    assertThat(book.closedMemberCount()).isEqualTo(1);
    Article monthLater = Article.newBuilder(ratesBbc()).setId("a-bbc-2")
        .setPublished(Instant.parse("2025-04-24T13:00:00Z")).build();

    // When event time passes the memory, and the article comes again
    clusterer.add(enriched(monthLater));
    StoryCluster story = last(clusterer.add(enriched(deportationReuters())));

    // Then it is forgotten (the BBC story, closed just now, is remembered), and the article is
    // clustered like a new one
    assertThat(book.closedMember("a-reuters-1")).isEmpty();
    assertThat(book.closedMemberCount()).isEqualTo(1);
    assertThat(story.getStoryId()).isEqualTo(REUTERS_STORY);
    assertThat(story.getVersion()).isEqualTo(1);
  }

  @Test
  void shouldContinueAfterARestartExactlyAsWithoutOne() {
    // Given one clusterer that runs through, and one restarted from its book halfway
    InMemoryStoryBook otherBook = new InMemoryStoryBook();
    StoryClusterer first = new StoryClusterer(ClusteringSettings.DEFAULTS, otherBook);
    first.add(enriched(deportationReuters()));
    clusterer.add(enriched(deportationReuters()));
    StoryClusterer restarted = new StoryClusterer(ClusteringSettings.DEFAULTS, otherBook);

    // When
    List<StoryCluster> afterRestart = new java.util.ArrayList<>();
    List<StoryCluster> straight = new java.util.ArrayList<>();
    for (Article article : List.of(deportationAp(), syndicatedCopy(), ratesBbc())) {
      afterRestart.addAll(restarted.add(enriched(article)));
      straight.addAll(clusterer.add(enriched(article)));
    }

    // Then
    assertThat(afterRestart).isEqualTo(straight);
    assertThat(afterRestart).extracting(StoryCluster::getStoryId)
        .containsExactly(REUTERS_STORY, REUTERS_STORY, StoryClusterer.storyIdFor("a-bbc-1"));
  }

  @Test
  void shouldBuildEachChangedStoryOnceOnReleaseInTheStateAddingOneByOneEndsIn() {
    // Given the same articles added one by one to a second clusterer
    InMemoryStoryBook oneByOneBook = new InMemoryStoryBook();
    StoryClusterer oneByOne = new StoryClusterer(ClusteringSettings.DEFAULTS, oneByOneBook);
    List<Article> articles = List.of(deportationReuters(), deportationAp(), ratesBbc(),
        syndicatedCopy());
    List<StoryCluster> statesOneByOne = new java.util.ArrayList<>();
    articles.forEach(article -> statesOneByOne.addAll(oneByOne.add(enriched(article))));

    // When all are assigned, then released together
    List<String> assignedTo = new java.util.ArrayList<>();
    for (Article article : articles) {
      StoryClusterer.Assignment assignment = clusterer.assign(enriched(article));
      assertThat(assignment.closed()).isEmpty();
      assignedTo.add(assignment.storyId());
    }
    List<StoryCluster> released = clusterer.release();

    // Then each story is built once, in the order the stories first changed, in the state the
    // one-by-one run ended in (versions count every change); nothing is left to release
    String bbcStory = StoryClusterer.storyIdFor("a-bbc-1");
    assertThat(assignedTo).containsExactly(REUTERS_STORY, REUTERS_STORY, bbcStory, REUTERS_STORY);
    assertThat(released).extracting(StoryCluster::getStoryId).containsExactly(REUTERS_STORY, bbcStory);
    assertThat(released.get(0)).isEqualTo(oneByOneBook.story(REUTERS_STORY).orElseThrow());
    assertThat(released.get(0).getVersion()).isEqualTo(3);
    assertThat(released.get(0).getMembers()).hasSize(3);
    assertThat(released.get(1)).isEqualTo(oneByOneBook.story(bbcStory).orElseThrow());
    assertThat(book.story(REUTERS_STORY)).contains(released.get(0));
    assertThat(statesOneByOne).contains(released.get(0), released.get(1));
    assertThat(clusterer.release()).isEmpty();
  }

  @Test
  void shouldCloseAStoryChangedSinceTheLastReleaseFromItsLatestState() {
    // Given a story whose second article is assigned but not released
    clusterer.add(enriched(deportationReuters()));
    assertThat(clusterer.assign(enriched(deportationAp())).storyId()).isEqualTo(REUTERS_STORY);
    Article later =
        Article.newBuilder(ratesBbc()).setPublished(Instant.parse("2025-03-24T12:00:00Z")).build();

    // When eight days after the last member
    StoryClusterer.Assignment assignment = clusterer.assign(enriched(later));

    // Then its final state holds both articles, after the unreleased version 2, and only the new
    // story is left to release
    assertThat(assignment.closed()).hasSize(1);
    StoryCluster closed = assignment.closed().get(0);
    assertThat(closed.getStoryId()).isEqualTo(REUTERS_STORY);
    assertThat(closed.getClosed()).isTrue();
    assertThat(closed.getVersion()).isEqualTo(3);
    assertThat(closed.getMembers()).containsExactly(member(deportationReuters()),
        member(deportationAp()));
    assertThat(clusterer.release()).extracting(StoryCluster::getStoryId)
        .containsExactly(StoryClusterer.storyIdFor("a-bbc-1"));
    assertThat(book.story(REUTERS_STORY)).isEmpty();
  }

  private static StoryCluster last(List<StoryCluster> changed) {
    return changed.get(changed.size() - 1);
  }
}
