package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextNormalizerTest {

  @Test
  void shouldSplitAsciiTextIntoTheWordsOfItsNormalisedForm() {
    // Given: every kind of ASCII separator, upper case, digits and runs of punctuation
    String text = "  Trump's   'DEAL'! U.S.-led\t2nd_round (x^2) ~50%, a@b.com\n";

    // When
    List<String> words = TextNormalizer.words(text);

    // Then: what splitting the normalised text gives (the path non-ASCII text takes)
    assertThat(words)
        .isEqualTo(List.of(TextNormalizer.normalise(text).split(" ")))
        .isEqualTo(List.of("trump", "s", "deal", "u", "s", "led", "2nd", "round", "x", "2", "50",
            "a", "b", "com"));
  }

  @Test
  void shouldFindNoWordsInPunctuation() {
    assertThat(TextNormalizer.words(" -- ... !? ")).isEmpty();
    assertThat(TextNormalizer.words("")).isEmpty();
  }

  @Test
  void shouldNormaliseNonAsciiTextBeforeSplitting() {
    assertThat(TextNormalizer.words("Café ﬁnal")).isEqualTo(List.of("café", "final"));
  }
}
