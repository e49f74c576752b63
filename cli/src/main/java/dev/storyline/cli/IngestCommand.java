package dev.storyline.cli;

import dev.storyline.avro.Article;
import dev.storyline.ingest.ArticleParser;
import dev.storyline.ingest.ArticlePublisher;
import dev.storyline.ingest.ContinuousIngest;
import dev.storyline.ingest.FeedPoller;
import dev.storyline.ingest.FileIngest;
import dev.storyline.ingest.FolderWatch;
import dev.storyline.ingest.HttpIngestServer;
import dev.storyline.ingest.IngestCheckpoint;
import dev.storyline.ingest.IngestOutcome;
import dev.storyline.ingest.IngestSummary;
import dev.storyline.ingest.InputFormat;
import dev.storyline.ingest.OutcomeSink;
import dev.storyline.ingest.StreamIngest;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code storyline ingest}: publishes articles from files, folders and standard input, then, when
 * asked, keeps publishing from watched folders, an HTTP endpoint and RSS/Atom feeds until Ctrl-C.
 * The sources themselves live in the ingest module; this class only wires them to options.
 */
@Command(
    name = "ingest",
    description = {
        "Publish articles to the articles topic; refused input goes to the rejected topic with its reason and is "
            + "printed as FILE:LINE: reason.",
        "PATHs and - (stdin) are read once; --watch, --http and --feed keep running, publishing as they go, "
            + "until Ctrl-C. Checkpoints under --data-dir/ingest keep a restart from publishing anything twice."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
        "0:every input was published",
        "1:failure (cluster unreachable, unreadable path, port in use)",
        "2:usage error",
        "3:finished, but some inputs were refused or not acknowledged (listed as FILE:LINE: reason)"})
final class IngestCommand extends StorylineSubcommand {

  static final int SOME_REFUSED = 3;
  private static final Logger log = LoggerFactory.getLogger(IngestCommand.class);
  private static final Duration PROGRESS_LOG_INTERVAL = Duration.ofSeconds(60);

  @Mixin KafkaOptions kafka;
  @Mixin TopicOptions topicOptions;
  @Mixin DataOptions data;

