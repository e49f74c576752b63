package dev.storyline.cli;

import dev.storyline.schemas.Topic;
import dev.storyline.schemas.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the Storyline topics that do not exist yet, with the partition count, replication
 * factor and per-topic settings (retention, compaction) of the topic registry. Existing topics
 * are left as they are.
 */
public final class TopicCreator {

  private static final Logger log = LoggerFactory.getLogger(TopicCreator.class);
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private TopicCreator() {}

  /**
   * Ensures every topic of {@code topics} exists.
   *
   * @param replicationFactor replicas per partition; -1 takes the broker's default
   * @return the names of the topics this call created
   */
  public static List<String> ensureTopics(
      Properties clientConfig, String bootstrapServers, Topics topics, int partitions, short replicationFactor) {
    Properties config = new Properties();
    config.putAll(clientConfig);
    config.putIfAbsent(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(TIMEOUT.toMillis()));
    config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
    try (Admin admin = Admin.create(config)) {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (Topic<String, ?> topic : topics.all()) {
        if (!existing.contains(topic.name())) {
          missing.add(new NewTopic(topic.name(), java.util.Optional.of(topic.partitions(partitions)),
              java.util.Optional.of(replicationFactor)).configs(Map.copyOf(topic.config())));
        }
      }
      List<String> created = new ArrayList<>();
      for (var entry : admin.createTopics(missing).values().entrySet()) {
        try {
          entry.getValue().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
          created.add(entry.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new UserError("cannot create topic " + entry.getKey() + ": " + e.getCause().getMessage(), e);
          }
        }
      }
      if (!created.isEmpty()) {
        log.info("Created topics {} with {} partitions", created, partitions);
      }
      return created;
    } catch (TimeoutException e) {
      throw new UserError("cannot reach Kafka at " + bootstrapServers + " within " + TIMEOUT.toSeconds()
          + " s; start it (./storyline up) or point --bootstrap-servers at a running cluster", e);
    } catch (ExecutionException e) {
      throw new UserError("cannot list topics on " + bootstrapServers + ": " + e.getCause().getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while creating topics", e);
    }
  }
}
