package dev.storyline.enrich;

import static dev.storyline.enrich.ArticleFixtures.deportationAp;
import static dev.storyline.enrich.ArticleFixtures.deportationReuters;
import static dev.storyline.enrich.ClusteringFixtures.enriched;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimeBufferTest {

  @Test
  void shouldOrderKeysByPublicationTimeThenIdBefore1970Too() {
    // Given
    Article before1970 =
        Article.newBuilder(deportationAp()).setPublished(Instant.parse("1969-07-20T20:17:00Z"))
            .build();

    // When
    String early = EventTimeBuffer.keyOf(enriched(before1970));
    String reuters = EventTimeBuffer.keyOf(enriched(deportationReuters()));
    String ap = EventTimeBuffer.keyOf(enriched(deportationAp()));

    // Then
    assertThat(early).isLessThan(reuters);
    assertThat(reuters).isLessThan(ap);
    assertThat(reuters).isEqualTo("80000195a01cd900|a-reuters-1");
  }

  @Test
  void shouldReleaseWhatEventTimeHasPassedByTheGracePeriod() {
    // Given
    EventTimeBuffer buffer = new EventTimeBuffer(Duration.ofHours(1));
    String reuters = EventTimeBuffer.keyOf(enriched(deportationReuters())); // 18:00
    String ap = EventTimeBuffer.keyOf(enriched(deportationAp())); // 21:30

    // When
    String beforeAny = buffer.releaseBound();
    buffer.observe(Instant.parse("2025-03-16T19:00:00Z"));
    String atNineteen = buffer.releaseBound();
    buffer.observe(Instant.parse("2025-03-16T10:00:00Z"));

    // Then
    assertThat(beforeAny).isNull();
    assertThat(reuters).isLessThan(atNineteen);
    assertThat(ap).isGreaterThan(atNineteen);
    assertThat(buffer.streamTime()).isEqualTo(Instant.parse("2025-03-16T19:00:00Z"));
  }
}
