package dev.storyline.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.avro.Article;
import java.nio.ByteBuffer;
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
 * body. Text carries no other fields, so they are derived, always the same way, because the id of
 * a text article hashes them and must not change between runs:
 * <ul>
 *   <li>title: the first sentence of the body (ending at {@code . ! ?} or a line break, not at
 *       initials, "U.S." or abbreviations such as "Mr."), cut at a word boundary to at most
 *       {@value #MAX_DERIVED_TITLE} characters with a trailing "…";
 *   <li>source: the file name without its extension ({@code seeds/reuters.txt} → {@code reuters});
 *       {@code stdin} for standard input;
 *   <li>published: the date of the marker (midnight UTC); without a marker, an estimate from
 *       the dates written in the text ({@link WrittenDates}: a date in a URL it quotes, else the
 *       latest complete date it mentions, never later than the file's time), else the file's
 *       modification time (the time read for standard input); an estimate is flagged
 *       {@code publishedInferred} so consumers know it is a guess;
 *   <li>id: {@code ArticleIds.id(empty, source, title, body)}, a hash of the normalised source,
 *       title and body (text has no URL).
 * </ul>
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
  // The JSON fields ingest reads: the first REQUIRED_FIELDS are required, in the order they are reported.
  private static final List<String> FIELDS = List.of("source", "title", "published", "body", "id", "url", "language");
  private static final int REQUIRED_FIELDS = 4;

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
    if (inferred) {
      published = WrittenDates.publicationOf(body, fallbackPublished).orElse(fallbackPublished);
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

  /**
   * Parses one JSON article object, e.g. one line of a stream read line by line.
   *
   * @param position where it came from, line included ({@code stdin:12})
   */
  public IngestOutcome parseJsonAt(String position, byte[] bytes) {
    return parseJson(position, bytes);
  }

  /**
   * Validates an article whose fields a source has already taken apart (a feed entry), with the
   * same checks and id rules as the other formats.
   *
   * @param original the input as received, kept with a refusal
   * @param url the article's link, may be null
   * @param publishedInferred true when {@code published} is a guess (no date in the input)
   */
  public IngestOutcome fromFields(String position, byte[] original, String url, String source, String title,
      Instant published, boolean publishedInferred, String body, String language) {
    return build(position, original, null, url, source == null ? "" : source.strip(),
        title == null ? "" : title.strip(), published, publishedInferred, body == null ? "" : body.strip(), language);
  }

  private IngestOutcome parseJson(String origin, byte[] bytes) {
    Optional<String> problem = checkText(bytes);
    if (problem.isPresent()) {
      return new IngestOutcome.Refused(origin, problem.get(), bytes, null);
    }
    // A streaming read of the fields ingest needs instead of a tree per line (bulk loads spent a
    // fifth of their parse time building one). It reaches the verdicts the tree did: the last of
    // duplicate fields wins, null counts as absent, other fields are skipped (still checked as JSON).
    String[] text = new String[FIELDS.size()];
    boolean[] notText = new boolean[FIELDS.size()];
    try (JsonParser json = JSON.getFactory().createParser(bytes)) {
      if (json.nextToken() != JsonToken.START_OBJECT) {
        return notAnObject(origin, bytes);
      }
      String name;
      while ((name = json.nextFieldName()) != null) {
        int field = FIELDS.indexOf(name);
        JsonToken value = json.nextToken();
        if (field < 0) {
          json.skipChildren();
        } else {
          text[field] = value == JsonToken.VALUE_STRING ? json.getText() : null;
          notText[field] = value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL;
          json.skipChildren();
        }
      }
    } catch (JsonProcessingException e) {
      return new IngestOutcome.Refused(origin, "invalid JSON: " + e.getOriginalMessage(), bytes, null);
    } catch (java.io.IOException e) {
      return new IngestOutcome.Refused(origin, "unreadable JSON: " + e.getMessage(), bytes, null);
    }
    List<String> missing = new ArrayList<>();
    for (int field = 0; field < FIELDS.size(); field++) {
      if (notText[field]) {
        return new IngestOutcome.Refused(origin, "field '" + FIELDS.get(field) + "' must be a string", bytes, null);
      }
      if (field < REQUIRED_FIELDS && text[field] == null) {
        missing.add("'" + FIELDS.get(field) + "'");
      }
      if (field == REQUIRED_FIELDS - 1 && !missing.isEmpty()) {
        return new IngestOutcome.Refused(origin, "missing required field" + (missing.size() > 1 ? "s " : " ")
            + String.join(", ", missing), bytes, null);
      }
    }
    String publishedText = text[FIELDS.indexOf("published")];
    Optional<Instant> published = PublicationDates.parse(publishedText);
    if (published.isEmpty()) {
      return new IngestOutcome.Refused(origin, "unparseable date '" + publishedText
          + "' in field 'published' (expected ISO 8601 such as 2025-04-14 or 2025-04-14T10:00:00Z)", bytes, null);
    }
    return build(origin, bytes, text[FIELDS.indexOf("id")], text[FIELDS.indexOf("url")],
        text[FIELDS.indexOf("source")].strip(), text[FIELDS.indexOf("title")].strip(), published.get(), false,
        text[FIELDS.indexOf("body")].strip(), text[FIELDS.indexOf("language")]);
  }

  /** The verdict on JSON whose top level is not an object: invalid JSON, or valid but not an article. */
  private static IngestOutcome notAnObject(String origin, byte[] bytes) {
    try {
      JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      return new IngestOutcome.Refused(origin, "invalid JSON: " + e.getOriginalMessage(), bytes, null);
    } catch (java.io.IOException e) {
      return new IngestOutcome.Refused(origin, "unreadable JSON: " + e.getMessage(), bytes, null);
    }
    return new IngestOutcome.Refused(origin, "expected a JSON object with the article's fields", bytes, null);
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
    // UTF-8 takes at most 3 bytes per Java char, so most bodies need no encoding to be checked.
    int bodyBytes = body.length() * 3L <= maxBodyBytes ? 0 : body.getBytes(StandardCharsets.UTF_8).length;
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
    // One pass, no decoding into a buffer: this runs on every input, ahead of the JSON parser,
    // and bulk loads spend a good part of their time here.
    int controls = 0;
    int i = 0;
    while (i < bytes.length) {
      int c = bytes[i] & 0xFF;
      if (c < 0x80) {
        if (c == 0) {
          return Optional.of("binary content (NUL byte)");
        }
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') {
          controls++;
        }
        i++;
        continue;
      }
      int length = utf8SequenceLength(bytes, i);
      if (length == 0) {
        return Optional.of("invalid UTF-8");
      }
      i += length;
    }
    // A stray control character happens in scraped text; many of them mean it is not text.
    if (controls > 8 && controls * 100L > bytes.length) {
      return Optional.of("binary content (" + controls + " control characters)");
    }
    return Optional.empty();
  }

  /**
   * Length of the well-formed multi-byte UTF-8 sequence at {@code i} (RFC 3629: no overlong
   * forms, no surrogates, nothing above U+10FFFF), or 0 when it is malformed.
   */
  static int utf8SequenceLength(byte[] bytes, int i) {
    int c = bytes[i] & 0xFF;
    int length;
    int min = 0x80;
    int max = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      if (c == 0xE0) {
        min = 0xA0;
      } else if (c == 0xED) {
        max = 0x9F;
      }
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      if (c == 0xF0) {
        min = 0x90;
      } else if (c == 0xF4) {
        max = 0x8F;
      }
    } else {
      return 0;
    }
    if (i + length > bytes.length) {
      return 0;
    }
    int second = bytes[i + 1] & 0xFF;
    if (second < min || second > max) {
      return 0;
    }
    for (int k = 2; k < length; k++) {
      int next = bytes[i + k] & 0xFF;
      if (next < 0x80 || next > 0xBF) {
        return 0;
      }
    }
    return length;
  }

  private static boolean isBlank(byte[] line) {
    for (byte b : line) {
      if (b != ' ' && b != '\t' && b != '\r') {
        return false;
      }
    }
    return true;
  }

}
