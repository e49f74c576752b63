package dev.storyline.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one RSS or Atom feed (read with Rome) and publishes each entry once.
 *
 * <p>Each {@link #poll()} is a conditional GET ({@code If-None-Match} with the last ETag,
 * {@code If-Modified-Since} with the last {@code Last-Modified}), so an unchanged feed costs the
 * publisher one small 304 response. Entries already published are skipped: the checkpoint keeps
 * each entry's key (its guid/id, else its link) and the validators, so a restart neither
 * re-publishes nor downloads an unchanged feed again.
 *
 * <p>An entry becomes an article with: url = the entry's link; source = the feed's title (else its
 * host); title = the entry's title; published = its published date, else its updated date, else
 * the time of the poll flagged {@code publishedInferred}; body = its content, else its description,
 * as plain text (HTML tags removed). A refused entry goes to the rejected topic with those fields
 * as JSON for original bytes (a feed has no per-entry bytes of its own).
 */
public final class FeedPoller {

  private static final Logger log = LoggerFactory.getLogger(FeedPoller.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
  private static final String ETAG = "etag";
  private static final String LAST_MODIFIED = "last-modified";
  private static final String ENTRY = "entry.";

  /**
   * What one poll did.
   *
   * @param status the HTTP status (304 when the feed had not changed)
   * @param skipped entries already published before
   * @param summary what was published or refused in this poll
   */
  public record PollResult(int status, int skipped, IngestSummary summary) {}

  private final URI feed;
  private final HttpClient http;
  private final ArticleParser parser;
  private final OutcomeSink sink;
  private final Consumer<IngestOutcome> progress;
  private final IngestCheckpoint checkpoint;
  private final Clock clock;

  public FeedPoller(URI feed, HttpClient http, ArticleParser parser, OutcomeSink sink,
      Consumer<IngestOutcome> progress, IngestCheckpoint checkpoint, Clock clock) {
    this.feed = feed;
    this.http = http;
    this.parser = parser;
    this.sink = sink;
    this.progress = progress;
    this.checkpoint = checkpoint;
    this.clock = clock;
  }

  /** An HTTP client fit for polling feeds: follows redirects, bounded connect time. */
  public static HttpClient httpClient() {
    return HttpClient.newBuilder()
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  public URI feed() {
    return feed;
  }

  /**
   * Fetches the feed if it changed and publishes its new entries; returns once Kafka acknowledged
   * them and the checkpoint is saved.
   *
   * @throws IOException when the feed cannot be fetched (the next poll tries again)
   */
  public PollResult poll() throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(feed).timeout(REQUEST_TIMEOUT)
        .header("User-Agent", "storyline-ingest")
        .header("Accept", "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.8");
    checkpoint.get(ETAG).ifPresent(etag -> request.header("If-None-Match", etag));
    checkpoint.get(LAST_MODIFIED).ifPresent(date -> request.header("If-Modified-Since", date));
    HttpResponse<byte[]> response = http.send(request.GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    int status = response.statusCode();
    IngestSummary nothing = new IngestSummary(0, List.of(), List.of());
    if (status == 304) {
      log.debug("{}: not modified", feed);
      return new PollResult(status, 0, nothing);
    }
    if (status / 100 != 2) {
      throw new IOException(feed + ": HTTP " + status);
    }
    SyndFeed parsed;
    try {
      parsed = new SyndFeedInput().build(new XmlReader(new ByteArrayInputStream(response.body())));
    } catch (FeedException | IllegalArgumentException e) {
      throw new IOException(feed + ": not an RSS or Atom feed: " + e.getMessage(), e);
    }
    String source = Optional.ofNullable(parsed.getTitle()).map(String::strip).filter(s -> !s.isEmpty())
        .orElse(feed.getHost());
    OutcomeBatch batch = new OutcomeBatch(sink, progress);
    List<String> newKeys = new ArrayList<>();
    int skipped = 0;
    int index = 0;
    for (SyndEntry entry : parsed.getEntries()) {
      index++;
      String key = ENTRY + entryKey(entry, index);
      if (checkpoint.get(key).isPresent()) {
        skipped++;
        continue;
      }
      batch.add(article(entry, source, feed + "#entry" + index));
      newKeys.add(key);
    }
    IngestSummary summary = batch.finish();
    if (summary.failed().isEmpty()) {
      String now = clock.instant().toString();
      newKeys.forEach(k -> checkpoint.put(k, now));
      // Validators only once the entries are safe: otherwise a 304 would hide unpublished entries.
      response.headers().firstValue("ETag").ifPresent(v -> checkpoint.put(ETAG, v));
      response.headers().firstValue("Last-Modified").ifPresent(v -> checkpoint.put(LAST_MODIFIED, v));
      checkpoint.save();
    }
    if (!newKeys.isEmpty()) {
      log.info("{}: {} new entries: {} ({} already published)", feed, newKeys.size(), summary.line(), skipped);
    }
    return new PollResult(status, skipped, summary);
  }

  private IngestOutcome article(SyndEntry entry, String source, String position) {
    Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
    Instant published = date != null ? date.toInstant() : clock.instant();
    String body = FeedText.plain(entryBody(entry));
    String title = FeedText.plain(Optional.ofNullable(entry.getTitle()).orElse(""));
    ObjectNode original = JSON.createObjectNode()
        .put("feed", feed.toString())
        .put("url", entry.getLink())
        .put("source", source)
        .put("title", title)
        .put("published", date != null ? published.toString() : null)
        .put("body", body);
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(original);
    } catch (IOException e) {
      throw new IllegalStateException("cannot render a feed entry as JSON", e);
    }
    return parser.fromFields(position, bytes, entry.getLink(), source, title, published, date == null, body, null);
  }

  private static String entryBody(SyndEntry entry) {
    String content = entry.getContents().stream().map(SyndContent::getValue)
        .filter(v -> v != null && !v.isBlank()).collect(Collectors.joining("\n\n"));
    if (!content.isBlank()) {
      return content;
    }
    return entry.getDescription() == null || entry.getDescription().getValue() == null
        ? "" : entry.getDescription().getValue();
  }

  private static String entryKey(SyndEntry entry, int index) {
    if (entry.getUri() != null && !entry.getUri().isBlank()) {
      return entry.getUri().strip();
    }
    if (entry.getLink() != null && !entry.getLink().isBlank()) {
      return entry.getLink().strip();
    }
    return "title:" + Optional.ofNullable(entry.getTitle()).orElse("#" + index);
  }
}
