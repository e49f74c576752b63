package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorylineVersionTest {

  @Test
  void shouldReadTheProjectVersionFilteredByMaven() {
    // Given the version Maven built this module as
    String expected = System.getProperty("storyline.expected.version");

    // When
    String version = StorylineVersion.projectVersion();

    // Then
    assertThat(expected).isNotBlank();
    assertThat(version).isEqualTo(expected);
  }

  @Test
  void shouldStampProjectVersionWithEightHexDigitsOfTheSettingsHash() {
    // Given
    String settings = "tf-cosine;stopwords=en-v1;threshold=0.3";

    // When
    String stamp = StorylineVersion.stamp(settings);

    // Then
    assertThat(StorylineVersion.settingsHash(settings)).isEqualTo("76192ae0");
    assertThat(stamp).isEqualTo(StorylineVersion.projectVersion() + "+76192ae0");
  }

  @Test
  void shouldGiveSameStampForSameSettingsAndDifferentStampForDifferentSettings() {
    // Given
    ClusteringSettings defaults = ClusteringSettings.DEFAULTS;
    ClusteringSettings stricter = new ClusteringSettings(0.5);

    // When / Then
    assertThat(StoryClusterer.versionOf(new ClusteringSettings(defaults.similarityThreshold())))
        .isEqualTo(StoryClusterer.versionOf(defaults));
    assertThat(StoryClusterer.versionOf(stricter)).isNotEqualTo(StoryClusterer.versionOf(defaults));
    assertThat(new BasicEnricher(new FingerprintSettings(4, 128, 16), ArticleFixtures.CLOCK).version())
        .isNotEqualTo(
            new BasicEnricher(FingerprintSettings.DEFAULTS, ArticleFixtures.CLOCK).version())
        .startsWith(StorylineVersion.projectVersion() + "+");
  }
}
