package dev.storyline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleParserTest {

  private static final Instant NOW = Instant.parse("2025-04-15T08:00:00Z");
  private static final Instant MODIFIED = Instant.parse("2025-04-10T12:00:00Z");
  private final ArticleParser parser = new ArticleParser(Clock.fixed(NOW, ZoneOffset.UTC), 200);

  private List<IngestOutcome> parse(InputFormat format, String text) {
    return parser.parse("in/x.txt", text.getBytes(StandardCharsets.UTF_8), format, "x", MODIFIED);
  }

  private static Article accepted(IngestOutcome outcome) {
    assertThat(outcome).isInstanceOf(IngestOutcome.Accepted.class);
    return ((IngestOutcome.Accepted) outcome).article();
  }

  private static String reason(IngestOutcome outcome) {
    assertThat(outcome).isInstanceOf(IngestOutcome.Refused.class);
    return ((IngestOutcome.Refused) outcome).describe();
  }

  @Test
  void shouldReadSeedTextWithLeadingDateMarker() {
    // Given the seeds form: a space, the marker, then the body on the same line
    String text = " date 2025-03-28 President Donald Trump plans to host Nayib Bukele. More follows.\n\nSecond paragraph.";
    // When
    Article article = accepted(parse(InputFormat.TEXT, text).get(0));
    // Then
    assertThat(article.getTitle()).isEqualTo("President Donald Trump plans to host Nayib Bukele.");
    assertThat(article.getBody()).isEqualTo(
        "President Donald Trump plans to host Nayib Bukele. More follows.\n\nSecond paragraph.");
    assertThat(article.getSource()).isEqualTo("x");
    assertThat(article.getPublished()).isEqualTo(Instant.parse("2025-03-28T00:00:00Z"));
    assertThat(article.getPublishedInferred()).isFalse();
    assertThat(article.getOrigin()).isEqualTo("in/x.txt:1");
    assertThat(article.getIngestedAt()).isEqualTo(NOW);
    assertThat(article.getId()).isEqualTo(ArticleIds.id(java.util.Optional.empty(), "x", article.getTitle(), article.getBody()));
  }

  @Test
  void shouldInferPublicationTimeFromTheFileWhenTextHasNoDate() {
    Article article = accepted(parse(InputFormat.TEXT, "Donald Trump is set to meet Bukele.\nSince March…").get(0));
    assertThat(article.getTitle()).isEqualTo("Donald Trump is set to meet Bukele.");
    assertThat(article.getPublished()).isEqualTo(MODIFIED);
    assertThat(article.getPublishedInferred()).isTrue();
  }

  @Test
  void shouldEstimatePublicationFromTheDatesWrittenInATextWithoutMarker() {
    Article article = accepted(parse(InputFormat.TEXT,
        "Trump invited Bukele for a visit on April 8, 2025.\nDeportations began on March 15, 2025; the summit is on May 1, 2025.").get(0));
    assertThat(article.getPublished()).isEqualTo(java.time.Instant.parse("2025-04-08T00:00:00Z"));
    assertThat(article.getPublishedInferred()).isTrue();
  }

  @Test
  void shouldRefuseEmptyBodyAndBadDateMarkerNamingTheProblem() {
    assertThat(reason(parse(InputFormat.TEXT, "  \n ").get(0))).isEqualTo("in/x.txt:1: empty body");
    assertThat(reason(parse(InputFormat.TEXT, "date 2025-13-45 Body.").get(0)))
        .isEqualTo("in/x.txt:1: unparseable date '2025-13-45' in the date marker (expected YYYY-MM-DD)");
  }

  @Test
  void shouldRefuseInvalidUtf8AndBinaryContent() {
    byte[] invalid = {'a', (byte) 0xC3, (byte) 0x28, 'b'};
    byte[] binary = {'a', 0, 'b'};
    assertThat(reason(parser.parse("f", invalid, InputFormat.TEXT, "x", MODIFIED).get(0))).isEqualTo("f:1: invalid UTF-8");
    assertThat(reason(parser.parse("f", binary, InputFormat.TEXT, "x", MODIFIED).get(0))).isEqualTo("f:1: binary content (NUL byte)");
  }

  @Test
  void shouldRefuseBodyAboveTheLimit() {
    String body = "word ".repeat(60);
    assertThat(reason(parse(InputFormat.TEXT, "Title here. " + body).get(0)))
        .isEqualTo("in/x.txt:1: body is 311 bytes, above the limit of 200 bytes (raise it with --max-body-bytes)");
  }

  @Test
  void shouldReadJsonLinesKeepingGoodLinesAndNamingBadOnes() {
    // Given three lines: valid (with an unknown field), missing fields, a bad date; and a blank line
    String jsonl = """
        {"id": "allsides-1-left", "source": "CNBC", "url": "https://www.cnbc.com/a?utm_campaign=x", "title": "T", "published": "2021-10-18", "body": "B.", "story": "allsides-1"}
        {"source": "CNBC", "body": "B."}

        {"source": "CNBC", "title": "T", "published": "yesterday", "body": "B."}
        not json
        """;
    // When
    List<IngestOutcome> outcomes = parse(InputFormat.JSONL, jsonl);
    // Then
    assertThat(outcomes).hasSize(4);
    Article first = accepted(outcomes.get(0));
    assertThat(first.getId()).isEqualTo("allsides-1-left");
    assertThat(first.getUrl()).isEqualTo("https://www.cnbc.com/a");
    assertThat(first.getPublished()).isEqualTo(Instant.parse("2021-10-18T00:00:00Z"));
    assertThat(reason(outcomes.get(1))).isEqualTo("in/x.txt:2: missing required fields 'title', 'published'");
    assertThat(reason(outcomes.get(2))).isEqualTo("in/x.txt:4: unparseable date 'yesterday' in field 'published' "
        + "(expected ISO 8601 such as 2025-04-14 or 2025-04-14T10:00:00Z)");
    assertThat(reason(outcomes.get(3))).startsWith("in/x.txt:5: invalid JSON: Unrecognized token 'not'");
  }

  @Test
  void shouldRefuseJsonFieldsOfTheWrongType() {
    assertThat(reason(parse(InputFormat.JSON, "{\"source\":\"S\",\"title\":7,\"published\":\"2021-01-01\",\"body\":\"B\"}").get(0)))
        .isEqualTo("in/x.txt:1: field 'title' must be a string");
    assertThat(reason(parse(InputFormat.JSON, "[1,2]").get(0)))
        .isEqualTo("in/x.txt:1: expected a JSON object with the article's fields");
  }

  @Test
  void shouldNotEndDerivedTitlesAtInitialsOrAbbreviations() {
    assertThat(ArticleParser.derivedTitle("The President, Donald J. Trump, met him. Then more."))
        .isEqualTo("The President, Donald J. Trump, met him.");
    assertThat(ArticleParser.derivedTitle("It is a focal point of the U.S. administration's efforts.\nSince March"))
        .isEqualTo("It is a focal point of the U.S. administration's efforts.");
    assertThat(ArticleParser.derivedTitle("Mr. Bukele said \"yes.\" Then left."))
        .isEqualTo("Mr. Bukele said \"yes.\"");
    assertThat(ArticleParser.derivedTitle("No end here")).isEqualTo("No end here");
  }

  @Test
  void shouldCutLongDerivedTitlesAtAWordBoundary() {
    String title = ArticleParser.derivedTitle("word ".repeat(50) + "end.");
    assertThat(title).hasSizeLessThanOrEqualTo(ArticleParser.MAX_DERIVED_TITLE).endsWith("word…");
  }

  @Test
  void shouldJudgeUtf8ExactlyAsTheStrictJdkDecoderDoes() {
    // Given well-formed text in 1- to 4-byte sequences and the classic malformed forms
    List<byte[]> inputs = List.of(
        "plain ascii".getBytes(StandardCharsets.UTF_8),
        "é ü € 𝄞 “quoted”".getBytes(StandardCharsets.UTF_8),
        new byte[] {(byte) 0xC0, (byte) 0x80},                          // overlong NUL
        new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0x80},             // overlong 3-byte
        new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80},             // surrogate U+D800
        new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
        new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80}, // invalid lead byte
        new byte[] {'a', (byte) 0xE2, (byte) 0x82},                     // truncated at the end
        new byte[] {(byte) 0x80, 'a'});                                 // stray continuation byte
    for (byte[] input : inputs) {
      boolean jdk;
      try {
        StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
            .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
            .decode(java.nio.ByteBuffer.wrap(input));
        jdk = true;
      } catch (java.nio.charset.CharacterCodingException e) {
        jdk = false;
      }
      // Then
      assertThat(ArticleParser.checkText(input).isEmpty()).as(java.util.HexFormat.of().formatHex(input)).isEqualTo(jdk);
    }
    assertThat(inputs.stream().map(ArticleParser::checkText).map(r -> r.orElse("ok")).toList()).containsExactly(
        "ok", "ok", "invalid UTF-8", "invalid UTF-8", "invalid UTF-8", "invalid UTF-8", "invalid UTF-8",
        "invalid UTF-8", "invalid UTF-8");
  }

  @Test
  void shouldRefuseTextFullOfControlCharacters() {
    byte[] bytes = new byte[40];
    java.util.Arrays.fill(bytes, (byte) 'a');
    for (int i = 0; i < 10; i++) {
      bytes[i * 4] = 0x01;
    }
    assertThat(reason(parser.parse("f", bytes, InputFormat.TEXT, "x", MODIFIED).get(0)))
        .isEqualTo("f:1: binary content (10 control characters)");
  }

  @Test
  void shouldAcceptOneJsonArticleIgnoringUnknownFieldsAndKeepingItsLanguage() {
    Article article = accepted(parse(InputFormat.JSON, "{\"source\":\" S \",\"title\":\"T\",\"published\":"
        + "\"2025-04-14T10:00:00+02:00\",\"body\":\"B\",\"language\":\"en\",\"story\":\"x\",\"extra\":[1]}").get(0));
    assertThat(article.getSource()).isEqualTo("S");
    assertThat(article.getPublished()).isEqualTo(Instant.parse("2025-04-14T08:00:00Z"));
    assertThat(article.getLanguage()).isEqualTo("en");
    assertThat(article.getUrl()).isNull();
    assertThat(article.getId()).isEqualTo(ArticleIds.id(java.util.Optional.empty(), "S", "T", "B"));
  }

  @Test
  void shouldReadJsonFieldsAsATreeWouldLastDuplicateWinningAndNullCountingAsAbsent() {
    // Given objects with duplicate, null, nested and unknown fields, and text after the object
    String jsonl = """
        {"source": 7, "source": "S", "title": "T", "published": "2021-10-18", "body": "B", "url": null, "x": {"a": [1, {"b": "c"}]}} tail
        {"source": "S", "title": "T", "published": "2021-10-18", "body": "B", "title": null}
        {"title": 7, "published": "2021-10-18", "body": "B"}
        {"source": "S", "title": "T", "published": "2021-10-18", "body": "B", "id": 12}
        {"source": "S", "title": "T", "published": "2021-10-18", "body": "B", "x": [1, }
        {"source": "S", "title": "T", "published": "2021-10-18", "body": "B"
        "just a string"
        [1, }
        """;
    // When
    List<IngestOutcome> outcomes = parse(InputFormat.JSONL, jsonl);
    // Then
    assertThat(outcomes).hasSize(8);
    Article first = accepted(outcomes.get(0));
    assertThat(List.of(first.getSource(), first.getTitle(), first.getBody())).containsExactly("S", "T", "B");
    assertThat(first.getUrl()).isNull();
    assertThat(reason(outcomes.get(1))).isEqualTo("in/x.txt:2: missing required field 'title'");
    assertThat(reason(outcomes.get(2))).isEqualTo("in/x.txt:3: field 'title' must be a string");
    assertThat(reason(outcomes.get(3))).isEqualTo("in/x.txt:4: field 'id' must be a string");
    // (the messages Jackson gave when ingest read each line as a tree)
    assertThat(reason(outcomes.get(4)))
        .isEqualTo("in/x.txt:5: invalid JSON: Unexpected character ('}' (code 125)): expected a value");
    assertThat(reason(outcomes.get(5))).isEqualTo("in/x.txt:6: invalid JSON: Unexpected end-of-input: expected close "
        + "marker for Object (start marker at [Source: REDACTED (`StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION` "
        + "disabled); line: 1, column: 1])");
    assertThat(reason(outcomes.get(6))).isEqualTo("in/x.txt:7: expected a JSON object with the article's fields");
    assertThat(reason(outcomes.get(7)))
        .isEqualTo("in/x.txt:8: invalid JSON: Unexpected character ('}' (code 125)): expected a value");
  }
}
