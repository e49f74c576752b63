package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.EntityType;
import java.util.List;
import org.junit.jupiter.api.Test;

class DatelinesTest {

  private static RecognizedMention at(String text, String name, EntityType type) {
    int start = text.indexOf(name);
    return new RecognizedMention(name, start, start + name.length(), type);
  }

  @Test
  void shouldTypeTheDatelinesPlacesLocation() {
    // Given: three dateline styles, the tagger's reading of each place wrong
    String reuters1996 = "SOCCER - RESULTS .\n\nWIGAN , England 1996-08-31\n\nWigan beat Bradford.";
    String agency = "WASHINGTON (Reuters) - The Senate voted.";
    String dated = "Headline\n\nLONDON, Dec 2 (AP) — Prices rose.";

    // When
    List<RecognizedMention> a = Datelines.apply(reuters1996, List.of(
        at(reuters1996, "WIGAN", EntityType.ORGANIZATION), at(reuters1996, "England", EntityType.LOCATION)));
    List<RecognizedMention> b = Datelines.apply(agency, List.of(at(agency, "WASHINGTON", EntityType.PERSON)));
    List<RecognizedMention> c = Datelines.apply(dated, List.of(at(dated, "LONDON", EntityType.ORGANIZATION)));

    // Then
    assertThat(a).extracting(RecognizedMention::type).containsExactly(EntityType.LOCATION, EntityType.LOCATION);
    assertThat(b).extracting(RecognizedMention::type).containsExactly(EntityType.LOCATION);
    assertThat(c).extracting(RecognizedMention::type).containsExactly(EntityType.LOCATION);
  }

  @Test
  void shouldLeaveNamesOpeningOrdinaryLinesAlone() {
    // Given: a name opening a sentence, a headline naming a team, a name before a date in prose
    String text = "Intro.\n\nApple 2024-01-02 figures were out.\n\nMicrosoft said on 2024-01-02 it grew.\n\nWIGAN BEAT BRADFORD";
    List<RecognizedMention> tagged = List.of(
        at(text, "Microsoft", EntityType.ORGANIZATION), at(text, "WIGAN", EntityType.ORGANIZATION));

    // When / Then
    assertThat(Datelines.apply(text, tagged)).isEqualTo(tagged);
  }
}
