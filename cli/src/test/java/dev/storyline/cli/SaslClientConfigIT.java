package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client config file ({@code --client-config}) reaches every Kafka client a command builds:
 * against a broker whose client listener takes SASL/PLAIN only, {@code ingest} (admin client and
 * producer) and {@code tail} (consumer) work with the right credentials, and with a wrong password
 * they end with an authentication error instead of waiting for a broker they cannot use.
 */
class SaslClientConfigIT {

  private static final String USER = "storyline";
  private static final String PASSWORD = "storyline-secret";
  /** Bound on a command with wrong credentials: far above the few seconds it takes, far below a hang. */
  private static final long BOUND_SECONDS = 120;

  @TempDir static Path dir;
  private static KafkaClusterProcesses broker;

  @BeforeAll
  static void startBroker() throws Exception {
    broker = KafkaClusterProcesses.saslPlain(dir.resolve("broker"), USER, PASSWORD);
    broker.awaitFullyReplicated(Set.of());
  }

  @AfterAll
  static void stopBroker() throws Exception {
    if (broker != null) {
      broker.close();
    }
  }

  private record Result(int code, String out, String err) {}

  private static Result storyline(String... args) throws Exception {
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try {
      Future<Result> result = thread.submit(() -> {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cli = Storyline.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute(args);
        return new Result(code, out.toString(), err.toString());
      });
      return result.get(BOUND_SECONDS, TimeUnit.SECONDS);
    } finally {
      thread.shutdownNow();
    }
  }

  private static Path clientConfig(String name, String password) throws Exception {
    Properties properties = new Properties();
    properties.putAll(KafkaClusterProcesses.saslClient(USER, password));
    Path file = dir.resolve(name + ".properties");
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(out, null);
    }
    return file;
  }

  private static Path articleFile() throws Exception {
    Path file = dir.resolve("article.jsonl");
    Files.writeString(file, "{\"source\": \"Wire A\", \"title\": \"Trump hosts Bukele at the White House\", "
        + "\"published\": \"2025-04-14T09:00:00Z\", \"body\": \"President Donald Trump hosted El Salvador President "
        + "Nayib Bukele at the White House on Monday.\"}\n", StandardCharsets.UTF_8);
    return file;
  }

  @Test
  void shouldIngestAndTailThroughASaslListenerWithTheClientConfig() throws Exception {
    // Given the right credentials in a client config file
    String config = clientConfig("right", PASSWORD).toString();
    // When an article is ingested and the articles topic is read back
    Result ingest = storyline("ingest", "--bootstrap-servers", broker.bootstrapServers(), "--client-config", config,
        "--topic-prefix", "sasl.", articleFile().toString());
    Result tail = storyline("tail", "articles", "--bootstrap-servers", broker.bootstrapServers(), "--client-config",
        config, "--topic-prefix", "sasl.", "--from-beginning", "--max", "1");
    // Then
    assertThat(ingest.code()).as(ingest.err()).isZero();
    assertThat(tail.code()).as(tail.err()).isZero();
    assertThat(tail.out()).contains("Trump hosts Bukele at the White House");
  }

  @Test
  void shouldEndWithAnAuthenticationErrorWhenThePasswordIsWrong() throws Exception {
    // Given a wrong password
    String config = clientConfig("wrong", "not-the-password").toString();
    // When
    Result ingest = storyline("ingest", "--bootstrap-servers", broker.bootstrapServers(), "--client-config", config,
        "--topic-prefix", "sasl-wrong.", articleFile().toString());
    Result tail = storyline("tail", "articles", "--bootstrap-servers", broker.bootstrapServers(), "--client-config",
        config, "--topic-prefix", "sasl.", "--from-beginning", "--max", "1");
    // Then both end (within the bound) with the broker's reason
    assertThat(ingest.code()).isEqualTo(1);
    assertThat(ingest.err()).contains("Authentication failed").contains("Invalid username or password");
    assertThat(tail.code()).isEqualTo(1);
    assertThat(tail.err()).contains("Authentication failed").contains("Invalid username or password");
  }
}
