package dev.storyline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpIngestServerTest {

  private static final String GOOD_A =
      "{\"id\":\"a\",\"source\":\"S\",\"title\":\"T\",\"published\":\"2025-04-14\",\"body\":\"B\"}";
  private static final String GOOD_B =
      "{\"url\":\"https://example.com/b?utm_medium=rss\",\"source\":\"S\",\"title\":\"T\",\"published\":\"2025-04-14\",\"body\":\"B\"}";

  private final RecordingSink sink = new RecordingSink();
  private final HttpClient client = HttpClient.newHttpClient();
  private HttpIngestServer server;

  @BeforeEach
  void start() throws Exception {
    server = HttpIngestServer.start(
        new HttpIngestServer.Settings(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            Optional.of("s3cret"), 1024),
        new ArticleParser(Clock.fixed(Instant.parse("2025-04-16T00:00:00Z"), ZoneOffset.UTC), 1 << 20),
        sink, outcome -> {});
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> post(String path, String contentType, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void shouldAcceptJsonLinesAndAnswerWithTheIds() throws Exception {
    // When
    HttpResponse<String> response = post("/articles", "application/x-ndjson", "s3cret", GOOD_A + "\n" + GOOD_B + "\n");
    // Then
    String idB = ArticleIds.id(Optional.of("https://example.com/b"), "", "", "");
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEqualTo("{\"accepted\":2,\"ids\":[\"a\",\"" + idB + "\"]}");
    assertThat(sink.publishedIds()).containsExactly("a", idB);
  }

  @Test
  void shouldAcceptOneJsonArticle() throws Exception {
    HttpResponse<String> response = post("/articles", "application/json; charset=utf-8", "s3cret", GOOD_A);
    assertThat(response.statusCode()).isEqualTo(202);
    assertThat(response.body()).isEqualTo("{\"accepted\":1,\"ids\":[\"a\"]}");
  }

  @Test
  void shouldAnswer400WithTheReasonPerLineAndStillPublishTheValidLines() throws Exception {
    // When the second and third lines are bad
    HttpResponse<String> response = post("/articles", "application/x-ndjson", "s3cret",
        GOOD_A + "\n{\"source\":\"S\",\"title\":\"T\",\"published\":\"soon\",\"body\":\"B\"}\n[]\n");
    // Then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).isEqualTo("{\"accepted\":1,\"ids\":[\"a\"],\"refused\":["
        + "{\"line\":2,\"reason\":\"unparseable date 'soon' in field 'published' (expected ISO 8601 such as "
        + "2025-04-14 or 2025-04-14T10:00:00Z)\"},"
        + "{\"line\":3,\"reason\":\"expected a JSON object with the article's fields\"}]}");
    assertThat(sink.publishedIds()).containsExactly("a");
    assertThat(sink.rejectedReasons()).containsExactly(
        "http#1:2: unparseable date 'soon' in field 'published' (expected ISO 8601 such as 2025-04-14 or 2025-04-14T10:00:00Z)",
        "http#1:3: expected a JSON object with the article's fields");
  }

  @Test
  void shouldRefuseRequestsWithoutTheTokenAboveTheLimitOrOfAnotherType() throws Exception {
    assertThat(post("/articles", "application/json", null, GOOD_A).statusCode()).isEqualTo(401);
    assertThat(post("/articles", "application/json", "wrong", GOOD_A).statusCode()).isEqualTo(401);
    HttpResponse<String> tooLarge = post("/articles", "application/x-ndjson", "s3cret", (GOOD_A + "\n").repeat(20));
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(tooLarge.body()).isEqualTo("{\"error\":\"request body above the limit of 1024 bytes\"}");
    assertThat(post("/articles", "text/plain", "s3cret", GOOD_A).statusCode()).isEqualTo(415);
    assertThat(post("/other", "application/json", "s3cret", GOOD_A).statusCode()).isEqualTo(404);
    HttpResponse<String> get = client.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + server.port() + "/articles")).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(405);
    assertThat(sink.published).isEmpty();
    assertThat(sink.rejected).isEmpty();
  }
}
