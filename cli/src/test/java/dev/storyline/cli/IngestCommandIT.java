package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import dev.storyline.avro.RejectedArticle;
import dev.storyline.avro.RejectionStage;
import dev.storyline.ingest.ArticleParser;
import dev.storyline.ingest.ArticlePublisher;
import dev.storyline.ingest.FolderWatch;
import dev.storyline.ingest.HttpIngestServer;
import dev.storyline.ingest.IngestCheckpoint;
import dev.storyline.ingest.IngestSummary;
import dev.storyline.schemas.Topics;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Optional;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code storyline ingest} in-process against the embedded broker, and the continuous sources
 * (HTTP, watched folder) wired to the real publisher as the command wires them.
 */
@ExtendWith(SharedBroker.class)
class IngestCommandIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;


  private record Run(int exitCode, String out, String err) {}

  private Run ingest(String prefix, String... paths) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Storyline.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> args = new ArrayList<>(List.of("ingest", "--bootstrap-servers", SharedBroker.bootstrapServers(),
        "--topic-prefix", prefix, "--partitions", "2", "--data-dir", dir.resolve("data").toString()));
    args.addAll(List.of(paths));
    int code = cli.execute(args.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void shouldPublishJsonLinesAndChangeNoKeyWhenTheSameFileIsIngestedAgain() throws Exception {
    // Given a JSONL file: two articles with ids, one identified by its URL, one refused
    String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Topics topics = Topics.withPrefix(prefix);
    Path file = dir.resolve("articles.jsonl");
    String badLine = "{\"source\":\"S\",\"title\":\"T\",\"published\":\"2025-04-14\",\"body\":\"  \"}";
    Files.writeString(file, String.join("\n",
        "{\"id\":\"allsides-1-left\",\"source\":\"CNBC\",\"title\":\"T1\",\"published\":\"2021-10-18\",\"body\":\"B1\",\"story\":\"s1\"}",
        "{\"url\":\"https://Example.com/b?utm_source=x\",\"source\":\"Wire\",\"title\":\"T2\",\"published\":\"2021-10-18\",\"body\":\"B2\"}",
        badLine,
        "{\"id\":\"allsides-1-right\",\"source\":\"Fox\",\"title\":\"T3\",\"published\":\"2021-10-18\",\"body\":\"B3\"}"));
    // When it is ingested twice
    Run first = ingest(prefix, file.toString());
    List<String> keysAfterFirst = keys(topics.articles().name(), 3);
    Run second = ingest(prefix, file.toString());
    List<String> keysAfterSecond = keys(topics.articles().name(), 6);
    // Then both runs publish the same three keys and refuse the same line
    String urlId = dev.storyline.ingest.ArticleIds.id(java.util.Optional.of("https://example.com/b"), "", "", "");
    assertThat(first.exitCode()).isEqualTo(IngestCommand.SOME_REFUSED);
    assertThat(first.out()).isEqualTo("3 published, 1 refused, 0 failed" + System.lineSeparator());
    assertThat(first.err()).contains(file + ":3: empty body" + System.lineSeparator());
    assertThat(second.out()).isEqualTo(first.out());
    assertThat(Set.copyOf(keysAfterFirst)).containsExactlyInAnyOrder("allsides-1-left", urlId, "allsides-1-right");
    assertThat(keysAfterSecond).hasSize(6);
    assertThat(Set.copyOf(keysAfterSecond)).isEqualTo(Set.copyOf(keysAfterFirst));
    // And each run's refusal is in the rejected topic with its reason and original bytes
    List<RejectedArticle> rejected = values(topics.rejected().name(), 2).stream()
        .map(r -> topics.rejected().valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
    assertThat(rejected).hasSize(2);
    for (RejectedArticle r : rejected) {
      assertThat(r.getStage()).isEqualTo(RejectionStage.INGEST);
      assertThat(r.getReason()).isEqualTo("empty body");
      assertThat(r.getOrigin()).isEqualTo(file + ":3");
      assertThat(new String(r.getOriginalBytes().array(), StandardCharsets.UTF_8)).isEqualTo(badLine);
    }
    // And the URL article carries the canonical URL
    Article byUrl = values(topics.articles().name(), 6).stream()
        .map(r -> topics.articles().valueSerde().deserializer().deserialize(r.topic(), r.value()))
        .filter(a -> a.getId().equals(urlId)).findFirst().orElseThrow();
    assertThat(byUrl.getUrl()).isEqualTo("https://example.com/b");
  }

  @Test
  void shouldPublishFromHttpAndAWatchedFolderOnceEachAcrossARestart() throws Exception {
    // Given the articles topic and a publisher, as storyline ingest --http --watch wires them
    String prefix = "it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Topics topics = Topics.withPrefix(prefix);
    TopicCreator.ensureTopics(new Properties(), SharedBroker.bootstrapServers(), topics, 2, (short) 1);
    ArticleParser parser = new ArticleParser(Clock.systemUTC(), ArticleParser.DEFAULT_MAX_BODY_BYTES);
    Path inbox = Files.createDirectories(dir.resolve("inbox"));
    Path checkpoint = dir.resolve("state/watch.properties");
    try (ArticlePublisher publisher = new ArticlePublisher(
            ArticlePublisher.config(new Properties(), SharedBroker.bootstrapServers()), topics, Clock.systemUTC());
        HttpIngestServer http = HttpIngestServer.start(new HttpIngestServer.Settings(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), Optional.empty(), 1 << 20),
            parser, publisher, outcome -> {})) {
      // When two articles are posted and a file lands in the watched folder
      HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
              URI.create("http://127.0.0.1:" + http.port() + "/articles"))
          .header("Content-Type", "application/x-ndjson")
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"id\":\"h1\",\"source\":\"S\",\"title\":\"T\",\"published\":\"2025-04-14\",\"body\":\"B\"}\n"
                  + "{\"id\":\"h2\",\"source\":\"S\",\"title\":\"T\",\"published\":\"2025-04-14\",\"body\":\"B\"}\n"))
          .build(), HttpResponse.BodyHandlers.ofString());
      Files.writeString(inbox.resolve("w.jsonl"),
          "{\"id\":\"w1\",\"source\":\"S\",\"title\":\"T\",\"published\":\"2025-04-14\",\"body\":\"B\"}\n");
      FolderWatch watch = new FolderWatch(inbox, Optional.empty(), parser, publisher, outcome -> {},
          IngestCheckpoint.load(checkpoint));
      watch.scan();
      IngestSummary published = watch.scan();
      // And the watch restarts on its checkpoint
      FolderWatch restarted = new FolderWatch(inbox, Optional.empty(), parser, publisher, outcome -> {},
          IngestCheckpoint.load(checkpoint));
      restarted.scan();
      IngestSummary again = restarted.scan();
      // Then
      assertThat(response.statusCode()).isEqualTo(202);
      assertThat(response.body()).isEqualTo("{\"accepted\":2,\"ids\":[\"h1\",\"h2\"]}");
      assertThat(published.line()).isEqualTo("1 published, 0 refused, 0 failed");
      assertThat(again.line()).isEqualTo("0 published, 0 refused, 0 failed");
    }
    assertThat(keys(topics.articles().name(), 3)).containsExactlyInAnyOrder("h1", "h2", "w1");
  }

  private List<String> keys(String topic, int expected) {
    return values(topic, expected).stream().map(ConsumerRecord::key).toList();
  }

  /** Every record of the topic: reads until {@code expected} arrived (bounded), then one more poll. */
  private List<ConsumerRecord<String, byte[]>> values(String topic, int expected) {
    Properties config = new Properties();
    config.setProperty(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
    config.setProperty(ConsumerConfig.GROUP_ID_CONFIG, "it-reader-" + UUID.randomUUID());
    config.setProperty(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(Set.of(topic));
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (records.size() < expected && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(records::add);
      }
      consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
    }
    return records;
  }
}
