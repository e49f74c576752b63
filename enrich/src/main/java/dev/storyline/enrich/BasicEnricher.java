package dev.storyline.enrich;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;

/**
 * The enricher without NLP: declared language (normalised to ISO 639-3) or {@code und},
 * whitespace token count, content hash and MinHash fingerprints; no entities or figures. The
 * service runs {@link NlpEnricher}; this one stays for tests that need enrichment without
 * loading the CoreNLP and language models.
 */
public final class BasicEnricher implements ArticleEnricher {

  /** Language code for "could not be told". */
  public static final String UNDETERMINED = "und";

  private final Fingerprinter fingerprinter;
  private final Clock clock;
  private final String version;

  public BasicEnricher(FingerprintSettings settings, Clock clock) {
    this.fingerprinter = new Fingerprinter(settings);
    this.clock = clock;
    this.version = StorylineVersion.stamp("basic-enricher;" + fingerprinter.scheme());
  }

  @Override
  public EnrichedArticle enrich(Article article) {
    return EnrichedArticle.newBuilder()
        .setArticle(article)
        .setLanguage(iso639_3(article.getLanguage()))
        .setEntities(List.of())
        .setFigures(List.of())
        .setFingerprints(fingerprinter.fingerprint(article.getTitle(), article.getBody()))
        .setTokenCount(whitespaceTokens(article.getTitle()) + whitespaceTokens(article.getBody()))
        .setEnricherVersion(version)
        .setEnrichedAt(clock.instant())
        .build();
  }

  /** The enricher version written into every record: project version + settings hash. */
  public String version() {
    return version;
  }

  /**
   * A declared language as ISO 639-3: two-letter codes are mapped ({@code en} becomes
   * {@code eng}), three-letter codes kept, region suffixes dropped ({@code en-GB}); absent or
   * unknown gives {@value #UNDETERMINED}.
   */
  static String iso639_3(String declared) {
    if (declared == null || declared.isBlank()) {
      return UNDETERMINED;
    }
    String language = declared.strip().toLowerCase(Locale.ROOT).split("[-_]")[0];
    if (language.matches("[a-z]{3}")) {
      return language;
    }
    if (!language.matches("[a-z]{2}")) {
      return UNDETERMINED;
    }
    try {
      String iso3 = Locale.forLanguageTag(language).getISO3Language();
      return iso3.isEmpty() ? UNDETERMINED : iso3;
    } catch (MissingResourceException e) {
      return UNDETERMINED;
    }
  }

  static int whitespaceTokens(String text) {
    String stripped = text.strip();
    return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
  }
}
