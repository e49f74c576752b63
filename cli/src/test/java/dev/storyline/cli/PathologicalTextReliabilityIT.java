package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import dev.storyline.cli.reliability.ReliabilityChecker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability scenario 6: pathological text among ordinary articles. A body of one megabyte with
 * no punctuation is over enrich's body limit ({@code storyline.enrich.max-body-chars}, 200,000
 * characters), so it is invalid input and must be rejected, not stall a stream thread; one
 * sentence of 10,000 tokens is valid (enrich cuts it into segments) and must reach a story. The
 * stories must equal a fault-free run of the valid articles.
 */
@ExtendWith(SharedBroker.class)
class PathologicalTextReliabilityIT {

  private static final int ARTICLES = 90;

  @TempDir Path dir;

  @Test
  void shouldRejectAMegabyteWithoutPunctuationAndStoreASentenceOfTenThousandTokens() throws Exception {
    // Given ordinary articles and two pathological ones
    List<Article> base = ReliabilityInputs.allsides(ARTICLES);
    Random random = new Random(6);
    Article longSentence = ReliabilityInputs.parsed("long-sentence", "Pathology Press",
        "One sentence of ten thousand tokens", words(random, 10_000, 0) + ".", base.get(40).getPublished());
    Article megabyte = ReliabilityInputs.parsed("megabyte", "Pathology Press", "A megabyte without punctuation",
        words(random, Integer.MAX_VALUE, 1_000_000), base.get(41).getPublished());
    assertThat(megabyte.getBody()).hasSize(1_000_000).doesNotContain(".", ",", ";", "!", "?");
    List<Article> valid = new ArrayList<>(base.subList(0, 45));
    valid.add(longSentence);
    valid.addAll(base.subList(45, ARTICLES));
    List<List<String>> faultFree = FaultFreeRuns.members(dir, SharedBroker.bootstrapServers(), valid);
    try (ReliabilityRun run = new ReliabilityRun(dir, "pathological", SharedBroker.bootstrapServers(), 2, (short) 1)) {
      run.startEnrich();
      run.startSink();
      // When they arrive in the middle of the stream
      run.publish(valid.subList(0, 45));
      byte[] megabyteBytes = run.topics.articles().valueSerde().serializer()
          .serialize(run.topics.articles().name(), megabyte);
      assertThat(run.publishInvalid(megabyte.getId(), megabyteBytes)).isNull();
      run.publish(valid.subList(45, valid.size()));
      var accountedFor = run.awaitAccountedFor();

      // Then
      ReliabilityReport.recordAndAssert(ReliabilityChecker.check("6. pathological text", run.outcome(), faultFree,
          null, accountedFor), run);
      assertThat(run.rejectedIds()).containsExactly(megabyte.getId());
    }
  }

  /**
   * Lower-case pseudo-words separated by single spaces: {@code tokens} of them, or as many as fit
   * in exactly {@code chars} characters when {@code chars} is positive.
   */
  private static String words(Random random, int tokens, int chars) {
    StringBuilder text = new StringBuilder();
    for (int t = 0; t < tokens; t++) {
      if (t > 0) {
        text.append(' ');
      }
      int length = 3 + random.nextInt(7);
      for (int i = 0; i < length; i++) {
        text.append((char) ('a' + random.nextInt(26)));
      }
      if (chars > 0 && text.length() >= chars) {
        text.setLength(chars);
        if (text.charAt(chars - 1) == ' ') {
          text.setCharAt(chars - 1, 'x');
        }
        break;
      }
    }
    return text.toString();
  }
}
