package dev.storyline.cli;

import static dev.storyline.cli.StoryFixtures.T0;
import static dev.storyline.cli.StoryFixtures.T1;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.avro.StoryCluster;
import dev.storyline.avro.StoryMember;
import dev.storyline.sink.StoryDatabase;
import dev.storyline.sink.StoryWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code storyline stories} and {@code storyline story} on a database written by the sink's
 * writer: filters, text, JSON and NDJSON output, errors. The subclasses run it on SQLite and on
 * PostgreSQL.
 */
abstract class StoryCommandsContract {

  static final Instant STORED_AT = Instant.parse("2025-03-17T12:00:00Z");
  static final Instant MARCH_20 = Instant.parse("2025-03-20T10:00:00Z");
  static final String NL = System.lineSeparator();
  private static final ObjectMapper JSON = new ObjectMapper();

  private String jdbcUrl;

  /** The JDBC URL of a freshly created, empty database of the product under test. */
  abstract String freshDatabaseUrl() throws Exception;

  private record Run(int exitCode, String out, String err) {}

  private Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var cli = Storyline.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--db=" + jdbcUrl);
    int code = cli.execute(all.toArray(String[]::new));
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeEach
  void storeStories() throws Exception {
    jdbcUrl = freshDatabaseUrl();
    write(List.of(
        StoryFixtures.deportations(3),
        StoryFixtures.simple("story-storm", 1, "Storm reaches Valencia", MARCH_20, List.of("BBC", "El País"),
            List.of("Carlos Mazón"))));
  }

  private void write(List<StoryCluster> stories) {
    try (StoryWriter writer = new StoryWriter(StoryDatabase.open(jdbcUrl), Clock.fixed(STORED_AT, ZoneOffset.UTC))) {
      writer.write(stories, Map.of(new TopicPartition("storyline.stories", 0), (long) stories.size()));
    }
  }

