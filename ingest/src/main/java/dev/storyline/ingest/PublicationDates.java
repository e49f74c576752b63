package dev.storyline.ingest;

import java.time.DateTimeException;
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

  /**
   * The instant of the two shapes bulk inputs nearly always have, {@code 2025-04-14} and
   * {@code 2025-04-14T10:00:00[.fraction](Z|+02:00)} or without offset, read digit by digit
   * (java.time's formatters took a tenth of the parse time); null for anything else, which the
   * formatters then read. What it accepts, they read to the same instant.
   */
  static Instant plainIso(String s) {
    int n = s.length();
    if (n < 10 || !digits(s, 0, 4) || s.charAt(4) != '-' || !digits(s, 5, 7) || s.charAt(7) != '-'
        || !digits(s, 8, 10)) {
      return null;
    }
    try {
      LocalDate date = LocalDate.of(number(s, 0, 4), number(s, 5, 7), number(s, 8, 10));
      if (n == 10) {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
      }
      if (n < 19 || s.charAt(10) != 'T' || !digits(s, 11, 13) || s.charAt(13) != ':' || !digits(s, 14, 16)
          || s.charAt(16) != ':' || !digits(s, 17, 19)) {
        return null;
      }
      int p = 19;
      int nanos = 0;
      if (p < n && s.charAt(p) == '.') {
        int start = ++p;
        while (p < n && p - start < 9 && digits(s, p, p + 1)) {
          p++;
        }
        if (p == start) {
          return null;
        }
        nanos = number(s, start, p) * POWERS_OF_TEN[9 - (p - start)];
      }
      LocalDateTime local = date.atTime(number(s, 11, 13), number(s, 14, 16), number(s, 17, 19), nanos);
      ZoneOffset offset;
      if (p == n) {
        offset = ZoneOffset.UTC;
      } else if (p == n - 1 && s.charAt(p) == 'Z') {
        offset = ZoneOffset.UTC;
      } else if (p == n - 6 && (s.charAt(p) == '+' || s.charAt(p) == '-') && digits(s, p + 1, p + 3)
          && s.charAt(p + 3) == ':' && digits(s, p + 4, p + 6)) {
        int sign = s.charAt(p) == '+' ? 1 : -1;
        offset = ZoneOffset.ofHoursMinutes(sign * number(s, p + 1, p + 3), sign * number(s, p + 4, p + 6));
      } else {
        return null;
      }
      return local.toInstant(offset);
    } catch (DateTimeException e) {
      return null;  // out of range (2025-13-45, 25:00): the formatters give the verdict
    }
  }

  private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000};

  private static boolean digits(String s, int from, int to) {
    if (to > s.length()) {
      return false;
    }
    for (int i = from; i < to; i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int number(String s, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      value = value * 10 + s.charAt(i) - '0';
    }
    return value;
  }

  /** The instant a date text stands for, or empty when no supported form matches. */
  public static Optional<Instant> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text.strip();
    Instant plain = plainIso(s);
    if (plain != null) {
      return Optional.of(plain);
    }
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
