package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storyline.avro.Article;
import dev.storyline.ingest.ArticlePublisher;
import dev.storyline.schemas.SchemaCatalog;
import dev.storyline.schemas.Topics;
import dev.storyline.sink.StoryDatabase;
import dev.storyline.sink.StoryQueries;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay on the embedded broker while the services run: the stories afterwards equal a fresh run
 * over the same articles, articles published during the replay are not lost, and records written
 * with a released schema version decode.
 */
@ExtendWith(SharedBroker.class)
class ReplayIT {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final Instant APRIL_14 = Instant.parse("2025-04-14T09:00:00Z");


  @TempDir Path dir;
  private String run;

  @BeforeEach
  void uniqueRun() {
    run = "replay-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** One pipeline (generational enrich + sink) with its own topics, ids and database. */
  private final class Services implements AutoCloseable {
    final Topics topics;
    final String jdbcUrl;
    final String prefix;
    final GenerationalEnrich enrich;
    final SinkRunner sink;

    Services(String name) {
      this(name, new Properties());
    }

    /** @param settings extra Streams/Storyline settings, e.g. clustering settings */
    Services(String name, Properties settings) {
      prefix = run + "-" + name + ".";
      topics = Topics.withPrefix(prefix);
      jdbcUrl = "jdbc:sqlite:" + dir.resolve(name + ".db");
      TopicCreator.ensureTopics(new Properties(), SharedBroker.bootstrapServers(), topics, 2, (short) 1);
      Properties streams = new Properties();
      streams.putAll(settings);
      streams.setProperty(Topics.PREFIX_CONFIG, prefix);
      streams.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, prefix + "enrich");
      streams.setProperty(StreamsConfig.STATE_DIR_CONFIG, dir.resolve(name + "-streams").toString());
      enrich = GenerationalEnrich.start(streams, SharedBroker.bootstrapServers(), topics, reason -> { });
      Properties sinkClient = new Properties();
      sinkClient.setProperty(ConsumerConfig.GROUP_ID_CONFIG, prefix + "sink");
      sink = SinkRunner.start(sinkClient, SharedBroker.bootstrapServers(), topics, jdbcUrl, reason -> { });
    }

    void publish(List<Article> articles) throws Exception {
      try (ArticlePublisher publisher = new ArticlePublisher(ArticlePublisher.config(new Properties(),
          SharedBroker.bootstrapServers()), topics, Clock.fixed(APRIL_14, ZoneOffset.UTC))) {
        for (Article article : articles) {
          publisher.publish(article).get();
        }
      }
    }

    void awaitStored(List<String> ids) {
      StoryQueries queries = new StoryQueries(StoryDatabase.open(jdbcUrl));
      await().atMost(WAIT).pollInterval(Duration.ofMillis(200))
          .untilAsserted(() -> assertThat(queries.storedArticles(ids)).containsExactlyInAnyOrderElementsOf(ids));
    }

    int replay(String... extra) {
      StringWriter err = new StringWriter();
      var cli = Storyline.commandLine();
      cli.setErr(new PrintWriter(err));
      cli.setOut(new PrintWriter(new StringWriter()));
      String[] args = {"replay", "--bootstrap-servers", SharedBroker.bootstrapServers(), "--topic-prefix", prefix,
          "--application-id", prefix + "enrich", "--sink-group", prefix + "sink", "--db", jdbcUrl, "--timeout", "120"};
      String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra))
          .toArray(String[]::new);
      int code = cli.execute(all);
      assertThat(code).as(err.toString()).isZero();
      return code;
    }

    @Override
    public void close() {
      try {
        sink.close();
      } finally {
        enrich.close();
      }
    }
  }

  static final Article VISIT_C = PipelineContract.article("visit-c", "Radio D", "Bukele and Trump discuss prisons",
      "At the White House, Nayib Bukele and Donald Trump discussed the CECOT prison and the Venezuelan deportees "
          + "held there, the Salvadoran President said on Monday.", APRIL_14.plusSeconds(10_800));

  @Test
  void shouldRebuildTheSameStoriesAsAFreshRunWithoutLosingLiveArticles() throws Exception {
    List<Article> history = List.of(PipelineContract.VISIT_A, PipelineContract.VISIT_B, PipelineContract.FOOTBALL);
    StorySnapshot replayed;
    try (Services live = new Services("live")) {
      // Given a processed history
      live.publish(history);
      live.awaitStored(List.of("visit-a", "visit-b", "football"));
      StorySnapshot before = StorySnapshot.read(live.jdbcUrl);
      // When a replay runs while another article arrives
      Thread feed = new Thread(() -> {
        try {
          Thread.sleep(500); // lands while the replay switches generations
          live.publish(List.of(VISIT_C));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      feed.start();
      live.replay("--from", "earliest");
      feed.join(WAIT.toMillis());
      live.awaitStored(List.of("visit-a", "visit-b", "football", "visit-c"));
      replayed = StorySnapshot.read(live.jdbcUrl);
      assertThat(before.stories()).isNotEmpty();
    }
    // Then the database equals a fresh run over the same articles in the same order
    StorySnapshot fresh;
    try (Services clean = new Services("fresh")) {
      clean.publish(List.of(PipelineContract.VISIT_A, PipelineContract.VISIT_B, PipelineContract.FOOTBALL, VISIT_C));
      clean.awaitStored(List.of("visit-a", "visit-b", "football", "visit-c"));
      fresh = StorySnapshot.read(clean.jdbcUrl);
    }
    assertThat(replayed.stories()).isEqualTo(fresh.stories());
  }

  @Test
  void shouldReplaceTheOldStoriesWhenASettingChangedBeforeTheReplay() throws Exception {
    // Given the history clustered with the default settings: the two visit articles share a story
    List<Article> history = List.of(PipelineContract.VISIT_A, PipelineContract.VISIT_B, PipelineContract.FOOTBALL);
    List<String> ids = List.of("visit-a", "visit-b", "football");
    try (Services live = new Services("setting")) {
      live.publish(history);
      live.awaitStored(ids);
      assertThat(memberships(live.jdbcUrl)).containsExactlyInAnyOrder(
          List.of("visit-a", "visit-b"), List.of("football"));
    }
    // When the services restart with a join threshold no two articles reach, and replay
    Properties strict = new Properties();
    strict.setProperty(dev.storyline.enrich.ClusteringSettings.SIMILARITY_THRESHOLD_CONFIG, "0.999");
    try (Services live = new Services("setting", strict)) {
      live.replay("--from", "earliest");
      live.awaitStored(ids);
      // Then every article is a story of its own: nothing of the old grouping is left
      assertThat(memberships(live.jdbcUrl)).containsExactlyInAnyOrder(
          List.of("visit-a"), List.of("visit-b"), List.of("football"));
    }
  }

  /** The members of every stored story. */
  private static List<List<String>> memberships(String jdbcUrl) {
    StoryQueries queries = new StoryQueries(StoryDatabase.open(jdbcUrl));
    return queries.list(dev.storyline.sink.StoryFilter.all()).stream()
        .map(summary -> queries.story(summary.storyId()).orElseThrow().members().stream()
            .map(dev.storyline.sink.StoryDetail.Member::articleId).toList())
        .toList();
  }

  @Test
  void shouldDecodeRecordsWrittenWithTheFirstReleasedSchemaWhenReplaying() throws Exception {
    try (Services live = new Services("v1")) {
      // Given an article written with the released v1 writer schema, not the generated class
      Schema v1 = SchemaCatalog.get().released("Article").get(0).schema();
      GenericRecord record = new GenericData.Record(v1);
      record.put("id", "old-1");
      record.put("url", null);
      record.put("source", "Archive");
      record.put("title", "Bukele visits Washington");
      record.put("published", APRIL_14.toEpochMilli());
      record.put("publishedInferred", false);
      record.put("body", "Nayib Bukele visited Donald Trump at the White House.");
      record.put("language", null);
      record.put("origin", null);
      record.put("ingestedAt", APRIL_14.toEpochMilli());
      sendRaw(live.topics.articles().name(), "old-1", singleObject(v1, record));
      live.awaitStored(List.of("old-1"));
      // When
      live.replay("--from", "earliest");
      // Then
      live.awaitStored(List.of("old-1"));
    }
  }

  private static void sendRaw(String topic, String key, byte[] value) throws Exception {
    Properties config = new Properties();
    config.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
  }

  private static byte[] singleObject(Schema schema, GenericRecord record) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0xC3, 0x01});
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN)
        .putLong(SchemaNormalization.parsingFingerprint64(schema)).array());
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
    encoder.flush();
    return out.toByteArray();
  }
}
