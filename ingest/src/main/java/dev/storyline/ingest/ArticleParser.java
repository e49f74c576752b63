package dev.storyline.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.avro.Article;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns raw input bytes into articles, refusing what is not a valid article with a reason that
 * names the field or check.
 *
 * <p>Text (the {@code seeds/} form): an optional leading {@code date YYYY-MM-DD} marker, then the
 * body. The title is the first sentence of the body (at most {@value #MAX_DERIVED_TITLE} characters),
 * the source is the file name without extension, and without a date marker the publication time
 * is the file's modification time, flagged {@code publishedInferred}.
 *
 * <p>JSON and JSONL: objects with {@code source}, {@code title}, {@code published} and {@code body}
 * (required), {@code id}, {@code url} and {@code language} (optional); other fields are ignored.
 * An {@code id} in the input is kept as given; otherwise {@link ArticleIds} derives one.
 */
public final class ArticleParser {

  /** Default limit on the UTF-8 size of a body: 1 MiB. */
  public static final int DEFAULT_MAX_BODY_BYTES = 1 << 20;

  static final int MAX_DERIVED_TITLE = 160;

  private static final Pattern DATE_MARKER = Pattern.compile("\\A\\s*date\\s+(\\S+)\\s+");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?][\"'”’)]*(?=\\s|$)|\\R");
  // A period after these does not end a sentence: initials ("Donald J. Trump"), "U.S.", titles.
  private static final Pattern NOT_SENTENCE_END =
      Pattern.compile("(?:\\b\\p{Lu}|\\b\\p{L}\\.\\p{L}|\\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Col|Lt|Sgt|St|Jr|Sr|Inc|Corp|Ltd|Co|No|vs|etc|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec))\\.$");
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clock clock;
  private final int maxBodyBytes;

  public ArticleParser(Clock clock, int maxBodyBytes) {
    if (maxBodyBytes <= 0) {
      throw new IllegalArgumentException("maxBodyBytes must be positive, was " + maxBodyBytes);
    }
    this.clock = clock;
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * Parses one input.
   *
   * @param origin where the bytes came from (a file path, 'stdin'); line numbers are appended
   * @param bytes the input exactly as received
   * @param format how to read it
   * @param defaultSource source for text input that names none (the file name stem)
   * @param defaultPublished publication time for text input without a date marker
   */
  public List<IngestOutcome> parse(
      String origin, byte[] bytes, InputFormat format, String defaultSource, Instant defaultPublished) {
    return switch (format) {
      case TEXT -> List.of(parseText(origin + ":1", bytes, defaultSource, defaultPublished));
      case JSON -> List.of(parseJson(origin + ":1", bytes));
      case JSONL -> parseJsonLines(origin, bytes);
    };
  }

  private IngestOutcome parseText(String origin, byte[] bytes, String source, Instant fallbackPublished) {
    Optional<String> problem = checkText(bytes);
    if (problem.isPresent()) {
      return new IngestOutcome.Refused(origin, problem.get(), bytes, null);
    }
    String text = StandardCharsets.UTF_8.decode(ByteBuffer.wrap(bytes)).toString();
    Instant published = fallbackPublished;
    boolean inferred = true;
    Matcher marker = DATE_MARKER.matcher(text);
    if (marker.find()) {
      Optional<Instant> date = PublicationDates.parse(marker.group(1));
      if (date.isEmpty()) {
        return new IngestOutcome.Refused(origin,
            "unparseable date '" + marker.group(1) + "' in the date marker (expected YYYY-MM-DD)", bytes, null);
      }
      published = date.get();
      inferred = false;
      text = text.substring(marker.end());
    }
    String body = text.strip();
    if (body.isEmpty()) {
      return new IngestOutcome.Refused(origin, "empty body", bytes, null);
    }
    return build(origin, bytes, null, null, source, derivedTitle(body), published, inferred, body, null);
  }

  private List<IngestOutcome> parseJsonLines(String origin, byte[] bytes) {
    List<IngestOutcome> outcomes = new ArrayList<>();
    int lineStart = 0;
    int lineNumber = 1;
    for (int i = 0; i <= bytes.length; i++) {
      if (i == bytes.length || bytes[i] == '\n') {
        byte[] line = Arrays.copyOfRange(bytes, lineStart, i);
        if (!isBlank(line)) {
          outcomes.add(parseJson(origin + ":" + lineNumber, line));
        }
        lineStart = i + 1;
        lineNumber++;
      }
    }
    return outcomes;
  }

  private IngestOutcome parseJson(String origin, byte[] bytes) {
    Optional<String> problem = checkText(bytes);
    if (problem.isPresent()) {
      return new IngestOutcome.Refused(origin, problem.get(), bytes, null);
    }
    JsonNode node;
    try {
      node = JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      return new IngestOutcome.Refused(origin, "invalid JSON: " + e.getOriginalMessage(), bytes, null);
    } catch (java.io.IOException e) {
      return new IngestOutcome.Refused(origin, "unreadable JSON: " + e.getMessage(), bytes, null);
    }
    if (node == null || !node.isObject()) {
      return new IngestOutcome.Refused(origin, "expected a JSON object with the article's fields", bytes, null);
    }
    List<String> missing = new ArrayList<>();
    for (String field : List.of("source", "title", "published", "body")) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        missing.add(field);
      } else if (!value.isTextual()) {
        return new IngestOutcome.Refused(origin, "field '" + field + "' must be a string", bytes, null);
      }
    }
    if (!missing.isEmpty()) {
      return new IngestOutcome.Refused(origin, "missing required field" + (missing.size() > 1 ? "s " : " ")
          + String.join(", ", missing.stream().map(f -> "'" + f + "'").toList()), bytes, null);
    }
    for (String field : List.of("id", "url", "language")) {
      JsonNode value = node.get(field);
      if (value != null && !value.isNull() && !value.isTextual()) {
        return new IngestOutcome.Refused(origin, "field '" + field + "' must be a string", bytes, null);
      }
    }
    String publishedText = node.get("published").asText();
    Optional<Instant> published = PublicationDates.parse(publishedText);
    if (published.isEmpty()) {
      return new IngestOutcome.Refused(origin, "unparseable date '" + publishedText
          + "' in field 'published' (expected ISO 8601 such as 2025-04-14 or 2025-04-14T10:00:00Z)", bytes, null);
    }
    return build(origin, bytes, text(node, "id"), text(node, "url"), node.get("source").asText().strip(),
        node.get("title").asText().strip(), published.get(), false, node.get("body").asText().strip(),
        text(node, "language"));
  }

  private IngestOutcome build(String origin, byte[] bytes, String givenId, String url, String source,
      String title, Instant published, boolean inferred, String body, String language) {
    if (source.isEmpty()) {
      return new IngestOutcome.Refused(origin, "empty source", bytes, null);
    }
    if (title.isEmpty()) {
      return new IngestOutcome.Refused(origin, "empty title", bytes, null);
    }
    Optional<String> canonicalUrl = ArticleIds.canonicalUrl(url);
    String id = givenId != null && !givenId.isBlank()
        ? givenId.strip()
        : ArticleIds.id(canonicalUrl, source, title, body);
    if (body.isEmpty()) {
      return new IngestOutcome.Refused(origin, "empty body", bytes, id);
    }
    int bodyBytes = body.getBytes(StandardCharsets.UTF_8).length;
    if (bodyBytes > maxBodyBytes) {
      return new IngestOutcome.Refused(origin, "body is " + bodyBytes + " bytes, above the limit of "
          + maxBodyBytes + " bytes (raise it with --max-body-bytes)", bytes, id);
    }
    Article article = Article.newBuilder()
        .setId(id)
        .setUrl(canonicalUrl.orElse(url == null || url.isBlank() ? null : url.strip()))
        .setSource(source)
        .setTitle(title)
        .setPublished(published)
        .setPublishedInferred(inferred)
        .setBody(body)
        .setLanguage(language == null || language.isBlank() ? null : language.strip())
        .setOrigin(origin)
        .setIngestedAt(clock.instant())
        .build();
    return new IngestOutcome.Accepted(origin, article);
  }

  /** The first sentence of a body, cut at a word boundary when long. */
  static String derivedTitle(String body) {
    Matcher end = SENTENCE_END.matcher(body);
    String sentence = body;
    while (end.find()) {
      String candidate = body.substring(0, end.end());
      if (end.group().isBlank() || !NOT_SENTENCE_END.matcher(candidate).find()) {
        sentence = candidate;
        break;
      }
    }
    sentence = sentence.strip();
    if (sentence.length() <= MAX_DERIVED_TITLE) {
      return sentence;
    }
    int cut = sentence.lastIndexOf(' ', MAX_DERIVED_TITLE - 1);
    return sentence.substring(0, cut > 0 ? cut : MAX_DERIVED_TITLE - 1) + "…";
  }

  /** A reason the bytes are not text, or empty when they are valid UTF-8 text. */
  static Optional<String> checkText(byte[] bytes) {
    try {
      StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      return Optional.of("invalid UTF-8");
    }
    int controls = 0;
    for (byte b : bytes) {
      if (b == 0) {
        return Optional.of("binary content (NUL byte)");
      }
      if (b > 0 && b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
        controls++;
      }
    }
    // A stray control character happens in scraped text; many of them mean it is not text.
    if (controls > 8 && controls * 100L > bytes.length) {
      return Optional.of("binary content (" + controls + " control characters)");
    }
    return Optional.empty();
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
