package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.storyline.avro.Entity;
import dev.storyline.avro.EntityType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AcronymDefinitionsTest {

  @Test
  void shouldNameARecognisedLongFormByTheAcronymItDefinesAndFindTheBareAcronym() {
    // Given
    String text = "They went to the Counter-Terrorism Prison Center (CECOT) in El Salvador. "
        + "Noem toured the CECOT on Wednesday.";
    int at = text.indexOf("Counter");
    List<RecognizedMention> tagged = List.of(
        new RecognizedMention("Counter-Terrorism Prison Center", at, at + 31, EntityType.ORGANIZATION),
        new RecognizedMention("El Salvador", text.indexOf("El Salvador"), text.indexOf("El Salvador") + 11,
            EntityType.LOCATION));

    // When
    AcronymDefinitions.Found found = AcronymDefinitions.find(text, tagged);
    List<Entity> entities = EntityCanonicalizer.canonicalize(
        DocumentConsistency.apply(text, found.mentions()), found.aliases());

    // Then
    assertThat(found.aliases()).isEqualTo(Map.of("Counter-Terrorism Prison Center", "CECOT"));
    assertThat(entities)
        .extracting(Entity::getName, Entity::getType, Entity::getMentionCount)
        .containsExactly(
            tuple("CECOT", EntityType.ORGANIZATION, 3),
            tuple("El Salvador", EntityType.LOCATION, 1));
  }

  @Test
  void shouldTakeACapitalisedRunTheTaggerMissedAsAnOrganisation() {
    // Given
    String text = "held in El Salvador's Terrorism Confinement Center (CECOT), a prison.";

    // When
    AcronymDefinitions.Found found = AcronymDefinitions.find(text, List.of());

    // Then
    assertThat(found.mentions())
        .containsExactly(
            new RecognizedMention("Terrorism Confinement Center", 22, 50, EntityType.ORGANIZATION),
            new RecognizedMention("CECOT", 52, 57, EntityType.ORGANIZATION));
    assertThat(found.aliases()).isEqualTo(Map.of("Terrorism Confinement Center", "CECOT"));
  }

  @Test
  void shouldReadAnAcronymWithSpacesInsideItsParentheses() {
    // Given: pre-tokenised text (CoNLL) writes "( BSE )"
    String text = "shares on the Budapest Stock Exchange ( BSE ) rose";
    int at = text.indexOf("Budapest");
    List<RecognizedMention> tagged =
        List.of(new RecognizedMention("Budapest Stock Exchange", at, at + 23, EntityType.ORGANIZATION));

    // When
    AcronymDefinitions.Found found = AcronymDefinitions.find(text, tagged);

    // Then
    assertThat(found.mentions()).containsExactly(
        new RecognizedMention("Budapest Stock Exchange", 14, 37, EntityType.ORGANIZATION),
        new RecognizedMention("BSE", 40, 43, EntityType.ORGANIZATION));
  }

  @Test
  void shouldIgnorePeopleSingleWordsAndNonAcronyms() {
    // Given
    String text = "Senator Jane Roe (D) spoke; Acme (AC) and the Party of Labour (pl) too; WASHINGTON (AP)";
    int roe = text.indexOf("Jane Roe");
    List<RecognizedMention> tagged =
        List.of(new RecognizedMention("Jane Roe", roe, roe + 8, EntityType.PERSON));

    // When
    AcronymDefinitions.Found found = AcronymDefinitions.find(text, tagged);

    // Then
    assertThat(found.mentions()).containsExactlyElementsOf(tagged);
    assertThat(found.aliases()).isEmpty();
  }
}
