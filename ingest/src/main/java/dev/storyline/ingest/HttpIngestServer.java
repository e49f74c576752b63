package dev.storyline.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP endpoint for articles: {@code POST /articles} with one JSON article
 * ({@code Content-Type: application/json}) or JSON lines ({@code application/x-ndjson} or
 * {@code application/jsonl}).
 *
 * <p>Answers once Kafka has acknowledged the request's records, so a 2xx means durably stored:
 * <ul>
 *   <li>202 {@code {"accepted": N, "ids": [...]}} when every article was published;
 *   <li>400 with the same fields plus {@code "refused": [{"line": L, "reason": "..."}]} when some
 *       were refused; the valid ones of the request are published all the same;
 *   <li>401 without the bearer token (when one is configured), 405 for other methods, 413 above
 *       the size limit, 415 for other content types, 503 when Kafka did not acknowledge.
 * </ul>
 */
public final class HttpIngestServer implements AutoCloseable {

  /** The path articles are posted to. */
  public static final String PATH = "/articles";

  private static final Logger log = LoggerFactory.getLogger(HttpIngestServer.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int HANDLER_THREADS = 4;

  /**
   * How to serve.
   *
   * @param address where to listen; 127.0.0.1 unless the user chose otherwise
   * @param bearerToken when present, requests must send {@code Authorization: Bearer TOKEN}
   * @param maxRequestBytes larger request bodies are answered 413
   */
  public record Settings(InetSocketAddress address, Optional<String> bearerToken, int maxRequestBytes) {
    public Settings {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(bearerToken, "bearerToken");
      if (maxRequestBytes <= 0) {
        throw new IllegalArgumentException("maxRequestBytes must be positive, was " + maxRequestBytes);
      }
    }
  }

  private final HttpServer server;
  private final ExecutorService executor;
  private final Settings settings;
  private final ArticleParser parser;
  private final OutcomeSink sink;
  private final Consumer<IngestOutcome> progress;
  private final AtomicLong requests = new AtomicLong();
  private final Object inFlightLock = new Object();
  private int inFlight;
  private boolean closing;

  private HttpIngestServer(HttpServer server, ExecutorService executor, Settings settings, ArticleParser parser,
      OutcomeSink sink, Consumer<IngestOutcome> progress) {
    this.server = server;
    this.executor = executor;
    this.settings = settings;
    this.parser = parser;
    this.sink = sink;
    this.progress = progress;
  }

  /**
   * Starts serving.
   *
   * @throws UncheckedIOException naming the address when it cannot be bound (port in use)
   */
  public static HttpIngestServer start(Settings settings, ArticleParser parser, OutcomeSink sink,
      Consumer<IngestOutcome> progress) {
    HttpServer server;
    try {
      server = HttpServer.create(settings.address(), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot listen on " + settings.address().getHostString() + ":"
          + settings.address().getPort() + ": " + e.getMessage(), e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(HANDLER_THREADS, r -> {
      Thread t = new Thread(r, "storyline-ingest-http");
      t.setDaemon(true);
      return t;
    });
    HttpIngestServer ingest = new HttpIngestServer(server, executor, settings, parser, sink, progress);
    server.createContext(PATH, ingest::handle);
    server.setExecutor(executor);
    server.start();
    log.info("Accepting articles on http://{}:{}{}{}", settings.address().getHostString(), ingest.port(), PATH,
        settings.bearerToken().isPresent() ? " (bearer token required)" : "");
    return ingest;
  }

  /** The port actually bound (useful when 0 was asked for). */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    synchronized (inFlightLock) {
      if (closing) {
        exchange.close();
        return;
      }
      inFlight++;
    }
    try {
      serve(exchange);
    } finally {
      synchronized (inFlightLock) {
        inFlight--;
        inFlightLock.notifyAll();
      }
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        answer(exchange, 404, error("not found; POST articles to " + PATH));
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.getResponseHeaders().set("Allow", "POST");
        answer(exchange, 405, error("use POST"));
        return;
      }
      if (!authorised(exchange)) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
        answer(exchange, 401, error("missing or wrong bearer token (Authorization: Bearer TOKEN)"));
        return;
      }
      Optional<InputFormat> format = format(exchange.getRequestHeaders().getFirst("Content-Type"));
      if (format.isEmpty()) {
        answer(exchange, 415, error("Content-Type must be application/json (one article) or "
            + "application/x-ndjson (one article per line)"));
        return;
      }
      Optional<byte[]> body = readBody(exchange);
      if (body.isEmpty()) {
        answer(exchange, 413, error("request body above the limit of " + settings.maxRequestBytes() + " bytes"));
        return;
      }
      ingest(exchange, format.get(), body.get());
    } catch (RuntimeException e) {
      log.error("HTTP ingest request failed", e);
      throw e;
    }
  }

