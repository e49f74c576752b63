package dev.storyline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WrittenDatesTest {

  private static final Instant FILE_TIME = Instant.parse("2026-11-22T04:00:00Z");

  private static Optional<Instant> estimate(String text) {
    return WrittenDates.publicationOf(text, FILE_TIME);
  }

  private static Optional<Instant> day(String date) {
    return Optional.of(Instant.parse(date + "T00:00:00Z"));
  }

  @Test
  void shouldPreferTheDateInAQuotedUrl() {
    // Given a text that mentions an older date and quotes its own URL
    String text = "On March 3, 2025 the court ruled. Source: "
        + "https://www.theguardian.com/us-news/live/2025/apr/14/trump-bukele-live";

    // Then the URL's date wins
    assertThat(estimate(text)).isEqualTo(day("2025-04-14"));
    assertThat(estimate("see https://example.com/news/2024/07/09/story.html")).isEqualTo(day("2024-07-09"));
    assertThat(estimate("see https://example.com/2023-01-31-story")).isEqualTo(day("2023-01-31"));
  }

  @Test
  void shouldTakeTheLatestCompleteDateWritten() {
    assertThat(estimate("The act of January 6, 2021 and the visit on April 14, 2025, then 1 May 2024."))
        .isEqualTo(day("2025-04-14"));
    assertThat(estimate("Filed on 2024-02-29 in Delaware.")).isEqualTo(day("2024-02-29"));
    assertThat(estimate("It happened on 3rd March 2022.")).isEqualTo(day("2022-03-03"));
  }

  @Test
  void shouldPinTheYearOfAWeekdayAndDayToTheLatestMatchingYear() {
    // April 14 fell on a Monday in 2025 (and in 2014, 2031): the latest not after the file time
    assertThat(estimate("which will take place this Monday, April 14, as part of")).isEqualTo(day("2025-04-14"));
    // A weekday that does not match the written year's calendar pins nothing else
    assertThat(estimate("on Friday, February 30 at noon")).isEmpty();
  }

  @Test
  void shouldIgnoreDatesAfterTheFileTimeAndTextsWithoutDates() {
    assertThat(estimate("The summit on June 1, 2027 was announced on March 2, 2026."))
        .isEqualTo(day("2026-03-02"));
    assertThat(estimate("In 1798 the Alien Enemies Act passed; 238 Venezuelans were deported.")).isEmpty();
    assertThat(estimate("Since March, hundreds were sent.")).isEmpty();
  }
}
