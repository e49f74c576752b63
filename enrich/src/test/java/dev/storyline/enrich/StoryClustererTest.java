package dev.storyline.enrich;

import static dev.storyline.enrich.ArticleFixtures.deportationAp;
import static dev.storyline.enrich.ArticleFixtures.deportationReuters;
import static dev.storyline.enrich.ArticleFixtures.enriched;
import static dev.storyline.enrich.ArticleFixtures.ratesBbc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import dev.storyline.avro.StoryCluster;
import dev.storyline.avro.StoryMember;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoryClustererTest {

  private final InMemoryStoryBook book = new InMemoryStoryBook();
  private final StoryClusterer clusterer = new StoryClusterer(ClusteringSettings.DEFAULTS, book);

  @Test
  void shouldStartAStoryWithAnIdDerivedFromItsFirstArticle() {
    // Given
    Article reuters = deportationReuters();

    // When
    StoryCluster story = clusterer.add(enriched(reuters));

    // Then
    assertThat(story)
        .isEqualTo(
            StoryCluster.newBuilder()
                .setStoryId(StoryClusterer.storyIdFor("a-reuters-1"))
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
                .build());
    assertThat(story.getStoryId()).isEqualTo("s-c0cee1eee9f69090");
    assertThat(book.story(story.getStoryId())).contains(story);
  }

  @Test
  void shouldJoinArticlesAboutTheSameEventIntoOneStory() {
    // Given
    Article reuters = deportationReuters();
    Article ap = deportationAp();
    StoryCluster first = clusterer.add(enriched(reuters));

    // When
    StoryCluster second = clusterer.add(enriched(ap));

    // Then
    assertThat(second.getStoryId()).isEqualTo(first.getStoryId());
    assertThat(second.getVersion()).isEqualTo(2);
    assertThat(second.getMembers()).containsExactly(member(reuters), member(ap));
    assertThat(second.getSources()).containsExactly("AP", "Reuters");
    assertThat(second.getCoverage()).isEqualTo(2);
    assertThat(second.getFirstPublished()).isEqualTo(reuters.getPublished());
    assertThat(second.getLastPublished()).isEqualTo(ap.getPublished());
    assertThat(second.getHeadline()).isEqualTo(reuters.getTitle());
  }

  @Test
  void shouldStartAnotherStoryForAnUnrelatedArticle() {
    // Given
    StoryCluster deportation = clusterer.add(enriched(deportationReuters()));

    // When
    StoryCluster rates = clusterer.add(enriched(ratesBbc()));

    // Then
    assertThat(rates.getStoryId())
        .isEqualTo(StoryClusterer.storyIdFor("a-bbc-1"))
        .isNotEqualTo(deportation.getStoryId());
    assertThat(rates.getVersion()).isEqualTo(1);
    assertThat(rates.getMembers()).containsExactly(member(ratesBbc()));
  }

  @Test
  void shouldReplaceAResentArticleWithoutCountingItTwice() {
    // Given a story of two articles
    Article reuters = deportationReuters();
    Article ap = deportationAp();
    clusterer.add(enriched(reuters));
    clusterer.add(enriched(ap));
    Article correctedAp = deportationAp();
    correctedAp.setTitle("El Salvador jails Venezuelan deportees despite court order");

    // When the second one arrives again, corrected
    StoryCluster story = clusterer.add(enriched(correctedAp));

    // Then it replaces its earlier version
    assertThat(story.getVersion()).isEqualTo(3);
    assertThat(story.getCoverage()).isEqualTo(2);
    assertThat(story.getSources()).containsExactly("AP", "Reuters");
    assertThat(story.getMembers()).containsExactly(member(reuters), member(correctedAp));
    assertThat(book.member("a-ap-1").orElseThrow().getArticle()).isEqualTo(correctedAp);
  }

  @Test
  void shouldTakeTheHeadlineFromTheEarliestMemberWhateverTheArrivalOrder() {
    // Given a later report arrives first
    Article ap = deportationAp();
    Article reuters = deportationReuters();
    StoryCluster first = clusterer.add(enriched(ap));

    // When the earlier report arrives
    StoryCluster story = clusterer.add(enriched(reuters));

    // Then the story keeps the first article's id but the earliest member's title
    assertThat(story.getStoryId())
        .isEqualTo(first.getStoryId())
        .isEqualTo(StoryClusterer.storyIdFor("a-ap-1"));
    assertThat(story.getMembers()).containsExactly(member(reuters), member(ap));
    assertThat(story.getHeadline()).isEqualTo(reuters.getTitle());
    assertThat(story.getFirstPublished()).isEqualTo(reuters.getPublished());
  }

  @Test
  void shouldContinueFromTheStoriesInTheBookAfterARestart() {
    // Given a story built by an earlier clusterer
    Article reuters = deportationReuters();
    StoryCluster before = clusterer.add(enriched(reuters));

    // When a new clusterer over the same book sees a related article and a re-sent one
    StoryClusterer restarted = new StoryClusterer(ClusteringSettings.DEFAULTS, book);
    StoryCluster joined = restarted.add(enriched(deportationAp()));
    StoryCluster resent = restarted.add(enriched(reuters));

    // Then both land in the existing story
    assertThat(joined.getStoryId()).isEqualTo(before.getStoryId());
    assertThat(resent.getStoryId()).isEqualTo(before.getStoryId());
    assertThat(resent.getVersion()).isEqualTo(3);
    assertThat(resent.getCoverage()).isEqualTo(2);
  }

  @Test
  void shouldScoreTheFixturesWellApartFromTheThreshold() {
    // Guards the fixtures the topology tests rely on.
    TermVector reuters = StoryClusterer.termVector(enriched(deportationReuters()));
    assertThat(reuters.cosine(StoryClusterer.termVector(enriched(deportationAp()))))
        .isGreaterThan(ClusteringSettings.DEFAULTS.similarityThreshold() + 0.1);
    assertThat(reuters.cosine(StoryClusterer.termVector(enriched(ratesBbc()))))
        .isLessThan(ClusteringSettings.DEFAULTS.similarityThreshold() - 0.1);
  }

  static StoryMember member(Article article) {
    return StoryMember.newBuilder()
        .setArticleId(article.getId())
        .setSource(article.getSource())
        .setTitle(article.getTitle())
        .setUrl(article.getUrl())
        .setPublished(article.getPublished())
        .setDuplicateOf(null)
        .build();
  }
}
