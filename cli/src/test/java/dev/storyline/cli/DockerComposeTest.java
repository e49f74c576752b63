package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Checks docker-compose.yml without Docker (our machines have no engine): every image pinned,
 * every service the README names present, every service that needs Kafka waiting for it healthy.
 */
class DockerComposeTest {

  private static final Path ROOT = Path.of("..");
  private static final Pattern PINNED = Pattern.compile("[^:@\\s]+(:[0-9][\\w.-]*|@sha256:[0-9a-f]{64})");

  private static Map<String, Map<String, Object>> services;

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void parse() throws IOException {
    LoaderOptions options = new LoaderOptions();
    options.setMaxAliasesForCollections(20);
    Map<String, Object> compose = new Yaml(options).load(Files.readString(ROOT.resolve("docker-compose.yml")));
    services = (Map<String, Map<String, Object>>) compose.get("services");
  }

  @Test
  void shouldPinEveryImageToAVersion() {
    List<String> unpinned = new ArrayList<>();
    services.forEach((name, service) -> {
      Object image = service.get("image");
      if (image == null) {
        unpinned.add(name + ": no image");
      } else if (!PINNED.matcher(image.toString()).matches() || image.toString().endsWith(":latest")) {
        unpinned.add(name + ": " + image);
      }
    });
    assertThat(unpinned).isEmpty();
  }

  @Test
  void shouldDefineEveryServiceTheReadmeNames() throws IOException {
    // Given the list the README gives
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher line = Pattern.compile("Services in docker-compose.yml: (.+)").matcher(readme);
    assertThat(line.find()).as("README lists the compose services").isTrue();
    Set<String> named = new LinkedHashSet<>();
    Matcher service = Pattern.compile("`([a-z0-9-]+)`").matcher(line.group(1));
    while (service.find()) {
      named.add(service.group(1));
    }
    // Then
    assertThat(services.keySet()).containsExactlyInAnyOrderElementsOf(named);
  }

  @Test
  void shouldStartStorylineServicesOnlyOnceKafkaIsHealthy() {
    assertThat(services.get("kafka")).containsKey("healthcheck");
    assertThat(services.get("postgres")).containsKey("healthcheck");
    for (String name : List.of("topics", "ingest", "enrich", "sink")) {
      Object dependsOn = services.get(name).get("depends_on");
      assertThat(dependsOn).as(name + " depends_on").isInstanceOf(Map.class);
      assertThat(((Map<?, ?>) dependsOn).get("kafka")).as(name + " waits for kafka")
          .isEqualTo(Map.of("condition", "service_healthy"));
    }
    assertThat(((Map<?, ?>) services.get("sink").get("depends_on")).get("postgres"))
        .isEqualTo(Map.of("condition", "service_healthy"));
  }

  @Test
  void shouldBuildTheStorylineServicesFromThisRepository() {
    for (String name : List.of("ingest", "enrich", "sink")) {
      assertThat(services.get(name)).as(name).containsEntry("build", ".");
      assertThat(((List<?>) services.get(name).get("command")).get(0)).isEqualTo(name);
    }
  }
}
