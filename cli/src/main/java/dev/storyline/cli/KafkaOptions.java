package dev.storyline.cli;

import dev.storyline.schemas.Topics;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine.Option;

/** Options every command that talks to Kafka shares: where the cluster is and how to reach it. */
public final class KafkaOptions {

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT[,…]",
      defaultValue = "${env:STORYLINE_BOOTSTRAP_SERVERS}",
      description = "Kafka cluster to use (env STORYLINE_BOOTSTRAP_SERVERS). Without it, the "
          + "embedded broker is used: started by demo/up, expected on 127.0.0.1:--kafka-port by the other commands.")
  String bootstrapServers;

  @Option(
      names = "--client-config",
      paramLabel = "FILE",
      defaultValue = "${env:STORYLINE_CLIENT_CONFIG}",
      description = "Kafka client properties file passed to every producer, consumer, admin and "
          + "Streams client, e.g. security.protocol, sasl.*, ssl.* (env STORYLINE_CLIENT_CONFIG).")
  Path clientConfig;

  @Option(
      names = "--topic-prefix",
      paramLabel = "PREFIX",
      defaultValue = "${env:STORYLINE_TOPIC_PREFIX:-storyline.}",
      description = "Prefix of every Storyline topic name (env STORYLINE_TOPIC_PREFIX; default: ${DEFAULT-VALUE}).")
  String topicPrefix;

  @Option(
      names = "--kafka-port",
      paramLabel = "PORT",
      defaultValue = "${env:STORYLINE_KAFKA_PORT:-9092}",
      description = "Port of the embedded broker on 127.0.0.1 (env STORYLINE_KAFKA_PORT; default: ${DEFAULT-VALUE}).")
  int kafkaPort;

  /** The cluster the user named, if any. */
  public Optional<String> explicitBootstrapServers() {
    return Optional.ofNullable(bootstrapServers).map(String::strip).filter(s -> !s.isEmpty());
  }

  /** The cluster to connect to: the one named, else the embedded broker's address. */
  public String bootstrapServers() {
    return explicitBootstrapServers().orElse("127.0.0.1:" + kafkaPort);
  }

  public int kafkaPort() {
    return kafkaPort;
  }

  /** Client properties from {@code --client-config}, empty when none was given. */
  public Properties clientProperties() {
    Properties properties = new Properties();
    if (clientConfig != null) {
      try (Reader reader = Files.newBufferedReader(clientConfig)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new UserError("--client-config " + clientConfig + ": cannot read: " + e.getMessage());
      }
    }
    return properties;
  }

  /**
   * Client properties plus the Storyline settings the services read from their configuration
   * (the topic prefix), so a service and the CLI agree on topic names.
   */
  public Properties serviceProperties() {
    Properties properties = clientProperties();
    properties.setProperty(Topics.PREFIX_CONFIG, topicPrefix);
    return properties;
  }

  /** The topic registry for the chosen prefix. */
  public Topics topics() {
    try {
      return Topics.fromConfig(Map.of(Topics.PREFIX_CONFIG, topicPrefix));
    } catch (IllegalArgumentException e) {
      throw new UserError("--topic-prefix: " + e.getMessage());
    }
  }
}
