package dev.storyline.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.storyline.avro.Article;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Polls fixture feeds served by a local HTTP server that honours conditional GETs. */
class FeedPollerTest {

  private static final Instant NOW = Instant.parse("2025-04-16T12:00:00Z");
  private static final String RSS_ONE_ITEM = """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0"><channel><title>Wire A</title><link>https://wire.example/</link>
        <item><title>Trump hosts Bukele</title><link>https://wire.example/a?utm_source=rss</link>
          <guid>wire-a-1</guid><pubDate>Mon, 14 Apr 2025 10:00:00 GMT</pubDate>
          <description>&lt;p&gt;President Trump hosted &lt;b&gt;Bukele&lt;/b&gt;.&lt;/p&gt;</description></item>
      </channel></rss>
      """;
  private static final String RSS_TWO_ITEMS = """
      <?xml version="1.0" encoding="UTF-8"?>
      <rss version="2.0"><channel><title>Wire A</title><link>https://wire.example/</link>
        <item><title>Deportees arrive in CECOT</title><link>https://wire.example/b</link>
          <guid>wire-a-2</guid><description>238 Venezuelans were flown to El Salvador.</description></item>
        <item><title>Empty one</title><link>https://wire.example/c</link><guid>wire-a-3</guid></item>
        <item><title>Trump hosts Bukele</title><link>https://wire.example/a?utm_source=rss</link>
          <guid>wire-a-1</guid><pubDate>Mon, 14 Apr 2025 10:00:00 GMT</pubDate>
          <description>&lt;p&gt;President Trump hosted &lt;b&gt;Bukele&lt;/b&gt;.&lt;/p&gt;</description></item>
      </channel></rss>
      """;
  private static final String ATOM = """
      <?xml version="1.0" encoding="utf-8"?>
      <feed xmlns="http://www.w3.org/2005/Atom"><title>Paper B</title><id>urn:paper-b</id>
        <updated>2025-04-15T08:00:00Z</updated>
        <entry><title>Bukele in the Oval Office</title><id>urn:paper-b:1</id>
          <link href="https://paper.example/oval"/><updated>2025-04-15T08:00:00Z</updated>
          <content type="html">&lt;p&gt;Nayib Bukele met Donald Trump.&lt;/p&gt;</content></entry>
      </feed>
      """;

  @TempDir Path dir;
  private HttpServer server;
  private final AtomicReference<String> body = new AtomicReference<>(RSS_ONE_ITEM);
  private final AtomicReference<String> etag = new AtomicReference<>("\"v1\"");
  private final List<String> conditionalHeaders = new CopyOnWriteArrayList<>();
  private final RecordingSink sink = new RecordingSink();