  private void ingest(HttpExchange exchange, InputFormat format, byte[] body) throws IOException {
    String origin = "http#" + requests.incrementAndGet();
    List<IngestOutcome> outcomes = parser.parse(origin, body, format, "http", Instant.EPOCH);
    OutcomeBatch batch = new OutcomeBatch(sink, progress);
    outcomes.forEach(batch::add);
    IngestSummary summary = batch.finish();
    if (!summary.failed().isEmpty()) {
      answer(exchange, 503, error("Kafka did not acknowledge " + summary.failed().size()
          + " record(s); send the request again (ids are stable, nothing is duplicated)"));
      return;
    }
    ObjectNode response = JSON.createObjectNode();
    ArrayNode ids = JSON.createArrayNode();
    ArrayNode refused = JSON.createArrayNode();
    for (IngestOutcome outcome : outcomes) {
      if (outcome instanceof IngestOutcome.Accepted accepted) {
        ids.add(accepted.article().getId());
      } else if (outcome instanceof IngestOutcome.Refused r) {
        String position = r.origin();
        ObjectNode item = refused.addObject();
        item.put("line", Integer.parseInt(position.substring(position.lastIndexOf(':') + 1)));
        item.put("reason", r.reason());
      }
    }
    response.put("accepted", ids.size());
    response.set("ids", ids);
    if (!refused.isEmpty()) {
      response.set("refused", refused);
    }
    answer(exchange, refused.isEmpty() ? 202 : 400, response);
  }

  private boolean authorised(HttpExchange exchange) {
    if (settings.bearerToken().isEmpty()) {
      return true;
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    byte[] expected = ("Bearer " + settings.bearerToken().get()).getBytes(StandardCharsets.UTF_8);
    // Constant-time comparison, so response timing does not reveal the token byte by byte.
    return header != null && MessageDigest.isEqual(expected, header.strip().getBytes(StandardCharsets.UTF_8));
  }

  static Optional<InputFormat> format(String contentType) {
    if (contentType == null) {
      return Optional.empty();
    }
    String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return switch (mediaType) {
      case "application/json" -> Optional.of(InputFormat.JSON);
      case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines",
          "application/jsonlines" -> Optional.of(InputFormat.JSONL);
      default -> Optional.empty();
    };
  }

  /** The body, or empty when it is larger than the limit (read no further than the limit). */
  private Optional<byte[]> readBody(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null) {
      try {
        if (Long.parseLong(length.strip()) > settings.maxRequestBytes()) {
          return Optional.empty();
        }
      } catch (NumberFormatException e) {
        // Malformed length: the limit is still enforced while reading below.
      }
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(settings.maxRequestBytes() + 1);
      return bytes.length > settings.maxRequestBytes() ? Optional.empty() : Optional.of(bytes);
    }
  }

  private static ObjectNode error(String message) {
    return JSON.createObjectNode().put("error", message);
  }

  private static void answer(HttpExchange exchange, int status, ObjectNode body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /**
   * Stops accepting requests, waits (up to 30 s) for those in progress to be answered, then stops.
   * Waiting here rather than in {@code HttpServer.stop(delay)}, which also waits out idle
   * keep-alive connections.
   */
  @Override
  public void close() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    synchronized (inFlightLock) {
      closing = true;
      try {
        while (inFlight > 0 && System.nanoTime() < deadline) {
          inFlightLock.wait(TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()) + 1);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    server.stop(0);
    executor.shutdownNow();
  }
}
