package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code storyline bench replay} on four articles, on its own temporary embedded broker: both
 * phases complete and the report has its shape (its speed is what the benchmark measures, not
 * this test).
 */
class BenchReplayCommandIT {

  @TempDir Path folder;

  @Test
  void shouldReportLiveAndReplayRatesAndTheirRatio() throws Exception {
    // Given
    Path input = folder.resolve("articles.jsonl");
    Files.writeString(input, String.join("\n",
        article("a", "Bukele visits the White House", "Nayib Bukele met Donald Trump in Washington on Monday."),
        article("b", "Trump hosts Bukele", "Donald Trump welcomed Nayib Bukele to the White House on Monday."),
        article("c", "Storm hits Florida", "A storm left 40,000 homes in Florida without power."),
        article("d", "Florida storm damage", "The storm in Florida cut power to 40,000 homes, officials said."))
        + "\n");
    StringWriter out = new StringWriter();
    CommandLine cli = Storyline.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));

    // When
    int code = cli.execute("bench", "replay", "--input", input.toString(), "--warmup", "1", "--timeout", "PT5M");

    // Then
    assertThat(code).isZero();
    assertThat(out.toString())
        .containsPattern("live: +3 articles enriched in [\\d.]+ s = [\\d.]+ articles/s \\(after 1 to warm up\\)")
        .containsPattern("replay: 4 articles re-enriched in [\\d.]+ s = [\\d.]+ articles/s \\(from the replay "
            + "request, including the switch to generation 1\\)")
        .containsPattern("replay: stories rebuilt and stored by the sink [\\d.]+ s after the request")
        .containsPattern("ratio replay / live: \\d+% \\(target >= 100%\\)");
  }

  private static String article(String id, String title, String body) {
    return "{\"id\":\"" + id + "\",\"source\":\"wire-" + id + "\",\"title\":\"" + title
        + "\",\"published\":\"2025-04-14T10:00:00Z\",\"body\":\"" + body + "\"}";
  }
}
