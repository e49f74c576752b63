package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The ingest command without a broker: usage errors and dry runs. */
class IngestCommandTest {

  private record Run(int exitCode, String out, String err) {}

  @TempDir Path dir;

  private static Run run(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Storyline.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    IngestCommand ingest = cli.getSubcommands().get("ingest").getCommand();
    ingest.stdin = new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void shouldValidateStdinAndFilesInADryRunNamingEachRefusedLine() throws Exception {
    // Given a good file and stdin with one good and one bad line
    Path file = dir.resolve("a.txt");
    Files.writeString(file, "date 2025-04-14 Bukele visits. Body.");
    String stdin = "{\"id\":\"x\",\"source\":\"S\",\"title\":\"T\",\"published\":\"2025-04-14\",\"body\":\"B\"}\n"
        + "{\"id\":\"y\",\"source\":\"S\",\"title\":\"T\",\"published\":\"2025-04-14\",\"body\":\"\"}\n";
    // When
    Run run = run(stdin, "ingest", "--dry-run", file.toString(), "-");
    // Then
    assertThat(run.exitCode()).isEqualTo(IngestCommand.SOME_REFUSED);
    assertThat(run.out()).isEqualTo("dry run: 2 published, 1 refused, 0 failed" + System.lineSeparator());
    assertThat(run.err()).isEqualTo("stdin:2: empty body" + System.lineSeparator());
  }

  @Test
  void shouldReadTextFromStdinWhenAskedTo() {
    Run run = run("Bukele met Trump. Body.", "ingest", "--dry-run", "--stdin-format", "text", "-");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo("dry run: 1 published, 0 refused, 0 failed" + System.lineSeparator());
  }

  @Test
  void shouldExplainWhatIsMissingOrWrong() {
    // Usage errors: exit 2 and the usage text after the reason
    Run nothing = run("", "ingest");
    assertThat(nothing.exitCode()).isEqualTo(2);
    assertThat(nothing.err()).startsWith("Missing required parameter: 'PATH' (or - for stdin, --watch DIR, "
        + "--http PORT, --feed URL)" + System.lineSeparator());
    Run dryContinuous = run("", "ingest", "--dry-run", "--http", "0");
    assertThat(dryContinuous.exitCode()).isEqualTo(2);
    assertThat(dryContinuous.err()).startsWith("--dry-run validates PATHs and stdin only; drop --watch, --http and --feed"
        + System.lineSeparator());
    // Wrong values: exit 1 with one line
    Run noFolder = run("", "ingest", "--watch", dir.resolve("nope").toString());
    assertThat(noFolder.exitCode()).isEqualTo(1);
    assertThat(noFolder.err())
        .isEqualTo("storyline ingest: --watch " + dir.resolve("nope") + ": no such folder" + System.lineSeparator());
    assertThat(run("", "ingest", "--feed", "ftp://example.com/rss").err())
        .isEqualTo("storyline ingest: --feed ftp://example.com/rss: not an http(s) URL" + System.lineSeparator());
  }
}
