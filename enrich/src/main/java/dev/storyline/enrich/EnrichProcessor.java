package dev.storyline.enrich;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Runs the {@link ArticleEnricher} on each decoded article and keys the result by article id.
 * Rejections from decoding pass through; an article the enricher fails on (or with a blank id)
 * becomes a rejection carrying its id and original bytes.
 */
final class EnrichProcessor
    implements Processor<String, Outcome<Article>, String, Outcome<EnrichedArticle>> {

  private final ArticleEnricher enricher;
  private final RejectedArticleFactory rejections;
  private final EnrichmentActivity activity;
  private ProcessorContext<String, Outcome<EnrichedArticle>> context;

  EnrichProcessor(ArticleEnricher enricher, RejectedArticleFactory rejections, EnrichmentActivity activity) {
    this.enricher = enricher;
    this.rejections = rejections;
    this.activity = activity;
  }

  @Override
  public void init(ProcessorContext<String, Outcome<EnrichedArticle>> context) {
    this.context = context;
  }

  @Override
  public void process(Record<String, Outcome<Article>> record) {
    Outcome<Article> input = record.value();
    if (input.isRejected()) {
      context.forward(record.withValue(Outcome.rejected(input.rejection())));
      return;
    }
    Article article = input.value();
    byte[] raw = ((Outcome.Ok<Article>) input).originalBytes();
    String id = article.getId();
    Outcome<EnrichedArticle> output;
    if (id.isBlank()) {
      output = reject("article id is blank", null, raw);
    } else {
      activity.started();
      try {
        EnrichedArticle enriched = enricher.enrich(article);
        if (enriched == null) {
          throw new IllegalStateException(
              enricher.getClass().getSimpleName() + " returned null for article " + id);
        }
        output = Outcome.ok(enriched, raw);
      } catch (StreamsException e) {
        throw e;
      } catch (RuntimeException e) {
        output = reject(RejectedArticleFactory.reasonOf(e), id, raw);
      } finally {
        activity.finished();
      }
    }
    context.forward(record.withKey(id.isBlank() ? record.key() : id).withValue(output));
  }

  private Outcome<EnrichedArticle> reject(String reason, String id, byte[] raw) {
    return Outcome.rejected(rejections.reject(reason, context.recordMetadata(), id, raw));
  }
}
