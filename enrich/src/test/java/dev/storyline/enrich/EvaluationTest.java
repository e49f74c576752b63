package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.EntityType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationTest {

  private static final List<String> CONLL = List.of(
      "-DOCSTART- -X- -X- O",
      "",
      "Bukele NNP B-NP I-PER",
      "met VBD B-VP O",
      "Donald NNP B-NP I-PER",
      "Trump NNP I-NP I-PER",
      "in IN B-PP O",
      "El NNP B-NP I-LOC",
      "Salvador NNP I-NP I-LOC",
      ". . O O",
      "",
      "-DOCSTART- -X- -X- O",
      "",
      "Reuters NNP B-NP I-ORG",
      "reported VBD B-VP O",
      "German JJ B-NP I-MISC",
      "figures NNS I-NP O");

  @Test
  void shouldScoreExactSpansPerTypeAsConllevalDoes() {
    // Given: a tagger that finds "Bukele" and "Donald Trump" right, "El" alone, and "Reuters" as a place
    List<EntityEvaluation.Document> documents = EntityEvaluation.parse(CONLL);
    Map<String, List<RecognizedMention>> tagging = Map.of(
        "Bukele met Donald Trump in El Salvador .", List.of(
            new RecognizedMention("Bukele", 0, 6, EntityType.PERSON),
            new RecognizedMention("Donald Trump", 11, 23, EntityType.PERSON),
            new RecognizedMention("El", 27, 29, EntityType.LOCATION)),
        "Reuters reported German figures", List.of(
            new RecognizedMention("Reuters", 0, 7, EntityType.LOCATION)));

    // When
    EntityEvaluation.Result result = EntityEvaluation.evaluate(documents, tagging::get);

    // Then
    assertThat(result.documents()).isEqualTo(2);
    assertThat(result.tokens()).isEqualTo(12);
    assertThat(result.perType()).containsExactly(
        Map.entry("PER", new EntityEvaluation.Counts(2, 2, 2)),
        Map.entry("ORG", new EntityEvaluation.Counts(1, 0, 0)),
        Map.entry("LOC", new EntityEvaluation.Counts(1, 2, 0)),
        Map.entry("MISC", new EntityEvaluation.Counts(1, 0, 0)));
    assertThat(result.overall()).isEqualTo(new EntityEvaluation.Counts(4, 4, 2));
    assertThat(result.overall().f1()).isEqualTo(0.5);
  }

  @Test
  void shouldPassFigureCasesOnlyWithTheRightValueAndKind() {
    // Given
    FigureEvaluation evaluation = new FigureEvaluation();

    // Then
    assertThat(evaluation.passes(new FigureEvaluation.Case("twenty percent",
        List.of(new FigureEvaluation.Expected("percentage", "20%", 0, 13))))).isTrue();
    assertThat(evaluation.passes(new FigureEvaluation.Case("national paid $94,000 to drop claims",
        List.of(new FigureEvaluation.Expected("currency", "94000", 14, 20))))).isTrue();
    assertThat(evaluation.passes(new FigureEvaluation.Case("it scored between 20 and 30",
        List.of(new FigureEvaluation.Expected("numberrange", "[20,30)", 10, 26))))).isTrue();
    assertThat(evaluation.passes(new FigureEvaluation.Case("one hundred and twelve",
        List.of(new FigureEvaluation.Expected("number", "113", 0, 21))))).isFalse();
    assertThat(evaluation.passes(new FigureEvaluation.Case("the 180ml liquid", List.of()))).isTrue();
    assertThat(evaluation.passes(new FigureEvaluation.Case("the 180 liquids", List.of()))).isFalse();
  }

  @Test
  void shouldReadAnEmptyResultAsNoFigureOfTheFilesModelAndCentsInTheMainUnit() {
    // Given
    FigureEvaluation evaluation = new FigureEvaluation();
    FigureEvaluation.Case noCurrency = new FigureEvaluation.Case("All 70 of us.", List.of(), "currency");
    FigureEvaluation.Case cents = new FigureEvaluation.Case("onvia fell 34 cents",
        List.of(new FigureEvaluation.Expected("currency", "34", 11, 18, "Cent")), "currency");

    // Then: 70 is a number, not a currency; 34 cents are 0.34 USD
    assertThat(evaluation.passes(noCurrency)).isTrue();
    assertThat(evaluation.passes(new FigureEvaluation.Case("All 70 of us.", List.of()))).isFalse();
    assertThat(evaluation.passes(new FigureEvaluation.Case("It cost $70.", List.of(), "currency"))).isFalse();
    assertThat(evaluation.passes(cents)).isTrue();
    assertThat(evaluation.passes(new FigureEvaluation.Case("onvia fell 34 cents",
        List.of(new FigureEvaluation.Expected("currency", "34", 11, 18)), "currency"))).isFalse();
  }

  @Test
  void shouldMatchAResultWithoutAValueOnlyWithAFigureOfItsKindWithoutOne() {
    // Given
    FigureEvaluation evaluation = new FigureEvaluation();

    // Then: "a small percent" is a vague percentage; a concept, a valued percentage or a vague
    // count of dollars is not what the spec asks for
    assertThat(evaluation.passes(new FigureEvaluation.Case("Only a small percent attain the top ranks",
        List.of(new FigureEvaluation.Expected("percentage", "null", 13, 19)), "percentage"))).isTrue();
    assertThat(evaluation.passes(new FigureEvaluation.Case("How do I calculate a percentage?",
        List.of(new FigureEvaluation.Expected("percentage", "null", 21, 30)), "percentage"))).isFalse();
    assertThat(evaluation.passes(new FigureEvaluation.Case("It rose 5 percent",
        List.of(new FigureEvaluation.Expected("percentage", "null", 10, 16)), "percentage"))).isFalse();
    assertThat(evaluation.passes(new FigureEvaluation.Case("They paid hundreds of dollars",
        List.of(new FigureEvaluation.Expected("currency", "null", 22, 28)), "currency"))).isFalse();
    // and where the spec expects no percentage, a vague one is one too many
    assertThat(evaluation.passes(new FigureEvaluation.Case("Only a small percent attain the top ranks",
        List.of(), "percentage"))).isFalse();
    assertThat(evaluation.passes(new FigureEvaluation.Case("Hundreds attended.", List.of(), "number"))).isTrue();
  }
}
