package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TermVectorTest {

  @Test
  void shouldCountNormalisedWordsWithoutStopWordsOrSingleLetters() {
    // Given / When
    TermVector vector = TermVector.of("The judge's order: the JUDGE said a flight must return.");

    // Then
    assertThat(vector.counts())
        .isEqualTo(Map.of("judge", 2, "order", 1, "flight", 1, "must", 1, "return", 1));
  }

  @Test
  void shouldMeasureCosineSimilarity() {
    // Given
    TermVector ab = TermVector.of("alpha beta");
    TermVector bc = TermVector.of("beta gamma");

    // When / Then
    assertThat(ab.cosine(ab)).isEqualTo(1.0, within(1e-12));
    assertThat(ab.cosine(bc)).isEqualTo(0.5, within(1e-12));
    assertThat(ab.cosine(TermVector.of("delta"))).isEqualTo(0.0);
    assertThat(ab.cosine(TermVector.empty())).isEqualTo(0.0);
  }

  @Test
  void shouldAddAndSubtractVectors() {
    // Given
    TermVector ab = TermVector.of("alpha beta");
    TermVector bc = TermVector.of("beta gamma");

    // When
    TermVector sum = ab.plus(bc);
    TermVector back = sum.minus(bc);

    // Then
    assertThat(sum.counts()).isEqualTo(Map.of("alpha", 1, "beta", 2, "gamma", 1));
    assertThat(back).isEqualTo(ab);
    assertThat(ab.minus(ab).isEmpty()).isTrue();
  }

  @Test
  void shouldCountNonAsciiTextAsItsNormalisedWords() {
    // Given / When
    TermVector vector = TermVector.of("Café CAFÉ ﬁnal ﬁnal ß a 東京");

    // Then NFKC folds the ligature, case folds, single letters go
    assertThat(vector.counts()).isEqualTo(Map.of("café", 2, "final", 2, "東京", 1));
  }

  @Test
  void shouldKeepCountingWhenMoreWordsComeThanTheTableWasMadeFor() {
    // Given a table made for one word
    TermVector.Counter counter = new TermVector.Counter(1);

    // When
    for (int i = 0; i < 500; i++) {
      counter.add("w" + i, 1);
      counter.add("w" + (i / 2), 2);
    }
    TermVector vector = counter.vector();

    // Then
    assertThat(vector.size()).isEqualTo(500);
    assertThat(vector.count("w0")).isEqualTo(1 + 2 * 2);
    assertThat(vector.count("w499")).isEqualTo(1);
    assertThat(vector.count("w249")).isEqualTo(1 + 2 * 2);
    assertThat(vector.counts().values().stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(500 + 2 * 500);
  }
}
