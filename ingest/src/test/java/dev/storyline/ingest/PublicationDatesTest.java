package dev.storyline.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
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

  @Test
  void shouldReadPlainIsoDatesDigitByDigitExactlyAsTheFormattersDo() {
    // Given the plain shapes and their near misses
    List<String> dates = List.of("2025-04-14", "2014-03-10T16:52:50.698000Z", "2025-04-14T10:00:00+02:00",
        "2025-04-14T10:00:00-05:30", "2025-04-14T10:00:00-00:00", "2025-04-14T10:00:00", "2025-04-14T23:59:59.123456789Z",
        "2025-04-14T23:59:59.1234567891Z", "2025-04-14T10:00:00.Z", "2025-04-14T10:00Z", "2025-04-14t10:00:00z",
        "2025-02-29", "2024-02-29T00:00:00Z", "2025-04-14T24:00:00Z", "2025-04-14T10:00:60Z", "2025-04-14T10:00:00+19:00",
        "2025-04-14T10:00:00+02:60", "2025-04-14T10:00:00+0200", "2025-04-14T10:00:00+02", "2025-04-14 10:00:00",
        "0000-01-01", "+2025-04-14", "2025-4-14", "2025-04-14T10:00:00+02:00:30", "2025-04-14T10:00:00Zx");
    for (String date : dates) {
      // When
      Instant plain = PublicationDates.plainIso(date);
      // Then: what the plain reading accepts, java.time's formatters read to the same instant
      if (plain != null) {
        assertThat(formatters(date)).as(date).contains(plain);
      }
      assertThat(PublicationDates.parse(date)).as(date).isEqualTo(formatters(date));
    }
    assertThat(PublicationDates.plainIso("2025-04-14T10:00:00.5-05:30")).isEqualTo(Instant.parse("2025-04-14T15:30:00.5Z"));
  }

  private static Optional<Instant> formatters(String date) {
    for (java.util.function.Supplier<Instant> parser : List.<java.util.function.Supplier<Instant>>of(
        () -> LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant(),
        () -> OffsetDateTime.parse(date).toInstant(),
        () -> LocalDateTime.parse(date).toInstant(ZoneOffset.UTC),
        () -> OffsetDateTime.parse(date, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())) {
      try {
        return Optional.of(parser.get());
      } catch (DateTimeParseException e) {
        // not this form
      }
    }
    return Optional.empty();
  }
}
