package dev.storyline.enrich;

import static dev.storyline.enrich.ArticleFixtures.deportationAp;
import static dev.storyline.enrich.ArticleFixtures.deportationReuters;
import static dev.storyline.enrich.ArticleFixtures.ratesBbc;
import static dev.storyline.enrich.ClusteringFixtures.count;
import static dev.storyline.enrich.ClusteringFixtures.enriched;
import static org.assertj.core.api.Assertions.assertThat;

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
  void shouldAllowForTheRoundingAWrittenValueImplies() {
    assertThat(FigureGrouper.roundingOf(238)).isEqualTo(0.5);
    assertThat(FigureGrouper.roundingOf(250)).isEqualTo(5.0);
    assertThat(FigureGrouper.roundingOf(200)).isEqualTo(50.0);
    assertThat(FigureGrouper.roundingOf(1.5)).isEqualTo(0.05, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(FigureGrouper.conflicting(List.of(
        report("a", "A", FigureQualifier.APPROXIMATE, 250, "about 250"),
        report("b", "B", FigureQualifier.EXACT, 238, "238")))).isFalse();
    assertThat(FigureGrouper.conflicting(List.of(
        report("a", "A", FigureQualifier.EXACT, 300, "300"),
        report("b", "B", FigureQualifier.EXACT, 238, "238")))).isTrue();
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
