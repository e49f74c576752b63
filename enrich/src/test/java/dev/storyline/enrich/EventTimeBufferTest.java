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
  void shouldReleaseWhatEveryPartitionsTimeHasPassedByTheGracePeriod() {
    // Given two input partitions
    EventTimeBuffer buffer = new EventTimeBuffer(Duration.ofHours(1), 2, Duration.ofSeconds(20));
    String reuters = EventTimeBuffer.keyOf(enriched(deportationReuters())); // 18:00
    String ap = EventTimeBuffer.keyOf(enriched(deportationAp())); // 21:30

    // When partition 0 runs ahead to 23:00, then partition 1 reaches 19:00 and goes back to 10:00
    String beforeAny = buffer.releaseBound(0);
    buffer.observe(0, Instant.parse("2025-03-16T23:00:00Z"), 0);
    String partitionOneSilent = buffer.releaseBound(1_000);
    buffer.observe(1, Instant.parse("2025-03-16T19:00:00Z"), 2_000);
    String atNineteen = buffer.releaseBound(2_000);
    boolean movedBack = buffer.observe(1, Instant.parse("2025-03-16T10:00:00Z"), 3_000);

    // Then nothing is released before both were heard from, then what 19:00 minus an hour passed
    assertThat(beforeAny).isNull();
    assertThat(partitionOneSilent).isNull();
    assertThat(reuters).isLessThan(atNineteen);
    assertThat(ap).isGreaterThan(atNineteen);
    assertThat(movedBack).isFalse();
    assertThat(buffer.watermark(3_000)).isEqualTo(Instant.parse("2025-03-16T19:00:00Z"));
    assertThat(buffer.latestByPartition()).containsEntry(0, Instant.parse("2025-03-16T23:00:00Z"));
  }

  @Test
  void shouldTakeThePartitionsSeenWhenTheirNumberIsNotKnown() {
    EventTimeBuffer buffer = new EventTimeBuffer(Duration.ZERO, 0, Duration.ofSeconds(20));
    buffer.observe(2, Instant.parse("2025-03-16T19:00:00Z"), 0);
    assertThat(buffer.watermark(0)).isEqualTo(Instant.parse("2025-03-16T19:00:00Z"));
    buffer.observe(0, Instant.parse("2025-03-16T18:00:00Z"), 0);
    assertThat(buffer.watermark(0)).isEqualTo(Instant.parse("2025-03-16T18:00:00Z"));
  }

  @Test
  void shouldStopWaitingForAPartitionSilentForThePartitionIdleTime() {
    // Given three partitions, one never heard from and one that falls silent at 23:00
    EventTimeBuffer buffer = new EventTimeBuffer(Duration.ZERO, 3, Duration.ofSeconds(20));
    buffer.observe(0, Instant.parse("2025-03-16T10:00:00Z"), 0);
    buffer.observe(1, Instant.parse("2025-03-16T23:00:00Z"), 0);

    // When partition 0 moves on for 30 s of wall clock
    Instant waitingForTwo = buffer.watermark(5_000);
    buffer.observe(0, Instant.parse("2025-03-17T05:00:00Z"), 30_000);

    // Then the missing partition holds everything for 20 s, the silent one only as long
    assertThat(waitingForTwo).isNull();
    assertThat(buffer.watermark(30_000)).isEqualTo(Instant.parse("2025-03-17T05:00:00Z"));
    buffer.observe(1, Instant.parse("2025-03-16T23:30:00Z"), 31_000);
    assertThat(buffer.watermark(31_000)).isEqualTo(Instant.parse("2025-03-16T23:30:00Z"));
  }

  @Test
  void shouldKeepWaitingForASilentPartitionInABacklogOfHistory() {
    // Given three partitions of articles from 2025 read in 2026: a replay, not a live feed
    long wallClock = Instant.parse("2026-12-02T06:00:00Z").toEpochMilli();
    EventTimeBuffer buffer = new EventTimeBuffer(Duration.ofHours(1), 3, Duration.ofSeconds(20));
    buffer.observe(0, Instant.parse("2025-03-16T10:00:00Z"), wallClock);
    buffer.observe(1, Instant.parse("2025-03-16T23:00:00Z"), wallClock);

    // When partitions 0 and 1 move on for 60 s of wall clock while 2 is not heard from
    buffer.observe(0, Instant.parse("2025-03-17T05:00:00Z"), wallClock + 60_000);
    buffer.observe(1, Instant.parse("2025-03-18T05:00:00Z"), wallClock + 60_000);
    Instant withoutTwo = buffer.watermark(wallClock + 60_000);
    buffer.observe(2, Instant.parse("2025-03-16T12:00:00Z"), wallClock + 61_000);
    Instant withTwo = buffer.watermark(wallClock + 61_000);
    // and partition 2 then falls silent for 60 s while the others go on
    buffer.observe(0, Instant.parse("2025-03-19T05:00:00Z"), wallClock + 121_000);
    buffer.observe(1, Instant.parse("2025-03-19T06:00:00Z"), wallClock + 121_000);
    Instant twoSilent = buffer.watermark(wallClock + 121_000);

    // Then nothing is released without partition 2, and its time holds the others while silent
    assertThat(withoutTwo).isNull();
    assertThat(withTwo).isEqualTo(Instant.parse("2025-03-16T12:00:00Z"));
    assertThat(twoSilent).isEqualTo(Instant.parse("2025-03-16T12:00:00Z"));
  }

  @Test
  void shouldStopWaitingForASilentPartitionOfALiveFeed() {
    // Given three partitions of a live feed: articles published minutes before the wall clock
    long wallClock = Instant.parse("2026-12-02T06:00:00Z").toEpochMilli();
    EventTimeBuffer buffer = new EventTimeBuffer(Duration.ofHours(1), 3, Duration.ofSeconds(20));
    buffer.observe(0, Instant.parse("2026-12-02T05:55:00Z"), wallClock);
    buffer.observe(1, Instant.parse("2026-12-02T05:50:00Z"), wallClock);
    buffer.observe(2, Instant.parse("2026-12-02T05:40:00Z"), wallClock);

    // When partition 2 is silent for 30 s while the others move on
    buffer.observe(0, Instant.parse("2026-12-02T05:59:00Z"), wallClock + 30_000);
    buffer.observe(1, Instant.parse("2026-12-02T05:58:00Z"), wallClock + 30_000);

    // Then it no longer holds them
    assertThat(buffer.watermark(wallClock + 30_000)).isEqualTo(Instant.parse("2026-12-02T05:58:00Z"));
  }

  @Test
  void shouldTellLiveInputFromHistoryByTheWallClock() {
    // Given a buffer with a grace of one hour, read at 12:00
    long noon = Instant.parse("2025-03-17T12:00:00Z").toEpochMilli();
    EventTimeBuffer history = new EventTimeBuffer(Duration.ofHours(1), 1, Duration.ofSeconds(20));
    EventTimeBuffer live = new EventTimeBuffer(Duration.ofHours(1), 1, Duration.ofSeconds(20));

    // When one hears an article of 10:30 and the other one of 11:30
    history.observe(0, Instant.parse("2025-03-17T10:30:00Z"), noon);
    live.observe(0, Instant.parse("2025-03-17T11:30:00Z"), noon);

    // Then only the one within the grace period of the clock is live, and nothing heard is not
    assertThat(history.live(noon)).isFalse();
    assertThat(live.live(noon)).isTrue();
    assertThat(new EventTimeBuffer(Duration.ofHours(1), 1, Duration.ofSeconds(20)).live(noon))
        .isFalse();
  }
}
