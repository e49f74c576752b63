package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import java.util.List;
import org.junit.jupiter.api.Test;

class BasicEnricherTest {

  private final BasicEnricher enricher =
      new BasicEnricher(FingerprintSettings.DEFAULTS, ArticleFixtures.CLOCK);

  @Test
  void shouldEnrichWithDeclaredLanguageTokenCountFingerprintsVersionAndClockTime() {
    // Given
    Article article =
        ArticleFixtures.article(
            "a-1", "Reuters", "Rates  held", ArticleFixtures.INGESTED_AT, "Bank keeps\nrates at 4.5%.");

    // When
    EnrichedArticle enriched = enricher.enrich(article);

    // Then
    Fingerprinter fingerprinter = new Fingerprinter(FingerprintSettings.DEFAULTS);
    assertThat(enriched)
        .isEqualTo(
            EnrichedArticle.newBuilder()
                .setArticle(article)
                .setLanguage("eng")
                .setEntities(List.of())
                .setFigures(List.of())
                .setFingerprints(fingerprinter.fingerprint("Rates  held", "Bank keeps\nrates at 4.5%."))
                .setTokenCount(7)
                .setEnricherVersion(enricher.version())
                .setEnrichedAt(ArticleFixtures.NOW)
                .build());
    assertThat(enricher.version())
        .isEqualTo(
            StorylineVersion.projectVersion()
                + "+"
                + StorylineVersion.settingsHash("basic-enricher;" + fingerprinter.scheme()));
  }

  @Test
  void shouldMarkLanguageUndeterminedWhenNoneIsDeclared() {
    // Given
    Article article = ArticleFixtures.ratesBbc();
    article.setLanguage(null);

    // When
    EnrichedArticle enriched = enricher.enrich(article);

    // Then
    assertThat(enriched.getLanguage()).isEqualTo("und");
  }

  @Test
  void shouldNormaliseDeclaredLanguagesToIso6393() {
    assertThat(BasicEnricher.iso639_3("en")).isEqualTo("eng");
    assertThat(BasicEnricher.iso639_3("EN-gb")).isEqualTo("eng");
    assertThat(BasicEnricher.iso639_3("de")).isEqualTo("deu");
    assertThat(BasicEnricher.iso639_3("fra")).isEqualTo("fra");
    assertThat(BasicEnricher.iso639_3("english")).isEqualTo("und");
    assertThat(BasicEnricher.iso639_3("  ")).isEqualTo("und");
  }

  @Test
  void shouldCountWhitespaceSeparatedTokens() {
    assertThat(BasicEnricher.whitespaceTokens("  one two\tthree\n\nfour ")).isEqualTo(4);
    assertThat(BasicEnricher.whitespaceTokens("   ")).isZero();
  }
}
