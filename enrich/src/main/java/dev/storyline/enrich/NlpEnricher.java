package dev.storyline.enrich;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.Entity;
import dev.storyline.avro.EntityType;
import dev.storyline.avro.Figure;
import dev.storyline.avro.Fingerprints;
import dev.storyline.avro.Mention;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The enricher Storyline runs: language detection, then for English articles entities
 * ({@link EntityRecognizer}, {@link DocumentConsistency}, {@link EntityCanonicalizer}) and figures
 * ({@link FigureExtractor}, dates resolved against the publication date in UTC), plus the
 * fingerprints every article gets.
 *
 * <p>Entities and figures are found in the body, which is where their offsets point; the title
 * of a seed or feed entry repeats the body's first sentence or summarises it. Non-English
 * articles pass through with their detected language, fingerprints and no entities or figures:
 * the NER model and figure rules are English-only.
 *
 * <p>Guard rails: a body longer than {@link NlpSettings#maxBodyChars()} is refused, and so is one
 * that does not finish within the recognizer's time budget; both throw, and the topology sends
 * the article to the rejected topic with the reason.
 */
public final class NlpEnricher implements ArticleEnricher {

  static final String ENGLISH = "eng";

  private final EntityRecognizer recognizer;
  private final LanguageDetector languages;
  private final FigureExtractor figures = new FigureExtractor();
  private final Fingerprinter fingerprinter;
  private final NlpSettings settings;
  private final Clock clock;
  private final String version;

  public NlpEnricher(EntityRecognizer recognizer, LanguageDetector languages,
      FingerprintSettings fingerprints, NlpSettings settings, Clock clock) {
    this.recognizer = recognizer;
    this.languages = languages;
    this.fingerprinter = new Fingerprinter(fingerprints);
    this.settings = settings;
    this.clock = clock;
    this.version = StorylineVersion.stamp(
        "nlp-enricher;" + recognizer.describe() + ";entity-repairs-3;langdetect-183;english-gate-1;figures-3;" + fingerprinter.scheme());
  }

  /** The enricher with CoreNLP and OpenNLP's language model, both loaded once per JVM. */
  public static NlpEnricher create(FingerprintSettings fingerprints, NlpSettings settings, Clock clock) {
    return new NlpEnricher(CoreNlpRecognizer.create(settings), LanguageDetector.create(), fingerprints, settings, clock);
  }

  @Override
  public EnrichedArticle enrich(Article article) {
    return enrich(article, null);
  }

  /**
   * {@link #enrich(Article)}, adding the time each stage took to {@code timings} when it is not
   * null (the benchmark's view; the stream threads pass none).
   */
  public EnrichedArticle enrich(Article article, EnrichmentTimings timings) {
    long started = System.nanoTime();
    String body = article.getBody();
    if (body.length() > settings.maxBodyChars()) {
      throw new IllegalArgumentException(String.format(
          "body has %,d characters, over the enrichment limit of %,d (%s)",
          body.length(), settings.maxBodyChars(), NlpSettings.MAX_BODY_CHARS_CONFIG));
    }
    String language = languages.detect(article.getTitle() + "\n" + body, article.getLanguage());
    long mark = lap(timings, EnrichmentTimings.Stage.LANGUAGE, started);
    List<Entity> entities = List.of();
    List<Figure> found = List.of();
    int tokens = BasicEnricher.whitespaceTokens(article.getTitle());
    if (ENGLISH.equals(language)) {
      Recognition recognition = recognizer.recognize(body);
      mark = lap(timings, EnrichmentTimings.Stage.NER, mark);
      AcronymDefinitions.Found defined = AcronymDefinitions.find(body, recognition.mentions());
      entities = EntityCanonicalizer.canonicalize(
          DocumentConsistency.apply(body, defined.mentions()), defined.aliases());
      mark = lap(timings, EnrichmentTimings.Stage.REPAIRS, mark);
      LocalDate published = article.getPublished().atZone(ZoneOffset.UTC).toLocalDate();
      found = figures.extract(body, published);
      mark = lap(timings, EnrichmentTimings.Stage.FIGURES, mark);
      tokens += recognition.tokenCount();
    } else {
      tokens += BasicEnricher.whitespaceTokens(body);
    }
    Fingerprints fingerprints = fingerprinter.fingerprint(article.getTitle(), body);
    mark = lap(timings, EnrichmentTimings.Stage.FINGERPRINTS, mark);
    EnrichedArticle enriched = EnrichedArticle.newBuilder()
        .setArticle(article)
        .setLanguage(language)
        .setEntities(entities)
        .setFigures(found)
        .setFingerprints(fingerprints)
        .setTokenCount(tokens)
        .setEnricherVersion(version)
        .setEnrichedAt(clock.instant())
        .build();
    lap(timings, EnrichmentTimings.Stage.OTHER, mark);
    if (timings != null) {
      timings.countArticle();
    }
    return enriched;
  }

  /** Adds the time since {@code since} to {@code stage} and returns the time now. */
  private static long lap(EnrichmentTimings timings, EnrichmentTimings.Stage stage, long since) {
    if (timings == null) {
      return since;
    }
    long now = System.nanoTime();
    timings.add(stage, now - since);
    return now;
  }

  /**
   * Every mention of {@code text} with its type after the document-level repairs: what enrichment
   * makes of the text, in the form the entity evaluation scores. A mention the tagger typed keeps
   * that type (the same name can be a team in one sentence and a country in the next); a mention
   * only the repairs found takes its entity's type, and so does a short form resolved to a person
   * ("Trump" within "Donald Trump").
   */
  public static List<RecognizedMention> resolvedMentions(EntityRecognizer recognizer, String text) {
    AcronymDefinitions.Found defined = AcronymDefinitions.find(text, recognizer.recognize(text).mentions());
    List<RecognizedMention> tagged = defined.mentions();
    java.util.Set<Integer> taggedStarts = new java.util.HashSet<>();
    for (RecognizedMention mention : tagged) {
      taggedStarts.add(mention.start());
    }
    List<RecognizedMention> repaired = DocumentConsistency.apply(text, tagged);
    Map<Integer, RecognizedMention> byStart = new HashMap<>();
    for (RecognizedMention mention : repaired) {
      if (taggedStarts.contains(mention.start())) {
        byStart.put(mention.start(), mention);
      }
    }
    List<Entity> entities = EntityCanonicalizer.canonicalize(repaired, defined.aliases());
    List<RecognizedMention> mentions = new ArrayList<>();
    for (Entity entity : entities) {
      for (Mention mention : entity.getMentions()) {
        RecognizedMention original = byStart.get(mention.getStart());
        boolean shortFormOfPerson = entity.getType() == EntityType.PERSON
            && !EntityCanonicalizer.key(mention.getText()).equals(entity.getName());
        EntityType type =
            original == null || shortFormOfPerson ? entity.getType() : original.type();
        mentions.add(new RecognizedMention(mention.getText(), mention.getStart(), mention.getEnd(), type));
      }
    }
    mentions.sort(Comparator.comparingInt(RecognizedMention::start));
    return mentions;
  }

  /** The enricher version written into every record. */
  public String version() {
    return version;
  }
}
