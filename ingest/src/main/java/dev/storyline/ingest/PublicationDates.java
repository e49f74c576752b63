package dev.storyline.ingest;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Parses the publication dates inputs carry: ISO dates ({@code 2025-04-14}, read as midnight
 * UTC), ISO date-times with an offset or {@code Z}, local ISO date-times (read as UTC) and RFC
 * 1123 ({@code Mon, 14 Apr 2025 10:00:00 GMT}, as RSS writes them).
 */
public final class PublicationDates {

  private static final List<Function<String, Instant>> PARSERS = List.of(
      s -> LocalDate.parse(s).atStartOfDay(ZoneOffset.UTC).toInstant(),
      s -> OffsetDateTime.parse(s).toInstant(),
      s -> LocalDateTime.parse(s).toInstant(ZoneOffset.UTC),
      s -> OffsetDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());

  private PublicationDates() {}

  /** The instant a date text stands for, or empty when no supported form matches. */
  public static Optional<Instant> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.strip();
    for (Function<String, Instant> parser : PARSERS) {
      try {
        return Optional.of(parser.apply(s));
      } catch (DateTimeParseException e) {
        // Not this form; the next parser may accept it.
      }
    }
    return Optional.empty();
  }
}
