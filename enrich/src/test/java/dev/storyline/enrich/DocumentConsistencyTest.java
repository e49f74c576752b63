package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.EntityType;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentConsistencyTest {

  @Test
  void shouldTagOtherOccurrencesOfARecognisedName() {
    // Given: the tagger found "Bukele" and "El Salvador" once each, and missed the rest
    String text = "Bukele runs El Salvador. Later Bukele said Salvador and El Salvador differ.";
    List<RecognizedMention> tagged = List.of(
        new RecognizedMention("Bukele", 0, 6, EntityType.PERSON),
        new RecognizedMention("El Salvador", 12, 23, EntityType.LOCATION));

    // When
    List<RecognizedMention> repaired = DocumentConsistency.apply(text, tagged);

    // Then: whole-word occurrences only, never inside a longer name
    assertThat(repaired).containsExactly(
        new RecognizedMention("Bukele", 0, 6, EntityType.PERSON),
        new RecognizedMention("El Salvador", 12, 23, EntityType.LOCATION),
        new RecognizedMention("Bukele", 31, 37, EntityType.PERSON),
        new RecognizedMention("El Salvador", 56, 67, EntityType.LOCATION));
  }

  @Test
  void shouldDropPronounsAndBareTitlesAndNotSpreadMonthNames() {
    // Given
    String text = "President He met May. In May, President May spoke.";
    List<RecognizedMention> tagged = List.of(
        new RecognizedMention("President", 0, 9, EntityType.PERSON),
        new RecognizedMention("He", 10, 12, EntityType.PERSON),
        new RecognizedMention("May", 17, 20, EntityType.PERSON));

    // When
    List<RecognizedMention> repaired = DocumentConsistency.apply(text, tagged);

    // Then
    assertThat(repaired).containsExactly(new RecognizedMention("May", 17, 20, EntityType.PERSON));
  }
}
