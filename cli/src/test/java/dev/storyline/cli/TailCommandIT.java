package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.ingest.ArticlePublisher;
import dev.storyline.schemas.Topics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code storyline tail} against the embedded broker. */
@ExtendWith(SharedBroker.class)
class TailCommandIT {

  @Test
  void shouldPrintDecodedRecordsAsJsonLinesAndFlagUndecodableOnes() throws Exception {
    // Given an article and a poison record on a fresh articles topic
    String prefix = "tail-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Topics topics = Topics.withPrefix(prefix);
    TopicCreator.ensureTopics(new Properties(), SharedBroker.bootstrapServers(), topics, 1, (short) 1);
    Instant published = Instant.parse("2025-04-14T09:00:00Z");
    try (ArticlePublisher publisher = new ArticlePublisher(
        ArticlePublisher.config(new Properties(), SharedBroker.bootstrapServers()), topics, Clock.fixed(published, ZoneOffset.UTC))) {
      publisher.publish(PipelineContract.article("a1", "Wire", "Title", "Body.", published)).get();
    }
    Properties raw = new Properties();
    raw.setProperty(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedBroker.bootstrapServers());
    try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(raw, new StringSerializer(), new ByteArraySerializer())) {
      producer.send(new ProducerRecord<>(topics.articles().name(), "bad", "junk".getBytes(StandardCharsets.UTF_8))).get();
    }
    // When
    StringWriter out = new StringWriter();
    var cli = Storyline.commandLine();
    cli.setOut(new PrintWriter(out));
    int code = cli.execute("tail", "articles", "--topic-prefix", prefix, "--bootstrap-servers",
        SharedBroker.bootstrapServers(), "--from-beginning", "--json");
    // Then
    assertThat(code).isZero();
    String[] lines = out.toString().strip().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0]).startsWith("{\"topic\":\"" + prefix + "articles\",\"partition\":0,\"offset\":0,")
        .contains("\"key\":\"a1\",\"value\":{\"id\":\"a1\",\"url\":null,\"source\":\"Wire\",\"title\":\"Title\","
            + "\"published\":\"2025-04-14T09:00:00Z\"");
    assertThat(lines[1]).contains("\"offset\":1,").contains("\"key\":\"bad\",\"value\":{\"undecodable\":"
        + "\"cannot decode Article from topic " + prefix + "articles");
  }

  @Test
  void shouldNameTheTopicsWhenTheTopicIsUnknown() {
    StringWriter err = new StringWriter();
    var cli = Storyline.commandLine();
    cli.setErr(new PrintWriter(err));
    int code = cli.execute("tail", "nope", "--bootstrap-servers", SharedBroker.bootstrapServers());
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).startsWith("storyline tail: unknown topic 'nope'; Storyline's topics are "
        + "storyline.articles, storyline.articles.rejected, storyline.articles.enriched, storyline.stories, storyline.control");
  }
}
