package dev.storyline.enrich;

import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.StoryCluster;
import dev.storyline.schemas.AvroSerde;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Thin Streams wrapper around {@link StoryClusterer}: opens the two stores, hands each article to
 * the clusterer and forwards the story's new state keyed by story id. An article the clusterer
 * fails on becomes a {@code CLUSTER} rejection; store and Kafka errors ({@link StreamsException})
 * propagate so exactly-once processing can abort and retry the transaction.
 */
final class StoryAssignProcessor
    implements Processor<String, EnrichedArticle, String, Outcome<StoryCluster>> {

  private final ClusteringSettings settings;
  private final AvroSerde<EnrichedArticle> articleSerde;
  private final RejectedArticleFactory rejections;
  private ProcessorContext<String, Outcome<StoryCluster>> context;
  private StoryClusterer clusterer;

  StoryAssignProcessor(
      ClusteringSettings settings,
      AvroSerde<EnrichedArticle> articleSerde,
      RejectedArticleFactory rejections) {
    this.settings = settings;
    this.articleSerde = articleSerde;
    this.rejections = rejections;
  }

  @Override
  public void init(ProcessorContext<String, Outcome<StoryCluster>> context) {
    this.context = context;
    KeyValueStore<String, StoryCluster> stories =
        context.getStateStore(ClusteringTopology.STORY_STORE);
    KeyValueStore<String, EnrichedArticle> members =
        context.getStateStore(ClusteringTopology.MEMBER_STORE);
    // Called after the stores are restored, so the clusterer's index sees every open story.
    this.clusterer = new StoryClusterer(settings, new StoreStoryBook(stories, members));
  }

  @Override
  public void process(Record<String, EnrichedArticle> record) {
    EnrichedArticle article = record.value();
    try {
      StoryCluster story = clusterer.add(article);
      context.forward(record.withKey(story.getStoryId()).withValue(Outcome.ok(story, null)));
    } catch (StreamsException e) {
      throw e;
    } catch (RuntimeException e) {
      String articleId = article.getArticle().getId();
      String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
      byte[] original = articleSerde.encode(topic, article);
      context.forward(
          record
              .withKey(articleId)
              .withValue(
                  Outcome.rejected(
                      rejections.reject(
                          RejectedArticleFactory.reasonOf(e),
                          context.recordMetadata(),
                          articleId,
                          original))));
    }
  }
}
