package dev.storyline.enrich;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.Entity;
import dev.storyline.avro.EntityType;
import dev.storyline.avro.Figure;
import dev.storyline.avro.FigureKind;
import dev.storyline.avro.FigureQualifier;
import dev.storyline.avro.StoryMember;
import java.time.Instant;
import java.util.List;

/**
 * Enriched articles for the clustering tests, fingerprinted with the real {@link Fingerprinter}
 * but without the enricher, so clustering tests do not depend on the NLP side.
 */
final class ClusteringFixtures {

  static final Fingerprinter FINGERPRINTER = new Fingerprinter(FingerprintSettings.DEFAULTS);

  private ClusteringFixtures() {}

  static EnrichedArticle enriched(Article article) {
    return enriched(article, List.of(), List.of());
  }

  static EnrichedArticle enriched(Article article, List<Entity> entities, List<Figure> figures) {
    return EnrichedArticle.newBuilder()
        .setArticle(article)
        .setLanguage("eng")
        .setEntities(entities)
        .setFigures(figures)
        .setFingerprints(FINGERPRINTER.fingerprint(article.getTitle(), article.getBody()))
        .setEnricherVersion("test")
        .setEnrichedAt(ArticleFixtures.NOW)
        .build();
  }

  /** The Reuters report copied by another outlet with two words changed. */
  static Article syndicatedCopy() {
    return ArticleFixtures.article(
        "a-yahoo-1",
        "Yahoo News",
        "US deports Venezuelans to El Salvador prison",
        Instant.parse("2025-03-16T19:00:00Z"),
        ArticleFixtures.DEPORTATION_REUTERS_BODY.replace("on Sunday", "on Sunday night"));
  }

  /** The Reuters report re-ingested under another id, unchanged. */
  static Article exactCopy() {
    Article reuters = ArticleFixtures.deportationReuters();
    return ArticleFixtures.article(
        "a-msn-1", "MSN", reuters.getTitle(), Instant.parse("2025-03-16T18:30:00Z"),
        reuters.getBody());
  }

  static Entity entity(String name, EntityType type, int mentions, int firstPosition) {
    return Entity.newBuilder()
        .setName(name)
        .setType(type)
        .setMentionCount(mentions)
        .setFirstPosition(firstPosition)
        .setMentions(List.of())
        .build();
  }

  static Figure count(double value, FigureQualifier qualifier, String unit, String text) {
    return Figure.newBuilder()
        .setKind(FigureKind.COUNT)
        .setQualifier(qualifier)
        .setValue(value)
        .setUpperValue(null)
        .setUnit(unit)
        .setDate(null)
        .setText(text)
        .setStart(0)
        .setEnd(text.length())
        .setSentence(text + ".")
        .build();
  }

  static StoryMember member(Article article, String duplicateOf) {
    return StoryMember.newBuilder()
        .setArticleId(article.getId())
        .setSource(article.getSource())
        .setTitle(article.getTitle())
        .setUrl(article.getUrl())
        .setPublished(article.getPublished())
        .setDuplicateOf(duplicateOf)
        .build();
  }

  static StoryMember member(Article article) {
    return member(article, null);
  }
}
