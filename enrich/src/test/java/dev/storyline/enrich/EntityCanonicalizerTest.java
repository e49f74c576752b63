package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.storyline.avro.Entity;
import dev.storyline.avro.EntityType;
import dev.storyline.avro.Mention;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityCanonicalizerTest {

  private static RecognizedMention m(String text, int start, EntityType type) {
    return new RecognizedMention(text, start, start + text.length(), type);
  }

  @Test
  void shouldResolveShortNamesToTheFullNameInTheArticle() {
    // Given
    List<RecognizedMention> mentions = List.of(
        m("Trump", 0, EntityType.PERSON),
        m("Donald Trump", 20, EntityType.PERSON),
        m("García", 50, EntityType.PERSON),
        m("Kilmar Abrego García", 70, EntityType.PERSON),
        m("Trump", 100, EntityType.ORGANIZATION));

    // When
    List<Entity> entities = EntityCanonicalizer.canonicalize(mentions);

    // Then
    assertThat(entities)
        .extracting(Entity::getName, Entity::getType, Entity::getMentionCount, Entity::getFirstPosition)
        .containsExactly(
            tuple("Donald Trump", EntityType.PERSON, 3, 0),
            tuple("Kilmar Abrego García", EntityType.PERSON, 2, 50));
    assertThat(entities.get(0).getMentions()).containsExactly(
        new Mention("Trump", 0, 5), new Mention("Donald Trump", 20, 32), new Mention("Trump", 100, 105));
  }

  @Test
  void shouldKeepAShortNameApartWhenTwoPeopleShareIt() {
    // Given
    List<RecognizedMention> mentions = List.of(
        m("Donald Trump", 0, EntityType.PERSON),
        m("Melania Trump", 20, EntityType.PERSON),
        m("Trump", 40, EntityType.PERSON));

    // When
    List<Entity> entities = EntityCanonicalizer.canonicalize(mentions);

    // Then
    assertThat(entities).extracting(Entity::getName)
        .containsExactly("Donald Trump", "Melania Trump", "Trump");
  }

  @Test
  void shouldNotFoldAFatherIntoHisSonJunior() {
    // Given
    List<RecognizedMention> mentions = List.of(
        m("Donald Trump", 0, EntityType.PERSON),
        m("Trump", 20, EntityType.PERSON),
        m("Donald Trump Jr.", 40, EntityType.PERSON),
        m("Trump Jr.", 60, EntityType.PERSON));

    // When
    List<Entity> entities = EntityCanonicalizer.canonicalize(mentions);

    // Then
    assertThat(entities)
        .extracting(Entity::getName, Entity::getMentionCount)
        .containsExactly(tuple("Donald Trump", 2), tuple("Donald Trump Jr.", 2));
  }

  @Test
  void shouldTypeByMajorityWithTiesGoingToOrganization() {
    // Given: "White House" 1x LOCATION, 2x ORGANIZATION; "Tren de Aragua" tied 1:1
    List<RecognizedMention> mentions = List.of(
        m("White House", 0, EntityType.LOCATION),
        m("Tren de Aragua", 20, EntityType.ORGANIZATION),
        m("White House", 40, EntityType.ORGANIZATION),
        m("Tren de Aragua", 60, EntityType.LOCATION),
        m("White House", 80, EntityType.ORGANIZATION));

    // When
    List<Entity> entities = EntityCanonicalizer.canonicalize(mentions);

    // Then
    assertThat(entities)
        .extracting(Entity::getName, Entity::getType, Entity::getMentionCount)
        .containsExactly(
            tuple("White House", EntityType.ORGANIZATION, 3),
            tuple("Tren de Aragua", EntityType.ORGANIZATION, 2));
  }

  @Test
  void shouldFoldPossessivesSentenceFinalPeriodsAndWashingtonDc() {
    // Given
    List<RecognizedMention> mentions = List.of(
        m("Washington DC", 0, EntityType.LOCATION),
        m("U.S.", 20, EntityType.LOCATION),
        m("U.S", 30, EntityType.LOCATION),
        m("Washington, D.C.", 40, EntityType.LOCATION),
        m("Bukele’s", 60, EntityType.PERSON));

    // When
    List<Entity> entities = EntityCanonicalizer.canonicalize(mentions);

    // Then
    assertThat(entities)
        .extracting(Entity::getName, Entity::getMentionCount)
        .containsExactly(tuple("Washington", 2), tuple("U.S.", 2), tuple("Bukele", 1));
  }
}
