package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.EntityType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TeamContextTest {

  private static RecognizedMention at(String text, String name, int occurrence, EntityType type) {
    int start = -1;
    for (int i = 0; i <= occurrence; i++) {
      start = text.indexOf(name, start + 1);
    }
    return new RecognizedMention(name, start, start + name.length(), type);
  }

  @Test
  void shouldRetypeEveryMentionOfAPlaceThatBeatAnotherByAMargin() {
    // Given: the tagger read both counties as places, and the county again later
    String text = "Leicestershire beat Somerset by an innings and 39 runs.\n\nSomerset fans were quiet.";
    List<RecognizedMention> tagged = List.of(
        at(text, "Leicestershire", 0, EntityType.LOCATION),
        at(text, "Somerset", 0, EntityType.LOCATION),
        at(text, "Somerset", 1, EntityType.LOCATION));

    // When
    List<RecognizedMention> repaired = TeamContext.apply(text, tagged);

    // Then
    assertThat(repaired).extracting(RecognizedMention::type).containsOnly(EntityType.ORGANIZATION);
    assertThat(repaired).hasSize(3);
  }

  @Test
  void shouldKeepCountriesAsLocationsWhenTheyPlay() {
    // Given: national sides are the country (news usage and CoNLL's guideline)
    String text = "Canada beat Panama 3-1 in a World Cup qualifier.";
    List<RecognizedMention> tagged = List.of(
        at(text, "Canada", 0, EntityType.LOCATION), at(text, "Panama", 0, EntityType.LOCATION));

    // When / Then
    assertThat(TeamContext.apply(text, tagged)).isEqualTo(tagged);
  }

  @Test
  void shouldNotTurnPlayersIntoTeams() {
    // Given: a tennis result between people, one named in full elsewhere
    String text = "Andre Agassi won again.\n\nAgassi beat Sampras 6-3 6-4 in the final. Pete Sampras said little.";
    List<RecognizedMention> tagged = List.of(
        at(text, "Andre Agassi", 0, EntityType.PERSON),
        at(text, "Agassi", 1, EntityType.PERSON),
        at(text, "Sampras", 0, EntityType.PERSON),
        at(text, "Pete Sampras", 0, EntityType.PERSON));

    // When / Then: a surname of a longer person name stays a person
    assertThat(TeamContext.apply(text, tagged)).isEqualTo(tagged);
  }

  @Test
  void shouldTypeBothSidesOfAResultLineAndAddTheOnesTheTaggerMissed() {
    // Given: "Bath" read as the town, "Orrell" missed; "Rad ( B )" is a reserve side
    String text = "Results on Saturday :\n\nOrrell 13 Bath 56\n\nZemun 1 Rad ( B ) 0";
    List<RecognizedMention> tagged = List.of(at(text, "Bath", 0, EntityType.LOCATION));

    // When
    List<RecognizedMention> repaired = TeamContext.apply(text, tagged);

    // Then
    assertThat(repaired).containsExactly(
        at(text, "Orrell", 0, EntityType.ORGANIZATION),
        at(text, "Bath", 0, EntityType.ORGANIZATION),
        at(text, "Zemun", 0, EntityType.ORGANIZATION),
        at(text, "Rad", 0, EntityType.ORGANIZATION));
  }

  @Test
  void shouldTakeSquadRolesClubsAndStandingsAsEvidence() {
    // Given
    String text = "Florida manager John Boles was pleased.\n\nHe loaned him to serie A club Atalanta .\n\n"
        + "CALIFORNIA 62 72 .463 13 1/2\n\nFlorida won. Atalanta lost. California was sunny.";
    List<RecognizedMention> tagged = new ArrayList<>(List.of(
        at(text, "Florida", 0, EntityType.LOCATION),
        at(text, "John Boles", 0, EntityType.PERSON),
        at(text, "Atalanta", 0, EntityType.LOCATION),
        at(text, "CALIFORNIA", 0, EntityType.LOCATION),
        at(text, "Florida", 1, EntityType.LOCATION),
        at(text, "Atalanta", 1, EntityType.LOCATION),
        at(text, "California", 0, EntityType.LOCATION)));

    // When
    List<RecognizedMention> repaired = TeamContext.apply(text, tagged);

    // Then: every mention of the three teams, the person untouched
    assertThat(repaired).extracting(RecognizedMention::type).containsExactly(
        EntityType.ORGANIZATION, EntityType.PERSON, EntityType.ORGANIZATION, EntityType.ORGANIZATION,
        EntityType.ORGANIZATION, EntityType.ORGANIZATION, EntityType.ORGANIZATION);
  }

  @Test
  void shouldLeavePlacesAloneWithoutEvidence() {
    // Given: a place that beat nobody, a stock market named after a city, a venue
    String text = "In Seattle , rain fell. Tokyo stock prices recovered.\n\nKANSAS CITY AT DETROIT";
    List<RecognizedMention> tagged = List.of(
        at(text, "Seattle", 0, EntityType.LOCATION),
        at(text, "Tokyo", 0, EntityType.LOCATION),
        at(text, "KANSAS CITY", 0, EntityType.LOCATION),
        at(text, "DETROIT", 0, EntityType.LOCATION));

    // When / Then
    assertThat(TeamContext.apply(text, tagged)).isEqualTo(tagged);
  }

  @Test
  void shouldNotRetypeTheVenueOfAFixtureLine() {
    // Given: Detroit is a team in the result line, and the venue in the fixture line
    String text = "Detroit 4 Kansas City 0\n\nKANSAS CITY AT DETROIT";
    List<RecognizedMention> tagged = List.of(
        at(text, "Detroit", 0, EntityType.LOCATION),
        at(text, "Kansas City", 0, EntityType.LOCATION),
        at(text, "KANSAS CITY", 0, EntityType.LOCATION),
        at(text, "DETROIT", 0, EntityType.LOCATION));

    // When
    List<RecognizedMention> repaired = TeamContext.apply(text, tagged);

    // Then
    assertThat(repaired).extracting(RecognizedMention::type).containsExactly(
        EntityType.ORGANIZATION, EntityType.ORGANIZATION, EntityType.ORGANIZATION, EntityType.LOCATION);
  }
}
