package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.schemas.Topics;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

class EnrichAppTest {

  @Test
  void shouldApplyExactlyOnceAndTheStorylineHandlersByDefault() {
    // Given
    Properties user = new Properties();

    // When
    Properties config = EnrichApp.config(user, "broker:9092");

    // Then
    assertThat(config)
        .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "broker:9092")
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "storyline-enrich")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2")
        .containsEntry(
            StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG,
            "org.apache.kafka.common.serialization.Serdes$StringSerde")
        .containsEntry(
            StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
            DeserializationFailureHandler.class.getName())
        .containsEntry(
            StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG,
            ProductionFailureHandler.class.getName())
        .containsEntry(
            StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG,
            ProcessingFailureHandler.class.getName())
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "100")
        .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "data/streams")
        .containsEntry(StreamsConfig.producerPrefix("transaction.timeout.ms"), "60000")
        .containsEntry(
            StreamsConfig.mainConsumerPrefix("group.instance.id"),
            EnrichApp.staticMemberId(config))
        .containsEntry(
            StreamsConfig.NUM_STREAM_THREADS_CONFIG,
            Integer.toString(NlpSettings.defaultThreads() + 1))
        .doesNotContainKey(StreamsConfig.REPLICATION_FACTOR_CONFIG)
        .hasSize(12);
    assertThat(user).isEmpty();
  }

  @Test
  void shouldLetTheUsersSettingsWin() {
    // Given settings from a file, one of them only as a default of the Properties
    Properties defaults = new Properties();
    defaults.setProperty(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/storyline");
    Properties user = new Properties(defaults);
    user.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, "storyline-enrich-test");
    user.setProperty(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000");
    user.setProperty(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "from-file:9092");

    // When
    Properties config = EnrichApp.config(user, null);

    // Then
    assertThat(config)
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, "storyline-enrich-test")
        .containsEntry(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "1000")
        .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/storyline")
        .containsEntry(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "from-file:9092")
        .containsEntry(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2");
  }

  @Test
  void shouldRunOneStreamThreadMoreThanCoreNlpTagsArticlesAtOnce() {
    // Given
    Properties user = new Properties();
    user.setProperty(NlpSettings.THREADS_CONFIG, "3");

    // Then
    assertThat(EnrichApp.config(user, null))
        .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "4");
  }

  @Test
  void shouldMakeTheEnrichmentStageTheSubtopologyTheStageAssignorGivesToEnrichClients() {
    // When
    TopologyDescription description =
        EnrichApp.topology(
                Topics.defaults(),
                new BasicEnricher(FingerprintSettings.DEFAULTS, ArticleFixtures.CLOCK),
                ClusteringSettings.DEFAULTS)
            .describe();

    // Then: only that subtopology reads the articles topic
    for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
      boolean readsArticles = subtopology.nodes().stream()
          .filter(TopologyDescription.Source.class::isInstance)
          .map(node -> ((TopologyDescription.Source) node).topicSet())
          .anyMatch(topicSet -> topicSet.contains(Topics.defaults().articles().name()));
      assertThat(readsArticles)
          .isEqualTo(subtopology.id() == StageTaskAssignor.ENRICHMENT_SUBTOPOLOGY);
    }
  }

  @Test
  void shouldRunOneClientPerStageWithTheirOwnStateFoldersAndMemberIds() {
    // Given
    Properties user = new Properties();
    user.setProperty(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/storyline");
    user.setProperty(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "3");
    Properties config = EnrichApp.config(user, "broker:9092");

    // When
    List<Properties> stages = EnrichApp.stageConfigs(config);

    // Then
    String memberId = config.getProperty(StreamsConfig.mainConsumerPrefix("group.instance.id"));
    assertThat(stages.get(0))
        .containsEntry("client.tag.stage", "enrich")
        .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "3")
        .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/storyline/enrich-stage")
        .containsEntry(StreamsConfig.mainConsumerPrefix("group.instance.id"), memberId + "-enrich")
        .containsEntry(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG, StageTaskAssignor.class.getName());
    assertThat(stages.get(1))
        .containsEntry("client.tag.stage", "cluster")
        .containsEntry(StreamsConfig.NUM_STREAM_THREADS_CONFIG, "1")
        .containsEntry(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/storyline")
        .containsEntry(StreamsConfig.mainConsumerPrefix("group.instance.id"), memberId + "-cluster")
        .containsEntry(StreamsConfig.TASK_ASSIGNOR_CLASS_CONFIG, StageTaskAssignor.class.getName());
    assertThat(stages).allSatisfy(stage -> assertThat(stage)
        .containsEntry(StreamsConfig.APPLICATION_ID_CONFIG, config.getProperty(StreamsConfig.APPLICATION_ID_CONFIG)));
  }

  @Test
  void shouldNameEveryProcessorStoreAndRepartitionTopic() {
    // Given
    Topics topics = Topics.defaults();

    // When
    TopologyDescription description =
        EnrichApp.topology(
                topics,
                new BasicEnricher(FingerprintSettings.DEFAULTS, ArticleFixtures.CLOCK),
                ClusteringSettings.DEFAULTS)
            .describe();

    // Then no name was generated by Kafka Streams, so replays keep the same internal topics
    String text = description.toString();
    assertThat(text).doesNotContain("KSTREAM-", "KTABLE-");
    assertThat(text)
        .contains(
            "enrich.source",
            "enrich.decode",
            "enrich.enrich",
            "enrich.rejected-sink",
            "enrich.enriched-sink",
            "cluster.source",
            "cluster.decode",
            "cluster.story-space-repartition",
            "cluster.assign",
            "cluster.story-store",
            "cluster.member-store",
            "cluster.stories-sink",
            "cluster.rejected-sink",
            "cluster.assign-rejected-sink");
    assertThat(ClusteringTopology.STORY_STORE).isNotEqualTo(topics.stories().name());
  }

  @Test
  void shouldGiveEachStateDirectoryItsOwnStableGroupInstanceId() {
    // Given two instances on one host with different state directories
    Properties a = new Properties();
    a.setProperty(StreamsConfig.STATE_DIR_CONFIG, "/var/storyline/a");
    Properties b = new Properties();
    b.setProperty(StreamsConfig.STATE_DIR_CONFIG, "/var/storyline/b");
    String key = StreamsConfig.mainConsumerPrefix("group.instance.id");
    // When
    String first = EnrichApp.config(a, "k:9092").getProperty(key);
    String again = EnrichApp.config(a, "k:9092").getProperty(key);
    String other = EnrichApp.config(b, "k:9092").getProperty(key);
    // Then
    assertThat(first).matches("storyline-enrich-[0-9a-f]{8}").isEqualTo(again).isNotEqualTo(other);
  }

  @Test
  void shouldKeepAGroupInstanceIdTheUserSet() {
    Properties user = new Properties();
    user.setProperty(StreamsConfig.mainConsumerPrefix("group.instance.id"), "node-7");
    assertThat(EnrichApp.config(user, "k:9092").getProperty(StreamsConfig.mainConsumerPrefix("group.instance.id")))
        .isEqualTo("node-7");
  }
}
