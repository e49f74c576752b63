package dev.storyline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs the non-Java consumer example of docs/CONSUMERS.md (Node.js with avsc) on the committed
 * test vector, so the guide's decoder is proven against the real bytes. Skipped, visibly, where
 * Node.js or the example's dependencies are not installed ({@code .ci/run} installs them).
 */
class NodeConsumerExampleTest {

  private static final Path EXAMPLE = Path.of("../docs/consumers/node");

  @Test
  void shouldDecodeTheTestVectorWithTheNodeExample() throws IOException, InterruptedException {
    assumeTrue(Files.isDirectory(EXAMPLE.resolve("node_modules/avsc")),
        "docs/consumers/node has no node_modules: run npm ci there to include this test");
    // When
    Process node = new ProcessBuilder("node", "decode.mjs",
        "../../../schemas/src/main/resources/" + SchemaCatalog.RELEASED_FOLDER,
        "../../../schemas/src/test/resources/test-vectors/article-v1.bin")
        .directory(EXAMPLE.toFile())
        .redirectErrorStream(true)
        .start();
    assertThat(node.waitFor(60, TimeUnit.SECONDS)).as("node finished").isTrue();
    String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    // Then
    assertThat(node.exitValue()).as(output).isZero();
    assertThat(output).isEqualTo("{\"id\":\"3f2a9c1d5e7b8a60\",\"url\":\"https://example.com/2025/04/14/bukele-visit\","
        + "\"source\":\"Example Wire\",\"title\":\"Bukele visits the White House\","
        + "\"published\":\"2025-04-14T09:30:00.000Z\",\"publishedInferred\":false,"
        + "\"body\":\"President Donald Trump hosted Nayib Bukele on Monday. Über 200 “deportees” — 40,000 beds.\","
        + "\"language\":\"en\",\"origin\":\"wire.jsonl:7\",\"ingestedAt\":\"2025-04-14T09:31:02.250Z\"}");
  }
}
