package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code storyline eval entities} and {@code storyline eval figures} on small fixtures of their own. */
class EvalCommandsTest {

  @TempDir Path dir;

  private record Run(int exitCode, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Storyline.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void shouldReportFigureCasesPerFileAsJson() throws Exception {
    // Given: one file with a passing and a failing case, one with a passing case
    Files.writeString(dir.resolve("PercentModel.json"), """
        [{"Input": "twenty percent", "Results": [{"Text": "twenty percent", "TypeName": "percentage",
          "Resolution": {"value": "20%"}, "Start": 0, "End": 13}]},
         {"Input": "How do I calculate a percentage?", "Results": [{"Text": "percentage",
          "TypeName": "percentage", "Resolution": {"value": null}, "Start": 21, "End": 30}]}]
        """);
    Files.writeString(dir.resolve("CurrencyModel.json"), """
        [{"Input": "paid $94,000 to drop claims", "Results": [{"Text": "$94,000", "TypeName": "currency",
          "Resolution": {"value": "94000", "unit": "Dollar"}, "Start": 5, "End": 11}]}]
        """);

    // When
    Run run = run("eval", "figures", dir.toString(), "--json");

    // Then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out().strip()).isEqualTo("{\"files\":{\"CurrencyModel.json\":{\"cases\":1,\"passed\":1},"
        + "\"PercentModel.json\":{\"cases\":2,\"passed\":1}},\"pass_rate\":0.6666666666666666}");
  }

  @Test
  void shouldListFailedCasesWithWhatWasExpectedAndFound() throws Exception {
    // Given
    Files.writeString(dir.resolve("PercentModel.json"), """
        [{"Input": "twenty percent", "Results": [{"Text": "twenty percent", "TypeName": "percentage",
          "Resolution": {"value": "20%"}, "Start": 0, "End": 13}]},
         {"Input": "How do I calculate a percentage?", "Results": [{"Text": "percentage",
          "TypeName": "percentage", "Resolution": {"value": null}, "Start": 21, "End": 30}]}]
        """);

    // When
    Run run = run("eval", "figures", dir.toString(), "--failures");

    // Then: spec offsets are inclusive, the listing's are end-exclusive like the figures'
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(String.join(System.lineSeparator(),
        "FAIL PercentModel.json: How do I calculate a percentage?",
        "  expected: percentage null [21,31] \"percentage\"",
        "  found:    nothing",
        "PercentModel.json            1 /     2   50.0%",
        "all                          1 /     2   50.0%", ""));
  }

  @Test
  void shouldNameAMissingFolder() {
    // When
    Run run = run("eval", "figures", dir.resolve("absent").toString());

    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).contains(dir.resolve("absent") + ": no such folder");
  }

  @Test
  void shouldScoreEntitiesOnACoNllFileAsJson() throws Exception {
    // Given
    Path conll = dir.resolve("tiny.conll");
    Files.writeString(conll, """
        -DOCSTART- -X- -X- O

        Bukele NNP B-NP I-PER
        met VBD B-VP O
        Donald NNP B-NP I-PER
        Trump NNP I-NP I-PER
        in IN B-PP O
        Washington NNP B-NP I-LOC
        . . O O
        """);

    // When
    Run run = run("eval", "entities", "--conll", conll.toString(), "--json");

    // Then
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out().strip()).isEqualTo("{\"overall\":{\"precision\":1.0,\"recall\":1.0,\"f1\":1.0},"
        + "\"per_type\":{"
        + "\"PER\":{\"precision\":1.0,\"recall\":1.0,\"f1\":1.0,\"gold\":2,\"predicted\":2,\"correct\":2},"
        + "\"ORG\":{\"precision\":0.0,\"recall\":0.0,\"f1\":0.0,\"gold\":0,\"predicted\":0,\"correct\":0},"
        + "\"LOC\":{\"precision\":1.0,\"recall\":1.0,\"f1\":1.0,\"gold\":1,\"predicted\":1,\"correct\":1},"
        + "\"MISC\":{\"precision\":0.0,\"recall\":0.0,\"f1\":0.0,\"gold\":0,\"predicted\":0,\"correct\":0}}}");
  }
}