  @Test
  void shouldShowTheWholeStoryWithDuplicatesAndConflictsMarked() {
    // When
    Run run = run("story", "story-deport");
    // Then
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).isEqualTo(String.join(NL,
        "US deports 238 Venezuelans to El Salvador",
        "  story story-deport, version 3: 3 articles (2 not duplicates) from 3 sources, 2025-03-16 08:00Z..2025-03-16 11:15Z",
        "",
        "  members",
        "  2025-03-16 08:00Z  Reuters              US deports 238 Venezuelans to El Salvador  [a-1]",
        "  2025-03-16 09:30Z  AP                   US deports 238 Venezuelans to El Salvador  [a-2]  DUPLICATE of a-1",
        "  2025-03-16 11:15Z  BBC                  Over 200 Venezuelans sent to Salvadoran prison  [a-3]",
        "",
        "  entities",
        "  Donald Trump                     person       2 articles, 5 mentions",
        "  El Salvador                      location     2 articles, 3 mentions",
        "",
        "  figures",
        "  Venezuelans deported (count, Venezuelans)  CONFLICT: outlets disagree",
        "    Reuters              \"238\" (exact)  [a-1]",
        "    BBC                  \"over 200\" (lower bound)  [a-3]",
        "  flight date (date)",
        "    Reuters              \"Saturday\" (exact)  [a-1]",
        ""));
  }

  @Test
  void shouldPrintTheWholeStoryAsTheDocumentedJson() throws Exception {
    // When
    Run run = run("story", "story-deport", "--json");
    // Then
    assertThat(run.exitCode()).isZero();
    assertThat(JSON.readTree(run.out())).isEqualTo(JSON.readTree("""
        {"storyId": "story-deport", "version": 3, "headline": "US deports 238 Venezuelans to El Salvador",
         "firstPublished": "2025-03-16T08:00:00Z", "lastPublished": "2025-03-16T11:15:00Z", "coverage": 2,
         "sources": ["AP", "BBC", "Reuters"],
         "members": [
           {"articleId": "a-1", "source": "Reuters", "title": "US deports 238 Venezuelans to El Salvador",
            "url": "https://reuters.example/a-1", "published": "2025-03-16T08:00:00Z", "duplicateOf": null},
           {"articleId": "a-2", "source": "AP", "title": "US deports 238 Venezuelans to El Salvador",
            "url": null, "published": "2025-03-16T09:30:00Z", "duplicateOf": "a-1"},
           {"articleId": "a-3", "source": "BBC", "title": "Over 200 Venezuelans sent to Salvadoran prison",
            "url": "https://bbc.example/a-3", "published": "2025-03-16T11:15:00Z", "duplicateOf": null}],
         "entities": [
           {"name": "Donald Trump", "type": "PERSON", "articleCount": 2, "mentionCount": 5},
           {"name": "El Salvador", "type": "LOCATION", "articleCount": 2, "mentionCount": 3}],
         "figureGroups": [
           {"kind": "COUNT", "unit": "Venezuelans", "label": "Venezuelans deported", "conflicting": true,
            "values": [
              {"articleId": "a-1", "source": "Reuters", "qualifier": "EXACT", "value": 238.0, "upperValue": null,
               "date": null, "text": "238", "sentence": "The US deported 238 Venezuelans on Sunday."},
              {"articleId": "a-3", "source": "BBC", "qualifier": "LOWER_BOUND", "value": 200.0, "upperValue": null,
               "date": null, "text": "over 200", "sentence": "Over 200 Venezuelans were flown out."}]},
           {"kind": "DATE", "unit": null, "label": "flight date", "conflicting": false,
            "values": [
              {"articleId": "a-1", "source": "Reuters", "qualifier": "EXACT", "value": null, "upperValue": null,
               "date": "2025-03-15", "text": "Saturday", "sentence": "The flights left on Saturday."}]}],
         "closed": false, "clustererVersion": "0.1.0-SNAPSHOT+a1b2c3", "updatedAt": "2025-03-17T12:00:00Z"}
        """));
    // And --format ndjson prints the same object on one line
    Run line = run("story", "story-deport", "--format", "ndjson");
    assertThat(line.out()).doesNotContain("\n  ").endsWith(NL);
    assertThat(line.out().strip().lines()).hasSize(1);
    assertThat(JSON.readTree(line.out())).isEqualTo(JSON.readTree(run.out()));
  }

  @Test
  void shouldFailWithExitCodeOneForAnUnknownStory() {
    // When
    Run run = run("story", "story-nope", "--json");
    // Then
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("storyline story: no story 'story-nope' in jdbc:")
        .endsWith(": `storyline stories` lists the stored story ids" + NL);
  }

  @Test
  void shouldListSummariesAsJsonAndOneSummaryPerLineAsNdjson() throws Exception {
    // When
    Run json = run("stories", "--json");
    Run ndjson = run("stories", "--format=ndjson");
    // Then
    String storm = """
        {"storyId": "story-storm", "headline": "Storm reaches Valencia", "articleCount": 2,
         "sources": ["BBC", "El País"], "firstPublished": "2025-03-20T10:00:00Z", "lastPublished": "2025-03-20T10:00:00Z"}""";
    String deport = """
        {"storyId": "story-deport", "headline": "US deports 238 Venezuelans to El Salvador", "articleCount": 3,
         "sources": ["AP", "BBC", "Reuters"], "firstPublished": "2025-03-16T08:00:00Z",
         "lastPublished": "2025-03-16T11:15:00Z"}""";
    assertThat(json.exitCode()).isZero();
    assertThat(JSON.readTree(json.out())).isEqualTo(JSON.readTree("[" + storm + "," + deport + "]"));
    assertThat(ndjson.exitCode()).isZero();
    List<JsonNode> lines = ndjson.out().lines().map(this::parse).toList();
    assertThat(lines).containsExactly(JSON.readTree(storm), JSON.readTree(deport));
  }

  @Test
  void shouldExportWholeStoriesOnePerLineWithFull() throws Exception {
    // When
    Run export = run("stories", "--format", "ndjson", "--full", "--source", "reuters");
    // Then the one matching story is exported whole, exactly as `story ID --json` prints it
    assertThat(export.exitCode()).isZero();
    List<JsonNode> lines = export.out().lines().map(this::parse).toList();
    assertThat(lines).containsExactly(JSON.readTree(run("story", "story-deport", "--json").out()));
  }

  @Test
  void shouldFilterBySinceEntityAndSource() {
    assertThat(ids(run("stories", "--json", "--since", "2025-03-17"))).containsExactly("story-storm");
    assertThat(ids(run("stories", "--json", "--since", "2025-03-16T11:15:00Z")))
        .containsExactly("story-storm", "story-deport");
    assertThat(ids(run("stories", "--json", "--since", "2025-03-21"))).isEmpty();
    assertThat(ids(run("stories", "--json", "--entity", "donald trump"))).containsExactly("story-deport");
    assertThat(ids(run("stories", "--json", "--entity", "Carlos Mazón"))).containsExactly("story-storm");
    assertThat(ids(run("stories", "--json", "--source", "BBC"))).containsExactly("story-storm", "story-deport");
    assertThat(ids(run("stories", "--json", "--source", "bbc", "--entity", "Donald Trump")))
        .containsExactly("story-deport");
    assertThat(ids(run("stories", "--json", "--limit", "1"))).containsExactly("story-storm");
  }

  @Test
  void shouldListStoriesAsTextAndSayWhenNoneMatch() {
    assertThat(run("stories").out()).isEqualTo(String.join(NL,
        "story-storm  2025-03-20..2025-03-20   2 articles  BBC, El País",
        "    Storm reaches Valencia",
        "story-deport  2025-03-16..2025-03-16   3 articles  AP, BBC, Reuters",
        "    US deports 238 Venezuelans to El Salvador",
        ""));
    Run none = run("stories", "--source", "Nobody");
    assertThat(none.exitCode()).isZero();
    assertThat(none.out()).startsWith("no stories in jdbc:").endsWith(" match" + NL);
  }

  @Test
  void shouldRefuseContradictoryOrBadOptionsAsUsageErrors() {
    Run both = run("stories", "--json", "--format", "ndjson");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).startsWith("--json and --format ndjson contradict each other: give one");
    assertThat(run("stories", "--full").exitCode()).isEqualTo(2);
    Run since = run("stories", "--since", "yesterday");
    assertThat(since.exitCode()).isEqualTo(2);
    assertThat(since.err()).startsWith("--since: 'yesterday' is not a date (2025-04-14) or an ISO instant");
    assertThat(run("stories", "--limit", "0").exitCode()).isEqualTo(2);
  }

  @Test
  void shouldPrintHostileTextAsValidJsonThatReadsBackUnchanged() throws Exception {
    // Given a story whose every text is hostile: quotes, SQL, emoji, line breaks, a 100 kB title
    String injection = "'); DROP TABLE stories;--";
    String quotes = "He said \"it's 'fine'\" \\ back\\slash; </script> \u2028 \u0007";
    String emoji = "Flood 🌊 in Zürich — 東京 👩‍👩‍👧";
    String huge = "x".repeat(100 * 1024 - 3) + "end";
    String multiline = "line one\nline two\r\n\ttabbed";
    StoryCluster story = StoryFixtures.simple(injection, 1, quotes, T0, List.of(emoji, injection), List.of(multiline));
    List<StoryMember> members = new ArrayList<>(story.getMembers());
    members.set(0, new StoryMember(emoji, quotes, huge, "https://x.example/?q='1'&r=\"2\"", T1, injection));
    story.setMembers(members);
    write(List.of(story));

    // When it is printed as JSON, as NDJSON, and as text
    Run json = run("story", injection, "--json");
    Run ndjson = run("stories", "--format", "ndjson", "--full", "--entity", multiline);
    Run text = run("story", injection);

    // Then the JSON parses and holds the text exactly
    assertThat(json.exitCode()).isZero();
    JsonNode parsed = JSON.readTree(json.out());
    assertThat(parsed.get("storyId").asText()).isEqualTo(injection);
    assertThat(parsed.get("headline").asText()).isEqualTo(quotes);
    assertThat(parsed.get("sources")).containsExactly(JSON.valueToTree(emoji), JSON.valueToTree(injection));
    JsonNode first = parsed.get("members").get(0);
    assertThat(List.of(first.get("articleId").asText(), first.get("source").asText(), first.get("title").asText(),
        first.get("url").asText(), first.get("duplicateOf").asText()))
        .containsExactly(emoji, quotes, huge, "https://x.example/?q='1'&r=\"2\"", injection);
    assertThat(parsed.get("entities").get(0).get("name").asText()).isEqualTo(multiline);
    // And the export is one line per story even with line breaks in the text
    assertThat(ndjson.out().lines()).hasSize(1);
    assertThat(JSON.readTree(ndjson.out())).isEqualTo(parsed);
    // And the text rendering shows it too; the other story is still there (no table was dropped)
    assertThat(text.exitCode()).isZero();
    assertThat(text.out()).contains(huge).contains(emoji).contains("DUPLICATE of " + injection);
    assertThat(ids(run("stories", "--json"))).containsExactly("story-storm", "story-deport", injection);
  }

  private JsonNode parse(String line) {
    try {
      return JSON.readTree(line);
    } catch (Exception e) {
      throw new AssertionError("not a JSON line: " + line, e);
    }
  }

  private List<String> ids(Run run) {
    assertThat(run.exitCode()).as(run.err()).isZero();
    List<String> ids = new ArrayList<>();
    parse(run.out()).forEach(node -> ids.add(node.get("storyId").asText()));
    return ids;
  }
}
