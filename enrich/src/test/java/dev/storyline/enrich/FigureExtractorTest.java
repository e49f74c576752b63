package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.storyline.avro.Figure;
import dev.storyline.avro.FigureKind;
import dev.storyline.avro.FigureQualifier;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class FigureExtractorTest {

  private static final LocalDate PUBLISHED = LocalDate.parse("2025-04-14"); // a Monday

  private final FigureExtractor extractor = new FigureExtractor();

  private List<Figure> extract(String text) {
    return extractor.extract(text, PUBLISHED);
  }

  @Test
  void shouldExtractCountsWithTheThingCounted() {
    // Given
    String text = "García was among 238 Venezuelans and 23 Salvadorans deported to Cecot. "
        + "It followed 22 U.S. deportation flights.";

    // When
    List<Figure> figures = extract(text);

    // Then
    assertThat(figures)
        .extracting(Figure::getKind, Figure::getQualifier, Figure::getValue, Figure::getUnit, Figure::getText)
        .containsExactly(
            tuple(FigureKind.COUNT, FigureQualifier.EXACT, 238.0, "Venezuelans", "238 Venezuelans"),
            tuple(FigureKind.COUNT, FigureQualifier.EXACT, 23.0, "Salvadorans", "23 Salvadorans"),
            tuple(FigureKind.COUNT, FigureQualifier.EXACT, 22.0, "deportation flights",
                "22 U.S. deportation flights"));
    assertThat(figures.get(0).getStart()).isEqualTo(17);
    assertThat(figures.get(0).getEnd()).isEqualTo(32);
    assertThat(figures.get(0).getSentence())
        .isEqualTo("García was among 238 Venezuelans and 23 Salvadorans deported to Cecot.");
    assertThat(figures.get(2).getSentence()).isEqualTo("It followed 22 U.S. deportation flights.");
  }

  @Test
  void shouldQualifyApproximateBoundedRangedAndVagueFigures() {
    // Given
    String text = "They deported around 250 alleged Tren de Aragua members, more than 200 migrants, "
        + "at least 12 children, up to 300 guards, 10 to 15 buses and hundreds of families.";

    // When
    List<Figure> figures = extract(text);

    // Then
    assertThat(figures)
        .extracting(Figure::getQualifier, Figure::getValue, Figure::getUpperValue, Figure::getUnit, Figure::getText)
        .containsExactly(
            tuple(FigureQualifier.APPROXIMATE, 250.0, null, "Tren de Aragua members",
                "around 250 alleged Tren de Aragua members"),
            tuple(FigureQualifier.LOWER_BOUND, 200.0, null, "migrants", "more than 200 migrants"),
            tuple(FigureQualifier.LOWER_BOUND, 12.0, null, "children", "at least 12 children"),
            tuple(FigureQualifier.UPPER_BOUND, 300.0, null, "guards", "up to 300 guards"),
            tuple(FigureQualifier.RANGE, 10.0, 15.0, "buses", "10 to 15 buses"),
            tuple(FigureQualifier.VAGUE, null, null, "families", "hundreds of families"));
  }

  @Test
  void shouldReadSpelledOutNumbersAndScales() {
    // Given
    String text = "Six judges objected. Some two dozen alleged gang members were named. "
        + "The deal was worth $6 million, or 1.5bn pesos, and a fee of $6m was paid; "
        + "the prison holds 40,000 inmates and one hundred and twenty three guards.";

    // When
    List<Figure> figures = extract(text);

    // Then
    assertThat(figures)
        .extracting(Figure::getKind, Figure::getQualifier, Figure::getValue, Figure::getUnit)
        .containsExactly(
            tuple(FigureKind.COUNT, FigureQualifier.EXACT, 6.0, "judges"),
            tuple(FigureKind.COUNT, FigureQualifier.APPROXIMATE, 24.0, "gang members"),
            tuple(FigureKind.MONEY, FigureQualifier.EXACT, 6_000_000.0, "USD"),
            tuple(FigureKind.MONEY, FigureQualifier.EXACT, 1_500_000_000.0, "MXN"),
            tuple(FigureKind.MONEY, FigureQualifier.EXACT, 6_000_000.0, "USD"),
            tuple(FigureKind.COUNT, FigureQualifier.EXACT, 40_000.0, "inmates"),
            tuple(FigureKind.COUNT, FigureQualifier.EXACT, 123.0, "guards"));
  }

  @Test
  void shouldReadNegativesFractionsAndCurrencyPhrases() {
    // Given
    String text = "It fell -5 percent, minus five percent, to two thirds, 2 1/4 and five and a half; "
        + "costs rose 34 cents, USD 200, 10 € and 420 million finnish markka.";

    // When
    List<Figure> figures = extract(text);

    // Then
    assertThat(figures)
        .extracting(Figure::getKind, Figure::getValue, Figure::getUnit)
        .containsExactly(
            tuple(FigureKind.PERCENT, -5.0, null),
            tuple(FigureKind.PERCENT, -5.0, null),
            tuple(FigureKind.OTHER, 2.0 / 3, null),
            tuple(FigureKind.OTHER, 2.25, null),
            tuple(FigureKind.OTHER, 5.5, null),
            tuple(FigureKind.MONEY, 0.34, "USD"),
            tuple(FigureKind.MONEY, 200.0, "USD"),
            tuple(FigureKind.MONEY, 10.0, "EUR"),
            tuple(FigureKind.MONEY, 420_000_000.0, "FIM"));
  }

  @Test
  void shouldTypeMoneyPercentAndYear() {
    // Given
    String text = "Rates stayed at 4.5% while prices rose 20 percent, costing €3.2 billion and "
        + "£40,000 and a $5 million grant, under the Alien Enemies Act of 1798.";

    // When
    List<Figure> figures = extract(text);

    // Then
    assertThat(figures)
        .extracting(Figure::getKind, Figure::getValue, Figure::getUnit, Figure::getText)
        .containsExactly(
            tuple(FigureKind.PERCENT, 4.5, null, "4.5%"),
            tuple(FigureKind.PERCENT, 20.0, null, "20 percent"),
            tuple(FigureKind.MONEY, 3_200_000_000.0, "EUR", "€3.2 billion"),
            tuple(FigureKind.MONEY, 40_000.0, "GBP", "£40,000"),
            tuple(FigureKind.MONEY, 5_000_000.0, "USD", "$5 million"),
            tuple(FigureKind.YEAR, 1798.0, null, "1798"));
  }

  @Test
  void shouldCountTheNounBeforeOfWhenNothingFollowsTheNumber() {
    // When
    List<Figure> figures = extract("The prison, with a capacity of 40,000, was built for gangs.");

    // Then
    assertThat(figures)
        .extracting(Figure::getKind, Figure::getValue, Figure::getUnit, Figure::getText)
        .containsExactly(tuple(FigureKind.COUNT, 40_000.0, "capacity", "40,000"));
  }

  @Test
  void shouldResolveDatesAgainstThePublicationDate() {
    // Given: published Monday 2025-04-14
    String text = "Trump told Bukele on Monday that flights began in March. The hearing on April 14 "
        + "follows one on 3 February 2024, a ruling last Friday and talks next Wednesday, "
        + "after a deal signed January 2025. Yesterday he spoke.";

    // When
    List<Figure> figures = extract(text);

    // Then
    assertThat(figures)
        .extracting(Figure::getKind, Figure::getDate, Figure::getText)
        .containsExactly(
            tuple(FigureKind.DATE, "2025-04-14", "Monday"),
            tuple(FigureKind.DATE, "2025-03", "March"),
            tuple(FigureKind.DATE, "2025-04-14", "April 14"),
            tuple(FigureKind.DATE, "2024-02-03", "3 February 2024"),
            tuple(FigureKind.DATE, "2025-04-11", "last Friday"),
            tuple(FigureKind.DATE, "2025-04-16", "next Wednesday"),
            tuple(FigureKind.DATE, "2025-01", "January 2025"),
            tuple(FigureKind.DATE, "2025-04-13", "Yesterday"));
  }

  @Test
  void shouldResolveRelativeMonthsToTheMonth() {
    // When: written on 28 March 2025
    List<Figure> figures = extractor.extract(
        "Trump plans to host Bukele next month. Prices rose last month and will fall this month.",
        LocalDate.parse("2025-03-28"));

    // Then
    assertThat(figures)
        .extracting(Figure::getKind, Figure::getDate, Figure::getText)
        .containsExactly(
            tuple(FigureKind.DATE, "2025-04", "next month"),
            tuple(FigureKind.DATE, "2025-02", "last month"),
            tuple(FigureKind.DATE, "2025-03", "this month"));
  }

  @Test
  void shouldPutAMonthDayWithoutYearInTheNearestYear() {
    // When: "December 30" read on 2 January
    List<Figure> figures = extractor.extract("The vote on December 30 was close.", LocalDate.parse("2026-01-02"));

    // Then
    assertThat(figures).extracting(Figure::getDate).containsExactly("2025-12-30");
  }

  @Test
  void shouldNotTakeThePronounOneOrTheVerbMayForFigures() {
    // When
    List<Figure> figures = extract("One of them may leave, said one official who spoke to one.");

    // Then: "one official" is a count; the pronoun "one" and the verb "may" are not figures
    assertThat(figures)
        .extracting(Figure::getKind, Figure::getValue, Figure::getUnit)
        .containsExactly(tuple(FigureKind.COUNT, 1.0, "official"));
  }
}