  @Parameters(
      paramLabel = "PATH",
      arity = "0..*",
      description = "Files or folders (read recursively), or - for standard input. Formats by extension: .txt "
          + "(the seeds/ form), .json (one article), .jsonl/.ndjson (one article per line).")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--glob", paramLabel = "GLOB",
      description = "Only files in folders whose relative path or name matches, e.g. '*.jsonl' or '2025/**/*.txt'.")
  String glob;

  @Option(names = "--stdin-format", paramLabel = "FORMAT", defaultValue = "jsonl",
      description = "Format of standard input: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). JSONL is "
          + "published line by line as it arrives.")
  InputFormat stdinFormat;

  @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "1048576",
      description = "Refuse articles whose body is larger than N bytes of UTF-8 (default: ${DEFAULT-VALUE}).")
  int maxBodyBytes;

  @Option(names = "--dry-run", description = "Validate PATHs and stdin and report; publish nothing.")
  boolean dryRun;

  @Option(names = "--watch", paramLabel = "DIR",
      description = "Keep watching DIR (recursively, --glob applies): new and changed files are published once each.")
  List<Path> watch = new ArrayList<>();

  @Option(names = "--scan-interval", paramLabel = "SECONDS", defaultValue = "2",
      description = "Seconds between scans of watched folders (default: ${DEFAULT-VALUE}).")
  int scanIntervalSeconds;

  @Option(names = "--http", paramLabel = "PORT",
      description = "Accept POST /articles on PORT (application/json or application/x-ndjson); answers 202 with the "
          + "ids, or 400 with the reason for each refused line.")
  Integer httpPort;

  @Option(names = "--http-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
      description = "Address the HTTP endpoint listens on (default: ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
  String httpBind;

  @Option(names = "--http-token", paramLabel = "TOKEN", defaultValue = "${env:STORYLINE_HTTP_TOKEN}",
      description = "Require Authorization: Bearer TOKEN on every request (env STORYLINE_HTTP_TOKEN).")
  String httpToken;

  @Option(names = "--max-request-bytes", paramLabel = "N", defaultValue = "16777216",
      description = "Answer 413 to HTTP requests larger than N bytes (default: ${DEFAULT-VALUE}).")
  int maxRequestBytes;

  @Option(names = "--feed", paramLabel = "URL",
      description = "Poll this RSS or Atom feed (repeatable); new entries are published once each.")
  List<URI> feeds = new ArrayList<>();

  @Option(names = "--poll-interval", paramLabel = "SECONDS", defaultValue = "300",
      description = "Seconds between polls of each feed (default: ${DEFAULT-VALUE}); unchanged feeds cost a 304.")
  int pollIntervalSeconds;

  /** Standard input; a field so tests can give the command their own stream. */
  InputStream stdin = System.in;

  @Override
  public Integer call() throws InterruptedException {
    validate();
    List<Path> files = files();
    boolean readStdin = paths.stream().anyMatch(IngestCommand::isStdin);
    boolean continuous = !watch.isEmpty() || httpPort != null || !feeds.isEmpty();
    ArticleParser parser = new ArticleParser(Clock.systemUTC(), maxBodyBytes);
    boolean allPublished = true;
    try (Shutdown shutdown = continuous ? Shutdown.onSignal() : null;
        Sink sink = dryRun ? new DryRun() : publisher()) {
      if (!files.isEmpty() || readStdin) {
        allPublished = bulk(parser, sink, files, readStdin);
      }
      if (continuous) {
        allPublished &= runContinuously(parser, sink, shutdown);
      }
    }
    return allPublished ? 0 : SOME_REFUSED;
  }

  private void validate() {
    if (maxBodyBytes <= 0) {
      throw new UserError("--max-body-bytes must be positive, was " + maxBodyBytes);
    }
    boolean continuous = !watch.isEmpty() || httpPort != null || !feeds.isEmpty();
    if (paths.isEmpty() && !continuous) {
      throw new ParameterException(spec.commandLine(),
          "Missing required parameter: 'PATH' (or - for stdin, --watch DIR, --http PORT, --feed URL)");
    }
    if (dryRun && continuous) {
      throw new ParameterException(spec.commandLine(),
          "--dry-run validates PATHs and stdin only; drop --watch, --http and --feed");
    }
    if (scanIntervalSeconds < 1 || pollIntervalSeconds < 1) {
      throw new UserError("--scan-interval and --poll-interval must be at least 1 second");
    }
    for (Path dir : watch) {
      if (!Files.isDirectory(dir)) {
        throw new UserError("--watch " + dir + ": no such folder");
      }
    }
    for (URI feed : feeds) {
      if (!"http".equals(feed.getScheme()) && !"https".equals(feed.getScheme()) || feed.getHost() == null) {
        throw new UserError("--feed " + feed + ": not an http(s) URL");
      }
    }
    if (httpPort != null && (httpPort < 0 || httpPort > 65_535 || maxRequestBytes <= 0)) {
      throw new UserError("--http needs a port between 0 and 65535 and a positive --max-request-bytes");
    }
  }

  private List<Path> files() {
    List<Path> named = paths.stream().filter(p -> !isStdin(p)).toList();
    try {
      return named.isEmpty() ? List.of() : FileIngest.files(named, Optional.ofNullable(glob));
    } catch (IllegalArgumentException | UncheckedIOException e) {
      throw new UserError(e.getMessage(), e);
    }
  }

  private static boolean isStdin(Path path) {
    return path.toString().equals("-");
  }

  /** Reads the PATHs and stdin once, with a progress bar, and prints refusals and a summary. */
  private boolean bulk(ArticleParser parser, Sink sink, List<Path> files, boolean readStdin) {
    Progress progress = Progress.onStderr("ingest");
    Consumer<IngestOutcome> step = outcome -> progress.step(outcome instanceof IngestOutcome.Refused);
    List<IngestSummary> summaries = new ArrayList<>();
    if (!files.isEmpty()) {
      summaries.add(new FileIngest(parser, sink, step).ingest(files));
    }
    if (readStdin) {
      summaries.add(new StreamIngest(parser, sink, step, Clock.systemUTC()).ingest("stdin", stdin, stdinFormat));
    }
    progress.finish();
    IngestSummary summary = new IngestSummary(
        summaries.stream().mapToInt(IngestSummary::published).sum(),
        summaries.stream().flatMap(s -> s.refused().stream()).toList(),
        summaries.stream().flatMap(s -> s.failed().stream()).toList());
    summary.refused().forEach(r -> err().println(r.describe()));
    summary.failed().forEach(err()::println);
    out().println((dryRun ? "dry run: " : "") + summary.line());
    out().flush();
    return summary.allPublished();
  }

  /** Runs the continuous sources until Ctrl-C, printing refusals as they happen. */
  private boolean runContinuously(ArticleParser parser, Sink sink, Shutdown shutdown) throws InterruptedException {
    Progress progress = Progress.onStderr("ingest");
    AtomicLong refused = new AtomicLong();
    Consumer<IngestOutcome> step = outcome -> {
      if (outcome instanceof IngestOutcome.Refused r) {
        refused.incrementAndGet();
        err().println(r.describe());
        err().flush();
      }
      progress.step(outcome instanceof IngestOutcome.Refused);
    };
    Path stateDir = data.dataDir().resolve("ingest");
    HttpClient feedClient = feeds.isEmpty() ? null : FeedPoller.httpClient();
    Optional<String> failure;
    try (HttpIngestServer http = httpPort == null ? null : startHttp(parser, sink, step);
        ContinuousIngest sources = new ContinuousIngest()) {
      for (Path dir : watch) {
        Path checkpoint = IngestCheckpoint.fileFor(stateDir, "watch", dir.toAbsolutePath().normalize().toString());
        sources.watch(new FolderWatch(dir, Optional.ofNullable(glob), parser, sink, step,
            IngestCheckpoint.load(checkpoint)), Duration.ofSeconds(scanIntervalSeconds));
        out().println("Watching " + dir + " every " + scanIntervalSeconds + " s (checkpoint " + checkpoint + ")");
      }
      for (URI feed : feeds) {
        Path checkpoint = IngestCheckpoint.fileFor(stateDir, "feed", feed.toString());
        sources.poll(new FeedPoller(feed, feedClient, parser, sink, step, IngestCheckpoint.load(checkpoint),
            Clock.systemUTC()), Duration.ofSeconds(pollIntervalSeconds));
        out().println("Polling " + feed + " every " + pollIntervalSeconds + " s (checkpoint " + checkpoint + ")");
      }
      if (http != null) {
        out().println("Accepting POST http://" + httpBind + ":" + http.port() + HttpIngestServer.PATH);
      }
      out().println("Ctrl-C stops.");
      out().flush();
      // The progress bar only redraws when articles arrive; a quiet source still says it is alive.
      sources.every(PROGRESS_LOG_INTERVAL, () -> log.info("{}", progress.line(System.nanoTime())));
      failure = shutdown.await();
    }
    progress.finish();
    out().println("stopped: " + progress.line(System.nanoTime()));
    failure.ifPresent(reason -> { throw new UserError(reason); });
    return refused.get() == 0;
  }

  private HttpIngestServer startHttp(ArticleParser parser, OutcomeSink sink, Consumer<IngestOutcome> step) {
    try {
      return HttpIngestServer.start(new HttpIngestServer.Settings(new InetSocketAddress(httpBind, httpPort),
              Optional.ofNullable(httpToken).filter(t -> !t.isBlank()), maxRequestBytes), parser, sink, step);
    } catch (UncheckedIOException e) {
      throw new UserError("--http: " + e.getMessage(), e);
    }
  }

  private Sink publisher() {
    String bootstrap = kafka.bootstrapServers();
    TopicCreator.ensureTopics(kafka.clientProperties(), bootstrap, kafka.topics(),
        topicOptions.partitions(), topicOptions.replicationFactor());
    ArticlePublisher publisher = new ArticlePublisher(
        ArticlePublisher.config(kafka.clientProperties(), bootstrap), kafka.topics(), Clock.systemUTC());
    return new Sink() {
      @Override
      public CompletableFuture<?> publish(Article article) {
        return publisher.publish(article);
      }

      @Override
      public CompletableFuture<?> reject(IngestOutcome.Refused refused) {
        return publisher.reject(refused);
      }

      @Override
      public void flush() {
        publisher.flush();
      }

      @Override
      public void close() {
        publisher.close();
      }
    };
  }

  /** An outcome sink the command closes when it is done. */
  private interface Sink extends OutcomeSink, AutoCloseable {
    @Override
    void close();
  }

  /** Validates only: every outcome succeeds at once and nothing leaves the process. */
  private static final class DryRun implements Sink {
    @Override
    public CompletableFuture<?> publish(Article article) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<?> reject(IngestOutcome.Refused refused) {
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }
}
