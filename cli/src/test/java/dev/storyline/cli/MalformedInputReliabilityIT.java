package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import dev.storyline.cli.reliability.ReliabilityChecker;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability scenario 5: malformed records produced straight to the articles topic by a raw byte
 * producer, between valid articles, while the pipeline runs. Every malformed record must reach the
 * rejected topic, every valid article a story, and the stories must equal a run without them.
 */
@ExtendWith(SharedBroker.class)
class MalformedInputReliabilityIT {

  private static final int ARTICLES = 90;

  @TempDir Path dir;

  @Test
  void shouldRejectEveryMalformedRecordAndStoreEveryValidArticle() throws Exception {
    // Given the pipeline running, and valid articles
    List<Article> valid = ReliabilityInputs.allsides(ARTICLES);
    List<List<String>> faultFree = FaultFreeRuns.members(dir, SharedBroker.bootstrapServers(), valid);
    try (ReliabilityRun run = new ReliabilityRun(dir, "malformed", SharedBroker.bootstrapServers(), 2, (short) 1)) {
      run.startEnrich();
      run.startSink();
      byte[] encoded = run.topics.articles().valueSerde().serializer().serialize(run.topics.articles().name(),
          valid.get(0));
      Random random = new Random(5);
      // When malformed records arrive between the valid ones
      run.publish(valid.subList(0, 30));
      assertThat(run.publishInvalid("malformed-random-bytes", bytes(random, 1024))).isNull();
      byte[] headerThenGarbage = bytes(random, 512);
      headerThenGarbage[0] = (byte) 0xC3;
      headerThenGarbage[1] = 0x01;
      assertThat(run.publishInvalid("malformed-header-then-random-bytes", headerThenGarbage)).isNull();
      assertThat(run.publishInvalid("malformed-truncated-avro", Arrays.copyOf(encoded, encoded.length / 2))).isNull();
      byte[] unknownFingerprint = encoded.clone();
      for (int i = 2; i < 10; i++) {
        unknownFingerprint[i] = (byte) (0x5A + i);
      }
      assertThat(run.publishInvalid("malformed-unknown-fingerprint", unknownFingerprint)).isNull();
      run.publish(valid.subList(30, 60));
      assertThat(run.publishInvalid("malformed-null-value", null)).isNull();
      assertThat(run.publishInvalid("malformed-invalid-utf8", invalidUtf8Title(run, valid.get(1)))).isNull();
      Article oversized = ReliabilityInputs.parsed("oversized", "Oversize Wire", "A very long article",
          "word ".repeat(180_000).strip() + ".", valid.get(2).getPublished());
      oversized = Article.newBuilder(oversized).setId("malformed-oversized-body").build();
      byte[] oversizedBytes = run.topics.articles().valueSerde().serializer()
          .serialize(run.topics.articles().name(), oversized);
      assertThat(run.publishInvalid("malformed-oversized-body", oversizedBytes)).isNull();
      // A record over the producer's and broker's size limit is refused to the producer: never acknowledged
      assertThat(run.publishInvalid("malformed-over-max-request-size", bytes(random, 2 * 1024 * 1024)))
          .isInstanceOf(RecordTooLargeException.class);
      run.publish(valid.subList(60, ARTICLES));
      var accountedFor = run.awaitAccountedFor();

      // Then
      assertThat(run.acknowledged()).hasSize(ARTICLES + 7);
      ReliabilityReport.recordAndAssert(ReliabilityChecker.check("5. malformed input", run.outcome(), faultFree,
          null, accountedFor), run);
    }
  }

  private static byte[] bytes(Random random, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }

  /** A well-formed Avro article whose title bytes are not UTF-8. */
  private static byte[] invalidUtf8Title(ReliabilityRun run, Article template) {
    String marker = "QQQQQQQQ";
    Article article = Article.newBuilder(template).setId("malformed-invalid-utf8").setTitle(marker).build();
    byte[] encoded = run.topics.articles().valueSerde().serializer().serialize(run.topics.articles().name(), article);
    byte[] markerBytes = marker.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    for (int i = 0; i + markerBytes.length <= encoded.length; i++) {
      if (Arrays.equals(encoded, i, i + markerBytes.length, markerBytes, 0, markerBytes.length)) {
        byte[] invalid = {(byte) 0xC3, 0x28, (byte) 0xA0, (byte) 0xA1, (byte) 0xFF, (byte) 0xFE, (byte) 0xE2, 0x28};
        System.arraycopy(invalid, 0, encoded, i, invalid.length);
        return encoded;
      }
    }
    throw new IllegalStateException("marker not found in the encoded article");
  }
}
