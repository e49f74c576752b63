package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchClusterCommandTest {

  @Test
  void shouldReportThroughputWithTheLiveStoriesAndTheIndexRebuildTime() {
    // Given
    StringWriter out = new StringWriter();
    CommandLine cli = Storyline.commandLine();
    cli.setOut(new PrintWriter(out));

    // When
    int code = cli.execute("bench", "cluster", "--stories", "200", "--articles", "300");

    // Then
    assertThat(code).isZero();
    assertThat(out.toString())
        .containsPattern(
            "\\Acluster: 300 articles in \\d+\\.\\d\\d s = \\d+ articles/s on one thread "
                + "\\(\\d+ live stories before, \\d+ after\\)\\n"
                + "restart: index rebuilt from \\d+ open stories / 500 members in \\d+\\.\\d\\d s\\n\\z");
  }
}
