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
  void shouldReadPercentOfANumberThatEndsTheClauseAtItsStart() {
    // When
    List<Figure> label = extract("Per cent of twenty-two.");
    List<Figure> answer = extract("Turnout? Percent of 60, officials said.");
    List<Figure> quoted = extract("\"Per cent of 210\" was the answer.");

    // Then
    assertThat(label).extracting(Figure::getKind, Figure::getValue, Figure::getText)
        .containsExactly(tuple(FigureKind.PERCENT, 22.0, "Per cent of twenty-two"));
    assertThat(answer).extracting(Figure::getKind, Figure::getValue, Figure::getText)
        .containsExactly(tuple(FigureKind.PERCENT, 60.0, "Percent of 60"));
    assertThat(quoted).extracting(Figure::getKind, Figure::getValue, Figure::getText)
        .containsExactly(tuple(FigureKind.PERCENT, 210.0, "Per cent of 210"));
  }

  @Test
  void shouldNotReadPercentOfANumberAsAPercentageInsideAClauseOrBeforeANoun() {
    // When
    List<Figure> tiny = extract("Only a tiny percent of 1,000 voters turned out.");
    List<Figure> tinyEnd = extract("It was a tiny percent of 1,000.");
    List<Figure> share = extract("They won 5 percent of 200 seats.");
    List<Figure> counted = extract("Percent of 300 respondents said yes.");
    List<Figure> ages = extract("Percent of 18-29 year olds: 41%.");
    List<Figure> slash = extract("Percent of 24/7 workers.");
    List<Figure> year = extract("Percent of 2020.");

    // Then: the number after "of" is never the percentage
    assertThat(tiny).extracting(Figure::getKind, Figure::getQualifier, Figure::getValue, Figure::getText)
        .containsExactly(
            tuple(FigureKind.PERCENT, FigureQualifier.VAGUE, null, "a tiny percent"),
            tuple(FigureKind.COUNT, FigureQualifier.EXACT, 1000.0, "1,000 voters"));
    assertThat(tinyEnd).extracting(Figure::getKind, Figure::getValue)
        .containsExactly(tuple(FigureKind.PERCENT, null), tuple(FigureKind.OTHER, 1000.0));
    assertThat(share).extracting(Figure::getKind, Figure::getValue)
        .contains(tuple(FigureKind.PERCENT, 5.0)).doesNotContain(tuple(FigureKind.PERCENT, 200.0));
    assertThat(counted).extracting(Figure::getKind).doesNotContain(FigureKind.PERCENT);
    assertThat(ages).extracting(Figure::getKind, Figure::getValue)
        .doesNotContain(tuple(FigureKind.PERCENT, 18.0)).contains(tuple(FigureKind.PERCENT, 41.0));
    assertThat(slash).extracting(Figure::getKind).doesNotContain(FigureKind.PERCENT);
    assertThat(year).extracting(Figure::getKind, Figure::getValue).containsExactly(tuple(FigureKind.YEAR, 2020.0));
  }

  @Test
  void shouldReadAPercentageStatedBySizeAsAVaguePercentWithoutAValue() {
    // When
    List<Figure> small = extract("Only a small percent attain the top ranks.");
    List<Figure> large = extract("A very large percentage of voters stayed home.");
    List<Figure> british = extract("It is a significant per cent of the total.");

    // Then
    assertThat(small).extracting(Figure::getKind, Figure::getQualifier, Figure::getValue, Figure::getText,
            Figure::getStart, Figure::getEnd)
        .containsExactly(tuple(FigureKind.PERCENT, FigureQualifier.VAGUE, null, "a small percent", 5, 20));
    assertThat(large).extracting(Figure::getKind, Figure::getQualifier, Figure::getValue, Figure::getText)
        .containsExactly(tuple(FigureKind.PERCENT, FigureQualifier.VAGUE, null, "A very large percentage"));
    assertThat(british).extracting(Figure::getKind, Figure::getQualifier, Figure::getValue, Figure::getText)
        .containsExactly(tuple(FigureKind.PERCENT, FigureQualifier.VAGUE, null, "a significant per cent"));
  }

  @Test
  void shouldNotReadAPercentageWithoutASizeOrAShareAsAFigure() {
    // When: the concept, a reference to a quantity, no size, a change in points, a number
    List<Figure> concept = extract("How do I calculate a percentage?");
    List<Figure> sign = extract("The table shows the % of increase.");
    List<Figure> reference = extract("The percentage of voters fell, the largest percentage drop yet.");
    List<Figure> enough = extract("A sufficient percentage of Americans have been vaccinated.");
    List<Figure> points = extract("It rose by a small percentage point.");
    List<Figure> number = extract("It was a small 2 percent rise.");

    // Then
    assertThat(concept).isEmpty();
    assertThat(sign).isEmpty();
    assertThat(reference).isEmpty();
    assertThat(enough).isEmpty();
    assertThat(points).isEmpty();
    assertThat(number).extracting(Figure::getKind, Figure::getQualifier, Figure::getValue)
        .containsExactly(tuple(FigureKind.PERCENT, FigureQualifier.EXACT, 2.0));
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

  /** Kind, value, upper value, unit and raw text of every figure, in text order. */
  private static List<org.assertj.core.groups.Tuple> summary(List<Figure> figures) {
    return figures.stream()
        .map(f -> tuple(f.getKind(), f.getQualifier(), f.getValue(), f.getUpperValue(), f.getUnit(), f.getText()))
        .toList();
  }

  @Test
  void shouldAddFractionsJoinedByAndWithTheScaleTheyBelongTo() {
    // When
    List<Figure> figures = extract("It rose five and a half million, one billion and a half million, "
        + "two million and one half, one hundred and three quarters and two hundred thirty two and a thirtieth.");

    // Then
    assertThat(summary(figures)).containsExactly(
        tuple(FigureKind.OTHER, FigureQualifier.EXACT, 5_500_000.0, null, null, "five and a half million"),
        tuple(FigureKind.OTHER, FigureQualifier.EXACT, 1_000_500_000.0, null, null, "one billion and a half million"),
        tuple(FigureKind.OTHER, FigureQualifier.EXACT, 2_500_000.0, null, null, "two million and one half"),
        tuple(FigureKind.OTHER, FigureQualifier.EXACT, 100.75, null, null, "one hundred and three quarters"),
        tuple(FigureKind.OTHER, FigureQualifier.EXACT, 232 + 1 / 30.0, null, null,
            "two hundred thirty two and a thirtieth"));
  }

  @Test
  void shouldScaleFractionsAndReadCompoundDenominators() {
    // When
    List<Figure> figures = extract("two thirds of a million; half a million; three quarters billion; "
        + "a quarter million; half a dozen; one-eighth; three twenty-firsts; one hundred thirty fifths");

    // Then
    assertThat(figures).extracting(Figure::getValue, Figure::getText).containsExactly(
        tuple(2_000_000 / 3.0, "two thirds of a million"),
        tuple(500_000.0, "half a million"),
        tuple(750_000_000.0, "three quarters billion"),
        tuple(250_000.0, "a quarter million"),
        tuple(6.0, "half a dozen"),
        tuple(0.125, "one-eighth"),
        tuple(3 / 21.0, "three twenty-firsts"),
        tuple(100 / 35.0, "one hundred thirty fifths"));
  }

  @Test
  void shouldNotTakeOrdinalsOrQuartersOfAYearForFractions() {
    // When
    List<Figure> figures = extract("He sought a third term for a fifth straight day over the past two quarters.");

    // Then: "a third term" and "a fifth straight day" are ordinals, "two quarters" are periods
    assertThat(summary(figures)).containsExactly(
        tuple(FigureKind.COUNT, FigureQualifier.EXACT, 2.0, null, "quarters", "two quarters"));
  }

  @Test
  void shouldMultiplyDigitsByScaleWords() {
    // When: an upper-case scale letter is money's ("$10M"), not a name's ("3M Co")
    List<Figure> figures = extract("3 hundred and 21; 4 thousand 3 hundred and 21; 13 lakh; 6 crore; "
        + "three lakh crore; 10 bln; 2.33 k; 3 dozens; $10M; 2mil; 3 hundred and 2 hundred; 3M Co");

    // Then
    assertThat(figures).extracting(Figure::getValue, Figure::getText).containsExactly(
        tuple(321.0, "3 hundred and 21"),
        tuple(4321.0, "4 thousand 3 hundred and 21"),
        tuple(1_300_000.0, "13 lakh"),
        tuple(60_000_000.0, "6 crore"),
        tuple(3e12, "three lakh crore"),
        tuple(1e10, "10 bln"),
        tuple(2330.0, "2.33 k"),
        tuple(36.0, "3 dozens"),
        tuple(10_000_000.0, "$10M"),
        tuple(2_000_000.0, "2mil"),
        tuple(300.0, "3 hundred"),
        tuple(200.0, "2 hundred"));
  }

  @Test
  void shouldNotReadANumberHyphenatedToANameAsAFigure() {
    // When
    List<Figure> figures = extract("Tren de Aragua and MS-13 gang members, COVID-19 rules and F-35 jets;"
        + " in mid-2025 the 3-year plan began.");

    // Then the names' numbers are none (a lower-case word before the hyphen is no name)
    assertThat(figures).extracting(Figure::getValue).doesNotContain(13.0, 19.0, 35.0)
        .contains(2025.0, 3.0);
  }

  @Test
  void shouldReadDigitGroupingsFractionSignsAndPowers() {
    // When: thousands grouped by spaces (one a narrow no-break space) and the Indian way
    List<Figure> figures = extract("1 234 567; 40\u202F000; 12,34,567.89; 192.168.1.2; 180.25ml; 24/7; "
        + "½; 2½; 2 1/4; 1.3x10^6; 2.5^-1; -5");

    // Then: an address is four numbers, a number glued to a unit and "24/7" are none
    assertThat(figures).extracting(Figure::getValue, Figure::getText).containsExactly(
        tuple(1_234_567.0, "1 234 567"),
        tuple(40_000.0, "40\u202F000"),
        tuple(1_234_567.89, "12,34,567.89"),
        tuple(192.0, "192"), tuple(168.0, "168"), tuple(1.0, "1"), tuple(2.0, "2"),
        tuple(0.5, "½"),
        tuple(2.5, "2½"),
        tuple(2.25, "2 1/4"),
        tuple(1_300_000.0, "1.3x10^6"),
        tuple(0.4, "2.5^-1"),
        tuple(-5.0, "-5"));
  }

  @Test
  void shouldReadCurrencySymbolsCodesAndNamesOnEitherSide() {
    // When
    List<Figure> figures = extract("It cost ₹500, 100元, 115USD and 3 USD50 cards; losses of 30 MUSD, "
        + "revenue of MAUD 60, 75 USD million, dollar 22.5 million; the dollar rose 1.5 percent.");

    // Then
    assertThat(summary(figures)).containsExactly(
        tuple(FigureKind.MONEY, FigureQualifier.EXACT, 500.0, null, "INR", "₹500"),
        tuple(FigureKind.MONEY, FigureQualifier.EXACT, 100.0, null, "CNY", "100元"),
        tuple(FigureKind.MONEY, FigureQualifier.EXACT, 115.0, null, "USD", "115USD"),
        tuple(FigureKind.OTHER, FigureQualifier.EXACT, 3.0, null, null, "3"),
        tuple(FigureKind.MONEY, FigureQualifier.EXACT, 50.0, null, "USD", "USD50"),
        tuple(FigureKind.MONEY, FigureQualifier.EXACT, 30_000_000.0, null, "USD", "30 MUSD"),
        tuple(FigureKind.MONEY, FigureQualifier.EXACT, 60_000_000.0, null, "AUD", "MAUD 60"),
        tuple(FigureKind.MONEY, FigureQualifier.EXACT, 75_000_000.0, null, "USD", "75 USD million"),
        tuple(FigureKind.MONEY, FigureQualifier.EXACT, 22_500_000.0, null, "USD", "dollar 22.5 million"),
        tuple(FigureKind.PERCENT, FigureQualifier.EXACT, 1.5, null, null, "1.5 percent"));
  }

  @Test
  void shouldJoinDollarsAndCentsAndHyphenatedAmounts() {
    // When
    List<Figure> figures = extract("It cost 3 dollars 50 cents, thirteen dollars and forty-five cents, "
        + "and 15 dollars 50. A 12-cent dividend and a one-yen bid; 5 dollars and 20 people.");

    // Then: cents are written in the main unit, as ISO 4217 amounts are
    assertThat(summary(figures)).containsExactly(
        tuple(FigureKind.MONEY, FigureQualifier.EXACT, 3.5, null, "USD", "3 dollars 50 cents"),
        tuple(FigureKind.MONEY, FigureQualifier.EXACT, 13.45, null, "USD", "thirteen dollars and forty-five cents"),
        tuple(FigureKind.MONEY, FigureQualifier.EXACT, 15.5, null, "USD", "15 dollars 50"),
        tuple(FigureKind.MONEY, FigureQualifier.EXACT, 0.12, null, "USD", "12-cent"),
        tuple(FigureKind.MONEY, FigureQualifier.EXACT, 1.0, null, "JPY", "one-yen"),
        tuple(FigureKind.MONEY, FigureQualifier.EXACT, 5.0, null, "USD", "5 dollars"),
        tuple(FigureKind.COUNT, FigureQualifier.EXACT, 20.0, null, "people", "20 people"));
  }

  @Test
  void shouldReadSharesButNotCountsPerTime() {
    // When
    List<Figure> figures = extract("One in five Americans, two out of three voters and one over twenty. "
        + "He scored 3 in 24 hours and spent 2000 over 3 years.");

    // Then: "3 in 24 hours" is a count per time, "2000 over 3 years" no share
    assertThat(summary(figures)).containsExactly(
        tuple(FigureKind.OTHER, FigureQualifier.EXACT, 0.2, null, "Americans", "One in five Americans"),
        tuple(FigureKind.OTHER, FigureQualifier.EXACT, 2 / 3.0, null, "voters", "two out of three voters"),
        tuple(FigureKind.OTHER, FigureQualifier.EXACT, 0.05, null, null, "one over twenty"),
        tuple(FigureKind.OTHER, FigureQualifier.EXACT, 3.0, null, null, "3"),
        tuple(FigureKind.COUNT, FigureQualifier.EXACT, 24.0, null, "hours", "24 hours"),
        tuple(FigureKind.YEAR, FigureQualifier.EXACT, 2000.0, null, null, "2000"),
        tuple(FigureKind.OTHER, FigureQualifier.LOWER_BOUND, 3.0, null, null, "over 3"));
  }

  @Test
  void shouldReadBoundsWrittenAfterOrAroundTheNumberAndRanges() {
    // When
    List<Figure> figures = extract("200 or more people; 5% or less; more than half; greater than or equal to 30; "
        + "from 200 to 3000000; 20 through 100; 10 to 15 million; call +1-222-2222-2222.");

    // Then: a phone number's dashes link no range
    assertThat(summary(figures)).containsExactly(
        tuple(FigureKind.COUNT, FigureQualifier.LOWER_BOUND, 200.0, null, "people", "200 or more people"),
        tuple(FigureKind.PERCENT, FigureQualifier.UPPER_BOUND, 5.0, null, null, "5% or less"),
        tuple(FigureKind.OTHER, FigureQualifier.LOWER_BOUND, 0.5, null, null, "more than half"),
        tuple(FigureKind.OTHER, FigureQualifier.LOWER_BOUND, 30.0, null, null, "greater than or equal to 30"),
        tuple(FigureKind.OTHER, FigureQualifier.RANGE, 200.0, 3_000_000.0, null, "200 to 3000000"),
        tuple(FigureKind.OTHER, FigureQualifier.RANGE, 20.0, 100.0, null, "20 through 100"),
        tuple(FigureKind.OTHER, FigureQualifier.RANGE, 10_000_000.0, 15_000_000.0, null, "10 to 15 million"),
        tuple(FigureKind.OTHER, FigureQualifier.EXACT, 1.0, null, null, "1"),
        tuple(FigureKind.OTHER, FigureQualifier.EXACT, 222.0, null, null, "222"),
        tuple(FigureKind.OTHER, FigureQualifier.EXACT, 2222.0, null, null, "2222"),
        tuple(FigureKind.OTHER, FigureQualifier.EXACT, 2222.0, null, null, "2222"));
  }

  @Test
  void shouldSkipUrlsAndThePronounOneAndStopTheCountedThingAtTheSentenceEnd() {
    // When
    List<Figure> figures = extract("See https://example.com/a?q=30%25&n=2020 now. The one you mentioned left. "
        + "No one knows. He said that one official resigned. It took two months. Unemployment claims rose.");

    // Then
    assertThat(summary(figures)).containsExactly(
        tuple(FigureKind.COUNT, FigureQualifier.EXACT, 1.0, null, "official", "one official"),
        tuple(FigureKind.COUNT, FigureQualifier.EXACT, 2.0, null, "months", "two months"));
  }

  @Test
  void shouldReadSpelledDecimalsAndSpacedCompounds() {
    // When
    List<Figure> figures = extract("nought point nought three plus two hundred point zero three; fifty - two; "
        + "one - fourth; five - eighths");

    // Then
    assertThat(figures).extracting(Figure::getValue, Figure::getText).containsExactly(
        tuple(0.03, "nought point nought three"),
        tuple(200.03, "two hundred point zero three"),
        tuple(52.0, "fifty - two"),
        tuple(0.25, "one - fourth"),
        tuple(0.625, "five - eighths"));
  }
}