  @BeforeEach
  void serveFixtures() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/feed.xml", exchange -> {
      try (exchange) {
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        conditionalHeaders.add(ifNoneMatch + " | " + exchange.getRequestHeaders().getFirst("If-Modified-Since"));
        if (etag.get().equals(ifNoneMatch)) {
          exchange.sendResponseHeaders(304, -1);
          return;
        }
        byte[] bytes = body.get().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/rss+xml");
        exchange.getResponseHeaders().set("ETag", etag.get());
        exchange.getResponseHeaders().set("Last-Modified", "Tue, 15 Apr 2025 08:00:00 GMT");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    });
    server.createContext("/missing.xml", exchange -> {
      try (exchange) {
        exchange.sendResponseHeaders(404, -1);
      }
    });
    server.start();
  }

  @AfterEach
  void stopServer() {
    server.stop(0);
  }

  private FeedPoller poller(String path) {
    return new FeedPoller(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path),
        FeedPoller.httpClient(), new ArticleParser(Clock.fixed(NOW, ZoneOffset.UTC), 1 << 20), sink, outcome -> {},
        IngestCheckpoint.load(dir.resolve("feed.properties")), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @Test
  void shouldPublishRssEntriesOnceUsingConditionalGetAndSkipEntriesAlreadyPublished() throws Exception {
    // Given a feed with one entry, polled once
    FeedPoller poller = poller("/feed.xml");
    FeedPoller.PollResult first = poller.poll();
    // When polled again unchanged, then after the feed gained entries (new ETag), then by a restarted poller
    FeedPoller.PollResult unchanged = poller.poll();
    body.set(RSS_TWO_ITEMS);
    etag.set("\"v2\"");
    FeedPoller.PollResult changed = poller.poll();
    FeedPoller.PollResult afterRestart = poller("/feed.xml").poll();
    // Then
    assertThat(first.status()).isEqualTo(200);
    assertThat(first.summary().line()).isEqualTo("1 published, 0 refused, 0 failed");
    assertThat(unchanged.status()).isEqualTo(304);
    assertThat(unchanged.summary().line()).isEqualTo("0 published, 0 refused, 0 failed");
    assertThat(changed.status()).isEqualTo(200);
    assertThat(changed.skipped()).isEqualTo(1);
    assertThat(changed.summary().line()).isEqualTo("1 published, 1 refused, 0 failed");
    assertThat(afterRestart.status()).isEqualTo(304);
    assertThat(conditionalHeaders).containsExactly(
        "null | null",
        "\"v1\" | Tue, 15 Apr 2025 08:00:00 GMT",
        "\"v1\" | Tue, 15 Apr 2025 08:00:00 GMT",
        "\"v2\" | Tue, 15 Apr 2025 08:00:00 GMT");
    Article bukele = sink.published.get(0);
    assertThat(bukele.getUrl()).isEqualTo("https://wire.example/a");
    assertThat(bukele.getId()).isEqualTo(ArticleIds.id(java.util.Optional.of("https://wire.example/a"), "", "", ""));
    assertThat(bukele.getSource()).isEqualTo("Wire A");
    assertThat(bukele.getTitle()).isEqualTo("Trump hosts Bukele");
    assertThat(bukele.getBody()).isEqualTo("President Trump hosted Bukele.");
    assertThat(bukele.getPublished()).isEqualTo(Instant.parse("2025-04-14T10:00:00Z"));
    assertThat(bukele.getPublishedInferred()).isFalse();
    Article deportees = sink.published.get(1);
    assertThat(deportees.getTitle()).isEqualTo("Deportees arrive in CECOT");
    assertThat(deportees.getPublished()).isEqualTo(NOW);
    assertThat(deportees.getPublishedInferred()).isTrue();
    String feedUrl = "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml";
    assertThat(sink.rejectedReasons()).containsExactly(feedUrl + "#entry2: empty body");
    assertThat(new String(sink.rejected.get(0).original(), StandardCharsets.UTF_8)).isEqualTo(
        "{\"feed\":\"" + feedUrl + "\",\"url\":\"https://wire.example/c\",\"source\":\"Wire A\","
            + "\"title\":\"Empty one\",\"published\":null,\"body\":\"\"}");
  }

  @Test
  void shouldReadAtomEntries() throws Exception {
    body.set(ATOM);
    FeedPoller.PollResult result = poller("/feed.xml").poll();
    assertThat(result.summary().line()).isEqualTo("1 published, 0 refused, 0 failed");
    Article article = sink.published.get(0);
    assertThat(article.getSource()).isEqualTo("Paper B");
    assertThat(article.getUrl()).isEqualTo("https://paper.example/oval");
    assertThat(article.getBody()).isEqualTo("Nayib Bukele met Donald Trump.");
    assertThat(article.getPublished()).isEqualTo(Instant.parse("2025-04-15T08:00:00Z"));
  }

  @Test
  void shouldReportAFeedThatCannotBeFetchedOrRead() {
    assertThatThrownBy(() -> poller("/missing.xml").poll())
        .isInstanceOf(IOException.class).hasMessageEndingWith("/missing.xml: HTTP 404");
    body.set("<html>not a feed</html>");
    assertThatThrownBy(() -> poller("/feed.xml").poll())
        .isInstanceOf(IOException.class).hasMessageContaining("/feed.xml: not an RSS or Atom feed");
  }
}
