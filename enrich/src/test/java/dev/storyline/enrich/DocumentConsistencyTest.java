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

  @Test
  void shouldDropTheNameOfACompoundModifier() {
    // Given: the tokenizer splits "Ontario-based" at the hyphen and the tagger tags "Ontario"
    String text = "Ontario-based Magna grew. The Ontario plant closed.";
    List<RecognizedMention> tagged = List.of(
        new RecognizedMention("Ontario", 0, 7, EntityType.LOCATION),
        new RecognizedMention("Magna", 14, 19, EntityType.ORGANIZATION),
        new RecognizedMention("Ontario", 30, 37, EntityType.LOCATION));

    // When
    List<RecognizedMention> repaired = DocumentConsistency.apply(text, tagged);

    // Then: the place named in its own right stays
    assertThat(repaired).containsExactly(
        new RecognizedMention("Magna", 14, 19, EntityType.ORGANIZATION),
        new RecognizedMention("Ontario", 30, 37, EntityType.LOCATION));
  }

  @Test
  void shouldTrimDashesAtAMentionsEdges() {
    // Given: a byline
    String text = "Story.\n\n-- Jim Ballantyne , London Newsroom";
    List<RecognizedMention> tagged = List.of(new RecognizedMention("-- Jim Ballantyne", 8, 25, EntityType.PERSON));

    // When / Then
    assertThat(DocumentConsistency.apply(text, tagged))
        .containsExactly(new RecognizedMention("Jim Ballantyne", 11, 25, EntityType.PERSON));
  }

  @Test
  void shouldKeepARegnalNumberWithTheName() {
    // Given
    String text = "Henry VIII wed. Queen Elizabeth I was born. Then Smith I think left.";
    List<RecognizedMention> tagged = List.of(
        new RecognizedMention("Henry", 0, 5, EntityType.PERSON),
        new RecognizedMention("Elizabeth", 22, 31, EntityType.PERSON),
        new RecognizedMention("Smith", 49, 54, EntityType.PERSON));

    // When / Then: a bare "I" only after a monarch's title
    assertThat(DocumentConsistency.apply(text, tagged)).containsExactly(
        new RecognizedMention("Henry VIII", 0, 10, EntityType.PERSON),
        new RecognizedMention("Elizabeth I", 22, 33, EntityType.PERSON),
        new RecognizedMention("Smith", 49, 54, EntityType.PERSON));
  }
}
