package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.Entity;
import dev.storyline.avro.EntityType;
import dev.storyline.avro.Figure;
import dev.storyline.avro.FigureKind;
import dev.storyline.avro.FigureQualifier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The enricher with the real CoreNLP model on the project's seed articles. The only test class
 * that loads CoreNLP (a few seconds, once per test JVM through the JVM-wide pipeline), so every
 * test needing real tagging lives here.
 */
class NlpEnricherTest {

  private static final Path SEEDS = Path.of("..", "seeds");
  private static final Instant PUBLISHED = Instant.parse("2025-04-14T00:00:00Z");

  private static final NlpEnricher ENRICHER =
      NlpEnricher.create(FingerprintSettings.DEFAULTS, NlpSettings.DEFAULTS, ArticleFixtures.CLOCK);

  /** A seed as ingest reads it: date marker dropped, first line as title. Seed 003 has no marker; its URL says 2025-04-14. */
  private static Article seed(String file) throws IOException {
    String body = Files.readString(SEEDS.resolve(file)).replaceFirst("\\A\\s*date\\s+\\S+\\s+", "").strip();
    return article("seed-" + file.substring(0, 3), body.lines().findFirst().orElseThrow(), body);
  }

  private static Article article(String id, String title, String body) {
    return Article.newBuilder()
        .setId(id).setSource("seeds").setTitle(title).setPublished(PUBLISHED).setBody(body)
        .setIngestedAt(ArticleFixtures.INGESTED_AT).build();
  }

  private static List<Figure> figuresOf(EnrichedArticle enriched, FigureKind... kinds) {
    return enriched.getFigures().stream().filter(f -> List.of(kinds).contains(f.getKind())).toList();
  }

  @Test
  void shouldFindSeed004sEntitiesAndFigures() throws IOException {
    // When
    EnrichedArticle enriched = ENRICHER.enrich(seed("004_47472d6069e3c387.txt"));

    // Then
    assertThat(enriched.getLanguage()).isEqualTo("eng");
    assertThat(enriched.getEntities())
        .extracting(Entity::getName, Entity::getType)
        .containsExactly(
            tuple("Washington", EntityType.LOCATION),
            tuple("US", EntityType.LOCATION),
            tuple("Donald Trump", EntityType.PERSON),
            tuple("El Salvador", EntityType.LOCATION),
            tuple("Nayib Bukele", EntityType.PERSON),
            tuple("White House", EntityType.ORGANIZATION),
            tuple("San Salvador", EntityType.LOCATION),
            tuple("Tren de Aragua", EntityType.ORGANIZATION),
            tuple("Venezuela", EntityType.LOCATION),
            tuple("Karoline Leavitt", EntityType.PERSON));
    assertThat(figuresOf(enriched, FigureKind.MONEY, FigureKind.COUNT, FigureKind.YEAR))
        .extracting(Figure::getKind, Figure::getQualifier, Figure::getValue, Figure::getUnit)
        .containsExactly(
            tuple(FigureKind.COUNT, FigureQualifier.APPROXIMATE, 24.0, "gang members"),
            tuple(FigureKind.COUNT, FigureQualifier.EXACT, 2.0, "leaders"),
            tuple(FigureKind.COUNT, FigureQualifier.VAGUE, null, "violent illegal immigrant killers"),
            tuple(FigureKind.YEAR, FigureQualifier.EXACT, 1798.0, null),
            tuple(FigureKind.COUNT, FigureQualifier.APPROXIMATE, 250.0, "Tren de Aragua members"),
            tuple(FigureKind.COUNT, FigureQualifier.EXACT, 40_000.0, "capacity"),
            tuple(FigureKind.MONEY, FigureQualifier.EXACT, 6_000_000.0, "USD"),
            tuple(FigureKind.MONEY, FigureQualifier.APPROXIMATE, 6_000_000.0, "USD"));
    assertThat(figuresOf(enriched, FigureKind.DATE))
        .extracting(Figure::getText, Figure::getDate)
        .containsExactly(tuple("Monday", "2025-04-14"), tuple("March", "2025-03"));
  }

