package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code storyline demo} as a newcomer runs it, in-process, on a fresh data folder. */
class DemoCommandIT {

  @TempDir Path dataDir;

  private record Run(int exitCode, String out, String err) {}

  private static Run storyline(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Storyline.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int code = cli.execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void shouldPrintTheSeedStoryAndAddNothingWhenRunAgain() throws IOException {
    // Given a fresh data folder and a free port
    String port = Integer.toString(freePort());
    String[] demo = {"demo", "--data-dir", dataDir.toString(), "--kafka-port", port, "--seeds", "../seeds"};
    // When
    Run first = storyline(demo);
    Run second = storyline(demo);
    // Then the five seed articles form stories, printed the same way both times
    assertThat(first.exitCode()).as(first.err()).isZero();
    // Seeds 001-003 carry no date marker; their publication dates are read from the dates they
    // write (2025-04-14), and 000 announces the visit for "next month", so all five are one story.
    assertThat(first.out()).startsWith("1 story from 5 articles:");
    assertThat(first.out()).contains("5 articles (5 not duplicates) from 5 sources");
    List<java.util.Set<String>> memberships = new java.util.ArrayList<>();
    for (String block : first.out().split("\n  story ")) {
      java.util.Set<String> members = new java.util.TreeSet<>();
      java.util.regex.Matcher member = java.util.regex.Pattern.compile("(?m)^  \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}Z  (\\S+) ").matcher(block);
      while (member.find()) {
        members.add(member.group(1));
      }
      if (!members.isEmpty()) {
        memberships.add(members);
      }
    }
    assertThat(memberships).containsExactly(java.util.Set.of("000_bf028cc470a97a7a", "001_35b253ea46a1fa10",
        "002_d76eef7422566d50", "003_0dce748565759669", "004_47472d6069e3c387"));
    // The merged entities name the story's people, places and organisations once each
    for (String entity : List.of("Donald Trump", "Nayib Bukele", "Marco Rubio", "Kristi Noem",
        "El Salvador", "Tren de Aragua", "CECOT")) {
      assertThat(java.util.regex.Pattern.compile("(?m)^  " + java.util.regex.Pattern.quote(entity) + " +\\w+ +\\d+ articles?")
          .matcher(first.out()).results().count()).as(entity).isEqualTo(1);
    }
    // "Cecot" and "Terrorism Confinement Center" are CECOT, not entities of their own
    assertThat(first.out()).doesNotContainPattern("(?m)^  (Cecot|Terrorism Confinement Cent(er|re)) ");
    // The outlets' numbers of Venezuelans deported are one figure group, flagged as a conflict
    String figures = first.out().substring(first.out().indexOf("\n  figures\n"));
    assertThat(figures).contains("Venezuelans (count, Venezuelans)  CONFLICT: outlets disagree",
        "\"238 Venezuelans\" (exact)", "\"around 250 alleged Tren de Aragua members\" (approximate)",
        "\"more than 200 alleged members\" (lower bound)");
    for (String seed : List.of("000_bf028cc470a97a7a", "001_35b253ea46a1fa10", "002_d76eef7422566d50",
        "003_0dce748565759669", "004_47472d6069e3c387")) {
      // Exactly one member line per seed (figure lines name the source too).
      assertThat(java.util.regex.Pattern.compile("(?m)^  \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}Z  " + seed + " ").matcher(first.out())
          .results().count()).as(seed).isEqualTo(1);
    }
    assertThat(second.exitCode()).as(second.err()).isZero();
    assertThat(second.out()).isEqualTo(first.out());
    // And the broker's log holds the first run's records
    try (Stream<Path> files = Files.list(dataDir.resolve("kafka"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .contains("storyline.articles-0", "storyline.articles-1", "storyline.articles-2", "meta.properties");
    }
    // And the stories command reads the same database
    Run stories = storyline("stories", "--data-dir", dataDir.toString(), "--json");
    assertThat(stories.exitCode()).isZero();
    assertThat(stories.out()).contains("\"articleCount\" : 5");
  }

  @Test
  void shouldWriteTheSameStoryRowsIntoPostgreSqlAsIntoSqlite(@TempDir Path otherDataDir) throws Exception {
    // Given a PostgreSQL schema of its own (skipped, and reported so, without a server)
    SinkTestPostgres postgres = new SinkTestPostgres();
    String postgresUrl = postgres.freshSchemaUrl();
    try {
      // When the demo runs once into the default SQLite file and once into PostgreSQL
      Run sqlite = storyline("demo", "--data-dir", dataDir.toString(), "--kafka-port",
          Integer.toString(freePort()), "--seeds", "../seeds");
      Run pg = storyline("demo", "--data-dir", otherDataDir.toString(), "--db", postgresUrl,
          "--kafka-port", Integer.toString(freePort()), "--seeds", "../seeds");
      assertThat(sqlite.exitCode()).as(sqlite.err()).isZero();
      assertThat(pg.exitCode()).as(pg.err()).isZero();

      // Then both databases hold the same stories, row for row, but for when they were written
      Run fromSqlite = storyline("stories", "--data-dir", dataDir.toString(), "--format", "ndjson", "--full");
      Run fromPostgres = storyline("stories", "--db", postgresUrl, "--format", "ndjson", "--full");
      assertThat(fromSqlite.exitCode()).as(fromSqlite.err()).isZero();
      assertThat(fromPostgres.exitCode()).as(fromPostgres.err()).isZero();
      assertThat(fromSqlite.out()).contains("\"source\":\"004_47472d6069e3c387\"");
      assertThat(withoutWriteTimes(fromPostgres.out())).isEqualTo(withoutWriteTimes(fromSqlite.out()));
    } finally {
      postgres.drop();
    }
  }

  private static String withoutWriteTimes(String ndjson) {
    return ndjson.replaceAll("\"updatedAt\":\"[^\"]*\"", "\"updatedAt\":\"\"");
  }

  @Test
  void shouldNameTheOptionToChangeWhenThePortIsTaken() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      Run run = storyline("demo", "--data-dir", dataDir.toString(), "--kafka-port",
          Integer.toString(taken.getLocalPort()), "--seeds", "../seeds");
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).startsWith("storyline demo: port " + taken.getLocalPort() + " on 127.0.0.1 is already in use")
          .contains("--kafka-port");
    }
  }
}
