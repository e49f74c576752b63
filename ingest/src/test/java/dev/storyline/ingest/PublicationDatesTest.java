package dev.storyline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class PublicationDatesTest {

  @Test
  void shouldReadEverySupportedForm() {
    assertThat(PublicationDates.parse("2025-04-14")).contains(Instant.parse("2025-04-14T00:00:00Z"));
    assertThat(PublicationDates.parse(" 2014-03-10T16:52:50.698000Z ")).contains(Instant.parse("2014-03-10T16:52:50.698Z"));
    assertThat(PublicationDates.parse("2025-04-14T10:00:00+02:00")).contains(Instant.parse("2025-04-14T08:00:00Z"));
    assertThat(PublicationDates.parse("2025-04-14T10:00:00")).contains(Instant.parse("2025-04-14T10:00:00Z"));
    assertThat(PublicationDates.parse("Mon, 14 Apr 2025 10:00:00 GMT")).contains(Instant.parse("2025-04-14T10:00:00Z"));
  }

  @Test
  void shouldRefuseWhatNoFormMatches() {
    assertThat(PublicationDates.parse("yesterday")).isEmpty();
    assertThat(PublicationDates.parse("2025-13-45")).isEmpty();
    assertThat(PublicationDates.parse("")).isEmpty();
    assertThat(PublicationDates.parse(null)).isEmpty();
  }
}
