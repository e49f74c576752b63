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

  // The same parsers, the one the text's shape suggests first: a failed java.time parse throws,
  // and trying the date-only form on every date-time cost bulk loads a third of their parse time.
  private static final List<Function<String, Instant>> DATE_TIME_FIRST =
      List.of(PARSERS.get(1), PARSERS.get(2), PARSERS.get(0), PARSERS.get(3));
  private static final List<Function<String, Instant>> RFC_1123_FIRST =
      List.of(PARSERS.get(3), PARSERS.get(0), PARSERS.get(1), PARSERS.get(2));

  private PublicationDates() {}

  private static List<Function<String, Instant>> likelyFirst(String s) {
    if (s.indexOf('T') > 0) {
      return DATE_TIME_FIRST;
    }
    if (!s.isEmpty() && Character.isLetter(s.charAt(0))) {
      return RFC_1123_FIRST;
    }
    return PARSERS;
  }

  /** The instant a date text stands for, or empty when no supported form matches. */
  public static Optional<Instant> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.strip();
    for (Function<String, Instant> parser : likelyFirst(s)) {
      try {
        return Optional.of(parser.apply(s));
      } catch (DateTimeParseException e) {
        // Not this form; the next parser may accept it.
      }
    }
    return Optional.empty();
  }
}
