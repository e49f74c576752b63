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

  @Test
  void shouldKeepASurnameThatIsAlsoATitleUnlessAnArticleComesBefore() {
    // Given
    String text = "The King spoke. Then King said so.";
    RecognizedMention title = new RecognizedMention("King", 4, 8, EntityType.PERSON);
    RecognizedMention surname = new RecognizedMention("King", 21, 25, EntityType.PERSON);

    // When
    List<RecognizedMention> titleOnly = DocumentConsistency.apply(text, List.of(title));
    List<RecognizedMention> surnameOnly = DocumentConsistency.apply(text, List.of(surname));

    // Then: the surname is a name, and spreads like any other
    assertThat(titleOnly).isEmpty();
    assertThat(surnameOnly).containsExactly(title, surname);
  }

  @Test
  void shouldTrimCommonWordsAtANamesEdgesAndDropANameWithOneInside() {
    // Given: the 4-class model's "Trump told Bukele" as one MISC, a trailing "province"
    String text = "Trump told Bukele in Jiangsu province. Bukele met Trump.";
    List<RecognizedMention> tagged = List.of(
        new RecognizedMention("Trump told Bukele", 0, 17, EntityType.MISC),
        new RecognizedMention("Jiangsu province", 21, 37, EntityType.LOCATION),
        new RecognizedMention("Bukele", 39, 45, EntityType.PERSON),
        new RecognizedMention("Trump", 50, 55, EntityType.PERSON));

    // When
    List<RecognizedMention> repaired = DocumentConsistency.apply(text, tagged);

    // Then: the two people are found again where the MISC was
    assertThat(repaired).containsExactly(
        new RecognizedMention("Trump", 0, 5, EntityType.PERSON),
        new RecognizedMention("Bukele", 11, 17, EntityType.PERSON),
        new RecognizedMention("Jiangsu", 21, 28, EntityType.LOCATION),
        new RecognizedMention("Bukele", 39, 45, EntityType.PERSON),
        new RecognizedMention("Trump", 50, 55, EntityType.PERSON));
  }

  @Test
  void shouldKeepNameParticlesAndNotSpreadATableCell() {
    // Given
    String text = "Aravinda de Silva scored. Revenue N / A , income N / A .";
    List<RecognizedMention> tagged = List.of(
        new RecognizedMention("Aravinda de Silva", 0, 17, EntityType.PERSON),
        new RecognizedMention("N / A", 34, 39, EntityType.ORGANIZATION));

    // When
    List<RecognizedMention> repaired = DocumentConsistency.apply(text, tagged);

    // Then
    assertThat(repaired).containsExactly(
        new RecognizedMention("Aravinda de Silva", 0, 17, EntityType.PERSON),
        new RecognizedMention("N / A", 34, 39, EntityType.ORGANIZATION));
  }
}
