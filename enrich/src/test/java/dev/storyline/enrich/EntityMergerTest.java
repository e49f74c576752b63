package dev.storyline.enrich;

import static dev.storyline.enrich.ArticleFixtures.deportationAp;
import static dev.storyline.enrich.ArticleFixtures.deportationReuters;
import static dev.storyline.enrich.ClusteringFixtures.enriched;
import static dev.storyline.enrich.ClusteringFixtures.entity;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.EntityType;
import dev.storyline.avro.StoryEntity;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityMergerTest {

  @Test
  void shouldMergeNamesAcrossArticlesUnderOneCanonicalNameRankedBySalience() {
    // Given
    var reuters = enriched(deportationReuters(),
        List.of(
            entity("Nayib Bukele", EntityType.PERSON, 2, 120),
            entity("CECOT", EntityType.ORGANIZATION, 1, 200),
            entity("Donald Trump", EntityType.PERSON, 1, 300),
            entity("Federal Bureau of Investigation", EntityType.ORGANIZATION, 1, 400)),
        List.of());
    var ap = enriched(deportationAp(),
        List.of(
            entity("Trump", EntityType.PERSON, 3, 10),
            entity("Cecot", EntityType.ORGANIZATION, 2, 150),
            entity("Bukele", EntityType.PERSON, 1, 90),
            entity("FBI", EntityType.ORGANIZATION, 1, 500),
            entity("Washington", EntityType.LOCATION, 1, 600)),
        List.of());

    // When
    List<StoryEntity> merged = EntityMerger.merge(List.of(reuters, ap));

    // Then
    assertThat(merged)
        .containsExactly(
            storyEntity("Nayib Bukele", EntityType.PERSON, 2, 3),
            storyEntity("Donald Trump", EntityType.PERSON, 2, 4),
            storyEntity("CECOT", EntityType.ORGANIZATION, 2, 3),
            storyEntity("Federal Bureau of Investigation", EntityType.ORGANIZATION, 2, 2),
            storyEntity("Washington", EntityType.LOCATION, 1, 1));
  }

  @Test
  void shouldNotMergeAShortNameIntoALongerOneOfAnotherType() {
    // Given
    var article = enriched(deportationReuters(),
        List.of(
            entity("Washington", EntityType.LOCATION, 1, 10),
            entity("George Washington", EntityType.PERSON, 1, 50)),
        List.of());

    // When
    List<StoryEntity> merged = EntityMerger.merge(List.of(article));

    // Then
    assertThat(merged)
        .containsExactly(
            storyEntity("Washington", EntityType.LOCATION, 1, 1),
            storyEntity("George Washington", EntityType.PERSON, 1, 1));
  }

  @Test
  void shouldMergeMiddleInitialsCountryShortFormsAndANationalityInFrontOfAName() {
    // Given
    var first = enriched(deportationReuters(),
        List.of(
            entity("Donald Trump", EntityType.PERSON, 3, 0),
            entity("U.S.", EntityType.LOCATION, 2, 40),
            entity("Venezuelan Tren de Aragua", EntityType.ORGANIZATION, 1, 80),
            entity("British Airways", EntityType.ORGANIZATION, 1, 120)),
        List.of());
    var second = enriched(deportationAp(),
        List.of(
            entity("Donald J. Trump", EntityType.PERSON, 1, 0),
            entity("United States", EntityType.LOCATION, 1, 30),
            entity("Tren de Aragua", EntityType.ORGANIZATION, 2, 60),
            entity("U. S. Army", EntityType.ORGANIZATION, 1, 90)),
        List.of());

    // When
    List<StoryEntity> merged = EntityMerger.merge(List.of(first, second));

    // Then
    assertThat(merged)
        .containsExactly(
            storyEntity("Donald Trump", EntityType.PERSON, 2, 4),
            storyEntity("United States", EntityType.LOCATION, 2, 3),
            storyEntity("Tren de Aragua", EntityType.ORGANIZATION, 2, 3),
            storyEntity("U. S. Army", EntityType.ORGANIZATION, 1, 1),
            storyEntity("British Airways", EntityType.ORGANIZATION, 1, 1));
  }

  @Test
  void shouldGiveFromATallyKeptArticleByArticleWhatMergingAllAtOnceGives() {
    // Given three articles whose names merge (suffix, acronym, nationality) only once all are in
    var first = enriched(deportationReuters(),
        List.of(
            entity("Trump", EntityType.PERSON, 3, 10),
            entity("FBI", EntityType.ORGANIZATION, 1, 500),
            entity("Venezuelan Tren de Aragua", EntityType.ORGANIZATION, 1, 80)),
        List.of());
    var second = enriched(deportationAp(),
        List.of(
            entity("Donald J. Trump", EntityType.PERSON, 1, 0),
            entity("Tren de Aragua", EntityType.ORGANIZATION, 2, 60)),
        List.of());
    var third = enriched(ArticleFixtures.ratesBbc(),
        List.of(
            entity("Federal Bureau of Investigation", EntityType.ORGANIZATION, 1, 400),
            entity("Donald Trump", EntityType.PERSON, 2, 5)),
        List.of());
    List<EnrichedArticle> articles = List.of(first, second, third);
    EntityMerger.Tally tally = new EntityMerger.Tally();

    for (int i = 0; i < articles.size(); i++) {
      // When one more article is counted, and the merged entities are read twice
      tally.add(EntityMerger.keyed(articles.get(i)));
      List<StoryEntity> merged = tally.merged();

      // Then they are those of merging the articles so far at once, and reading changes nothing
      assertThat(merged).isEqualTo(EntityMerger.merge(articles.subList(0, i + 1)));
      assertThat(tally.merged()).isEqualTo(merged);
    }
    assertThat(tally.merged())
        .containsExactly(
            storyEntity("Donald Trump", EntityType.PERSON, 3, 6),
            storyEntity("Tren de Aragua", EntityType.ORGANIZATION, 2, 3),
            storyEntity("Federal Bureau of Investigation", EntityType.ORGANIZATION, 2, 2));
  }

  private static StoryEntity storyEntity(String name, EntityType type, int articles, int mentions) {
    return StoryEntity.newBuilder()
        .setName(name)
        .setType(type)
        .setArticleCount(articles)
        .setMentionCount(mentions)
        .build();
  }
}
