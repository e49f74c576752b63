package dev.storyline.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldUseTheDesignDefaultsForNamesAndRetention() {
    Topics topics = Topics.defaults();
    assertThat(topics.all()).extracting(Topic::name).containsExactly(
        "storyline.articles", "storyline.articles.rejected", "storyline.articles.enriched",
        "storyline.stories", "storyline.control");
    assertThat(topics.control().config()).isEqualTo(Map.of("cleanup.policy", "compact"));
    assertThat(topics.control().partitions(3)).isEqualTo(1);
    assertThat(topics.stories().partitions(3)).isEqualTo(3);
    assertThat(topics.articles().config()).isEqualTo(Map.of("retention.ms", "-1", "retention.bytes", "-1"));
    assertThat(topics.rejected().config()).isEqualTo(Map.of("retention.ms", "2592000000"));
    assertThat(topics.enriched().config()).isEqualTo(Map.of("retention.ms", "2592000000"));
    assertThat(topics.stories().config()).isEqualTo(Map.of("cleanup.policy", "compact"));
  }

  @Test
  void shouldTakeEnrichedRetentionFromConfiguration() {
    Topics topics = Topics.fromConfig(Map.of(Topics.ENRICHED_RETENTION_CONFIG, "-1"));
    assertThat(topics.enriched().config()).isEqualTo(Map.of("retention.ms", "-1"));
  }

  @Test
  void shouldRefuseMalformedSettingsNamingTheKey() {
    assertThatThrownBy(() -> Topics.withPrefix("bad prefix/"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("storyline.topic.prefix: 'bad prefix/' may only contain letters, digits, '.', '_' and '-'");
    assertThatThrownBy(() -> Topics.fromConfig(Map.of(Topics.ENRICHED_RETENTION_CONFIG, "week")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("storyline.topic.enriched.retention.ms: 'week' is not a number of milliseconds");
  }
}
