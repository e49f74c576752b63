package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchClusterCommandTest {

  @Test
  void shouldReportThroughputWithTheLiveStoriesQualityAndTheIndexRebuildTime() {
    // Given
    StringWriter out = new StringWriter();
    CommandLine cli = Storyline.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));

    // When
    int code = cli.execute("bench", "cluster", "--stories", "200", "--articles", "300");

    // Then
    assertThat(code).isZero();
    assertThat(out.toString())
        .containsPattern(
            "\\Acluster \\(memory book\\): 300 articles in \\d+\\.\\d\\d s = \\d+ articles/s on one "
                + "thread; \\d+\\.\\d\\d s of its CPU time = \\d+ articles per CPU second "
                + "\\(\\d+ live stories before, \\d+ after\\)\\n"
                + "stories found vs generated: BCubed P \\d\\.\\d{4} R \\d\\.\\d{4} F1 \\d\\.\\d{4} "
                + "over \\d+ articles \\(\\d+ stories, \\d+ generated\\)\\n"
                + "digests \\(xxh3\\): memberships [0-9a-f]{16} over \\d+ articles; story states "
                + "[0-9a-f]{16} over \\d+ states emitted\\n"
                + "restart: index rebuilt from \\d+ open stories / \\d+ members in \\d+\\.\\d\\d s\\n\\z");
  }
}