  @Test
  void shouldFindSeed003sCountsAndPeople() throws IOException {
    // When
    EnrichedArticle enriched = ENRICHER.enrich(seed("003_0dce748565759669.txt"));

    // Then
    assertThat(enriched.getEntities().stream().filter(e -> e.getType() == EntityType.PERSON))
        .extracting(Entity::getName, Entity::getMentionCount)
        .containsExactly(
            tuple("Donald Trump", 14),
            tuple("Nayib Bukele", 11),
            tuple("Marco Rubio", 1),
            tuple("Kilmar Abrego García", 8),
            tuple("Stephen Miller", 4),
            tuple("Badar Khan Suri", 1));
    assertThat(figuresOf(enriched, FigureKind.COUNT))
        .extracting(Figure::getQualifier, Figure::getValue, Figure::getUnit)
        .containsExactly(
            tuple(FigureQualifier.LOWER_BOUND, 200.0, "Venezuelan immigrants"),
            tuple(FigureQualifier.EXACT, 238.0, "Venezuelans"),
            tuple(FigureQualifier.EXACT, 23.0, "Salvadorans"),
            tuple(FigureQualifier.EXACT, 10.0, "individuals"),
            tuple(FigureQualifier.VAGUE, null, null),
            tuple(FigureQualifier.VAGUE, null, null));
  }

  @Test
  void shouldGiveTheSameResultsFromConcurrentThreads() throws Exception {
    // Given
    List<Article> seeds = List.of(seed("003_0dce748565759669.txt"), seed("004_47472d6069e3c387.txt"));
    List<List<Entity>> sequential = seeds.stream().map(a -> ENRICHER.enrich(a).getEntities()).toList();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      // When
      List<Future<List<Entity>>> futures = new java.util.ArrayList<>();
      for (int i = 0; i < 8; i++) {
        Article article = seeds.get(i % 2);
        futures.add(pool.submit(() -> ENRICHER.enrich(article).getEntities()));
      }

      // Then
      for (int i = 0; i < futures.size(); i++) {
        assertThat(futures.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(sequential.get(i % 2));
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void shouldTagA10000TokenSentenceInBoundedSegments() {
    // Given: one "sentence" of 10,003 tokens, no punctuation
    String body = "Bukele met Trump in Washington and " + "they talked ".repeat(4_998) + "again";

    // When
    EnrichedArticle enriched = ENRICHER.enrich(article("long-sentence", "Long", body));

    // Then
    assertThat(enriched.getTokenCount()).isEqualTo(1 + 10_003);
    assertThat(enriched.getEntities()).extracting(Entity::getName, Entity::getType)
        .containsExactly(
            tuple("Bukele", EntityType.PERSON),
            tuple("Trump", EntityType.PERSON),
            tuple("Washington", EntityType.LOCATION));
  }

  @Test
  void shouldRefuseABodyOverTheSizeLimit() {
    // Given: 1 MB without punctuation
    Article huge = article("huge", "Huge", "word ".repeat(200_000));

    // Then
    assertThatThrownBy(() -> ENRICHER.enrich(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("body has 1,000,000 characters, over the enrichment limit of 200,000 "
            + "(storyline.enrich.max-body-chars)");
  }

  @Test
  void shouldStopAtTheTimeBudgetBetweenSegments() {
    // Given: a clock that advances one second per reading, a 1.5 s budget, 100-char segments
    NlpSettings settings = new NlpSettings(NlpSettings.THREE_CLASS_MODEL, 200_000, 100, Duration.ofMillis(1_500));
    AtomicLong nanos = new AtomicLong();
    CoreNlpRecognizer recognizer = new CoreNlpRecognizer(
        CoreNlpRecognizer.pipeline(settings.nerModel()), settings, () -> nanos.getAndAdd(1_000_000_000L));
    String text = "Trump spoke. ".repeat(30);

    // Then: segment 1 (7 sentences, 91 characters) runs at 1 s; the check before segment 2 reads 2 s
    assertThatThrownBy(() -> recognizer.recognize(text))
        .isInstanceOf(EnrichmentBudgetExceededException.class)
        .hasMessage("entity recognition exceeded the time budget of 1500 ms after 91 of 390 characters");
  }

  @Test
  void shouldPassNonEnglishArticlesThroughWithoutEntities() {
    // Given
    Article spanish = article("es-1", "Bukele recibe a Trump",
        "El presidente de El Salvador, Nayib Bukele, se reunió con Donald Trump en la Casa Blanca "
            + "para hablar de la cárcel y de los migrantes deportados desde Estados Unidos.");

    // When
    EnrichedArticle enriched = ENRICHER.enrich(spanish);

    // Then
    assertThat(enriched.getLanguage()).isEqualTo("spa");
    assertThat(enriched.getEntities()).isEmpty();
    assertThat(enriched.getFigures()).isEmpty();
    assertThat(enriched.getEnricherVersion()).isEqualTo(ENRICHER.version());
  }
}
