package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code storyline bench enrich} on a two-article folder: the report's shape, not its speed. */
class BenchEnrichCommandTest {

  @TempDir Path seeds;

  @Test
  void shouldReportRawAndEnrichRatesPerDataSet() throws Exception {
    // Given
    Files.writeString(seeds.resolve("a.txt"), "date 2025-04-14 Bukele met Trump in Washington on Monday.");
    Files.writeString(seeds.resolve("b.txt"), "The prison holds 40,000 inmates, officials in El Salvador said.");
    StringWriter out = new StringWriter();
    CommandLine cli = Storyline.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));

    // When
    int code = cli.execute("bench", "enrich", "--seeds", seeds.toString(), "--input", "none",
        "--articles", "4", "--warmup", "0");

    // Then
    assertThat(code).isZero();
    assertThat(out.toString())
        .containsPattern("seeds \\(.*\\): 4 articles, 40 CoreNLP tokens \\(mean 10\\)")
        .containsPattern("raw CoreNLP: +[\\d.]+ articles/s")
        .containsPattern("storyline enrich: +[\\d.]+ articles/s .*% of raw CoreNLP\\)")
        .containsPattern("heap in use after GC: \\d+ MB");
  }
}
