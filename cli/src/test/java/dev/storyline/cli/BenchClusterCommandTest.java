package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
                + "\\(\\d+ live stories before, \\d+ after\\); released every 100 ms: \\d+ releases, "
                + "\\d+ open-story states built\\n"
                + "stories found vs generated: BCubed P \\d\\.\\d{4} R \\d\\.\\d{4} F1 \\d\\.\\d{4} "
                + "over \\d+ articles \\(\\d+ stories, \\d+ generated\\)\\n"
                + "digests \\(xxh3\\): memberships [0-9a-f]{16} over \\d+ articles; latest story "
                + "states [0-9a-f]{16} over \\d+ stories\\n"
                + "restart: index rebuilt from \\d+ open stories / \\d+ members in \\d+\\.\\d\\d s\\n\\z");
  }

  @Test
  void shouldEndInTheSameStoriesAndStatesWhetherStatesAreBuiltPerArticleOrPerRelease() {
    // When the same news is clustered with a state after each article, and with states built in
    // releases of at most 1 ms (many articles each)
    String perArticle = run("bench", "cluster", "--stories", "300", "--articles", "2000",
        "--release-every", "0");
    String perRelease = run("bench", "cluster", "--stories", "300", "--articles", "2000",
        "--release-every", "1");

    // Then memberships and every story's latest state are the same, and fewer states were built
    assertThat(perArticle).contains("states after each article: 2000 releases, 2000 open-story")
        .containsPattern("; story states [0-9a-f]{16} over \\d+ states emitted\\n");
    assertThat(latestDigests(perRelease)).isEqualTo(latestDigests(perArticle));
    assertThat(statesBuilt(perRelease)).isLessThan(statesBuilt(perArticle));
  }

  private static String run(String... args) {
    StringWriter out = new StringWriter();
    CommandLine cli = Storyline.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(new StringWriter()));
    assertThat(cli.execute(args)).isZero();
    return out.toString();
  }

  private static String latestDigests(String output) {
    Matcher m = Pattern.compile("memberships ([0-9a-f]{16}) over \\d+ articles; latest story states "
        + "([0-9a-f]{16})").matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return m.group(1) + " " + m.group(2);
  }

  private static long statesBuilt(String output) {
    Matcher m = Pattern.compile("(\\d+) open-story states built").matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return Long.parseLong(m.group(1));
  }
}
