package dev.storyline.enrich;

import static dev.storyline.enrich.ArticleFixtures.deportationAp;
import static dev.storyline.enrich.ArticleFixtures.deportationReuters;
import static dev.storyline.enrich.ArticleFixtures.ratesBbc;
import static dev.storyline.enrich.ClusteringFixtures.count;
import static dev.storyline.enrich.ClusteringFixtures.enriched;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.storyline.avro.FigureGroup;
import dev.storyline.avro.FigureKind;
import dev.storyline.avro.FigureQualifier;
import dev.storyline.avro.FigureReport;
import java.util.List;
import org.junit.jupiter.api.Test;

class FigureGrouperTest {

  @Test
  void shouldGroupCountsOfTheSameThingAndFlagValuesThatCannotAllBeTrue() {
    // Given
    var reuters = enriched(deportationReuters(), List.of(),
        List.of(count(238, FigureQualifier.EXACT, "Venezuelans", "238 Venezuelan migrants")));
    var ap = enriched(deportationAp(), List.of(),
        List.of(count(200, FigureQualifier.LOWER_BOUND, "Venezuelans", "More than 200 Venezuelans"),
            count(23, FigureQualifier.EXACT, "Salvadorans", "23 Salvadorans")));
    var bbc = enriched(ratesBbc(), List.of(),
        List.of(count(261, FigureQualifier.EXACT, "Venezuelan", "261 Venezuelan")));

    // When
    List<FigureGroup> agreeing = FigureGrouper.group(List.of(reuters, ap));
    List<FigureGroup> disagreeing = FigureGrouper.group(List.of(reuters, ap, bbc));

    // Then
    assertThat(agreeing)
        .containsExactly(
            FigureGroup.newBuilder()
                .setKind(FigureKind.COUNT)
                .setUnit("Venezuelans")
                .setLabel("Venezuelans")
                .setConflicting(false)
                .setReports(List.of(
                    report("a-reuters-1", "Reuters", FigureQualifier.EXACT, 238,
                        "238 Venezuelan migrants"),
                    report("a-ap-1", "AP", FigureQualifier.LOWER_BOUND, 200,
                        "More than 200 Venezuelans")))
                .build());
    assertThat(disagreeing).hasSize(1);
    assertThat(disagreeing.get(0).getConflicting()).isTrue();
    assertThat(disagreeing.get(0).getReports()).extracting(FigureReport::getArticleId)
        .containsExactly("a-reuters-1", "a-ap-1", "a-bbc-1");
  }

  @Test
  void shouldJoinFiguresAddedArticleByArticleAsWhenAllAreGroupedAtOnce() {
    // Given two counts too far apart to be one quantity, and a third that links both
    var reuters = enriched(deportationReuters(), List.of(),
        List.of(count(100, FigureQualifier.EXACT, "flights", "100 flights")));
    var ap = enriched(deportationAp(), List.of(),
        List.of(count(600, FigureQualifier.EXACT, "flights", "600 flights")));
    var bbc = enriched(ratesBbc(), List.of(),
        List.of(count(300, FigureQualifier.EXACT, "flights", "300 flights")));
    FigureGrouper.Tally tally = new FigureGrouper.Tally();

    // When each article is added and the groups are read after each
    tally.add(FigureGrouper.prepare(reuters));
    List<FigureGroup> afterOne = tally.grouped();
    tally.add(FigureGrouper.prepare(ap));
    List<FigureGroup> afterTwo = tally.grouped();
    tally.add(FigureGrouper.prepare(bbc));
    List<FigureGroup> afterThree = tally.grouped();

    // Then each reading is the grouping of the articles so far, and the third links all three
    assertThat(afterOne).isEmpty();
    assertThat(afterTwo).isEqualTo(FigureGrouper.group(List.of(reuters, ap))).isEmpty();
    assertThat(afterThree).isEqualTo(FigureGrouper.group(List.of(reuters, ap, bbc)))
        .isEqualTo(tally.grouped());
    assertThat(afterThree).hasSize(1);
    assertThat(afterThree.get(0).getReports()).extracting(FigureReport::getArticleId)
        .containsExactly("a-reuters-1", "a-ap-1", "a-bbc-1");
  }

