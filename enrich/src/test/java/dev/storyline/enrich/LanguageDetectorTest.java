package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LanguageDetectorTest {

  private static final String ENGLISH = "President Nayib Bukele said on Monday that his country would not return"
      + " the man to the United States, although the Supreme Court has asked the government to facilitate"
      + " his return, and the White House said it was not going to ask for it.";

  private static final String SPANISH = "El presidente de El Salvador, Nayib Bukele, dijo el lunes que su país no"
      + " devolverá a Kilmar Abrego García a los Estados Unidos, a pesar de la orden de la Corte Suprema que"
      + " pide facilitar su regreso.";

  private static final String DANISH = "Præsidenten for El Salvador sagde mandag, at hans land ikke vil sende"
      + " manden tilbage til USA, selv om højesteret har bedt regeringen om at lette hans tilbagevenden, og"
      + " det er her for alle.";

  @Test
  void shouldAnswerAPlainlyEnglishSampleWithoutTheModelAndAsTheModelDoes() {
    // Given
    LanguageDetector detector = LanguageDetector.create();

    // When / Then
    assertThat(LanguageDetector.plainlyEnglish(ENGLISH)).isTrue();
    assertThat(detector.detect(ENGLISH, null)).isEqualTo("eng");
  }

  @Test
  void shouldLeaveOtherLanguagesAndHeadlinesToTheModel() {
    // Given: Danish shares "for" and "her" with the English markers; a headline has too few words
    String headline = "Carl Icahn slams eBay CEO over the board and the split";

    // When / Then
    assertThat(LanguageDetector.plainlyEnglish(SPANISH)).isFalse();
    assertThat(LanguageDetector.plainlyEnglish(DANISH)).isFalse();
    assertThat(LanguageDetector.plainlyEnglish(headline)).isFalse();
    assertThat(LanguageDetector.create().detect(SPANISH, null)).isEqualTo("spa");
  }
}
