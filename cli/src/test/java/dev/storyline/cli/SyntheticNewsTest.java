package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SyntheticNewsTest {

  @Test
  void shouldGiveTheSameArticlesForTheSameSeed() {
    // Given
    SyntheticNews first = new SyntheticNews(7, 300, 500, Duration.ofDays(7));

    // When
    SyntheticNews second = new SyntheticNews(7, 300, 500, Duration.ofDays(7));

    // Then
    assertThat(second.warmUp()).isEqualTo(first.warmUp());
    assertThat(second.measured()).isEqualTo(first.measured());
  }

  @Test
  void shouldMakeMostMeasuredArticlesJoinAStoryThatAlreadyHasArticles() {
    // When
    SyntheticNews news = new SyntheticNews(42, 300, 500, Duration.ofDays(7));

    // Then
    assertThat(news.measured()).hasSize(500);
    assertThat(news.joiningShare()).isGreaterThan(0.5);
    assertThat(news.warmUp().get(news.warmUp().size() - 1).getArticle().getPublished())
        .isBeforeOrEqualTo(news.measured().get(0).getArticle().getPublished());
  }
}