  @Test
  void shouldAllowForTheRoundingAWrittenValueImplies() {
    assertThat(FigureGrouper.roundingOf(238)).isEqualTo(0.5);
    assertThat(FigureGrouper.roundingOf(250)).isEqualTo(5.0);
    assertThat(FigureGrouper.roundingOf(200)).isEqualTo(50.0);
    assertThat(FigureGrouper.roundingOf(1.5)).isEqualTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
    // "about 250" is what a writer rounding to tens writes: 245 to 255, not 238
    assertThat(FigureGrouper.conflicting(List.of(
        report("a", "A", FigureQualifier.APPROXIMATE, 250, "about 250"),
        report("b", "B", FigureQualifier.EXACT, 238, "238")))).isTrue();
    assertThat(FigureGrouper.conflicting(List.of(
        report("a", "A", FigureQualifier.APPROXIMATE, 240, "about 240"),
        report("b", "B", FigureQualifier.EXACT, 238, "238")))).isFalse();
    assertThat(FigureGrouper.conflicting(List.of(
        report("a", "A", FigureQualifier.APPROXIMATE, 1234, "about 1,234"),
        report("b", "B", FigureQualifier.EXACT, 1210, "1,210")))).isFalse();
    assertThat(FigureGrouper.conflicting(List.of(
        report("a", "A", FigureQualifier.EXACT, 300, "300"),
        report("b", "B", FigureQualifier.EXACT, 238, "238")))).isTrue();
  }

  @Test
  void shouldGroupCountsOfTheSamePeopleWordedDifferentlyAndKeepOtherCountsApart() {
    // Given four outlets' sentences, read by the real extractor
    var reuters = withFiguresOf(deportationReuters(), "And earlier this month Bukele accepted more"
        + " than 200 alleged members of the Venezuelan Tren de Aragua gang expelled from the US."
        + " Millions of people live there.");
    var ap = withFiguresOf(deportationAp(), "Since March, El Salvador has accepted over 200"
        + " Venezuelan immigrants from the U.S. García was among 238 Venezuelans and 23 Salvadorans"
        + " deported to Cecot. El Salvador has received 22 U.S. deportation flights carrying"
        + " Salvadoran migrants. Bukele's visit follows the deportation of an additional 10"
        + " individuals to El Salvador.");
    var bbc = withFiguresOf(ratesBbc(), "The Trump administration deported around 250 alleged"
        + " Tren de Aragua members to El Salvador. About 8 million Venezuelans have left their"
        + " country since 2014. The flight carried 17 individuals and 21 Salvadorans.");

    // When
    List<FigureGroup> groups = FigureGrouper.group(List.of(reuters, ap, bbc));

    // Then the Venezuelans deported are one group in conflict (238 against around 250)
    FigureGroup venezuelans = groups.get(0);
    assertThat(venezuelans.getLabel()).isEqualTo("Venezuelans");
    assertThat(venezuelans.getReports()).extracting(FigureReport::getText).containsExactly(
        "more than 200 alleged members", "over 200 Venezuelan immigrants", "238 Venezuelans",
        "around 250 alleged Tren de Aragua members");
    assertThat(venezuelans.getConflicting()).isTrue();
    // The Salvadorans are another group (23 and 21, both exact, conflict); the flights, the
    // increment, the millions who left and the vague "millions of people" are in none
    assertThat(groups).extracting(FigureGroup::getLabel, FigureGroup::getConflicting)
        .containsExactly(tuple("Venezuelans", true), tuple("Salvadorans", true));
  }

  private static dev.storyline.avro.EnrichedArticle withFiguresOf(
      dev.storyline.avro.Article article, String body) {
    return enriched(article, List.of(),
        new FigureExtractor().extract(body, java.time.LocalDate.parse("2025-04-14")));
  }

  private static FigureReport report(
      String articleId, String source, FigureQualifier qualifier, double value, String text) {
    return FigureReport.newBuilder()
        .setArticleId(articleId)
        .setSource(source)
        .setQualifier(qualifier)
        .setValue(value)
        .setUpperValue(null)
        .setDate(null)
        .setText(text)
        .setSentence(text + ".")
        .build();
  }
}
