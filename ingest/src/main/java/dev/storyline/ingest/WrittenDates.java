package dev.storyline.ingest;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Estimates the publication date of a text that carries none, from the dates written in it, the
 * way date extractors for web pages do (a date in the article's own URL first, then the dates in
 * its text):
 *
 * <ol>
 *   <li>a date in a URL quoted in the text ({@code /2025/apr/14/}, {@code /2025/04/14/},
 *       {@code /2025-04-14}): news sites put the publication date there;
 *   <li>otherwise the latest complete date written in the text ("April 14, 2025",
 *       "14 April 2025", "2025-04-14"), or a weekday with a month and day ("Monday, April 14"),
 *       whose year is the latest one in which that day falls on that weekday: an article is
 *       written after most of the dates it mentions, so the latest is the closest estimate.
 * </ol>
 *
 * <p>Dates after {@code notAfter} (the file's time) and before 1900 are ignored. The result is an
 * estimate; articles dated this way are flagged {@code publishedInferred}.
 */
final class WrittenDates {

  private static final Map<String, Integer> MONTHS = Map.ofEntries(
      Map.entry("jan", 1), Map.entry("january", 1), Map.entry("feb", 2), Map.entry("february", 2),
      Map.entry("mar", 3), Map.entry("march", 3), Map.entry("apr", 4), Map.entry("april", 4),
      Map.entry("may", 5), Map.entry("jun", 6), Map.entry("june", 6), Map.entry("jul", 7),
      Map.entry("july", 7), Map.entry("aug", 8), Map.entry("august", 8), Map.entry("sep", 9),
      Map.entry("sept", 9), Map.entry("september", 9), Map.entry("oct", 10),
      Map.entry("october", 10), Map.entry("nov", 11), Map.entry("november", 11),
      Map.entry("dec", 12), Map.entry("december", 12));

  private static final String MONTH_NAME =
      "(January|February|March|April|May|June|July|August|September|October|November|December"
          + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\\.?";

  private static final Pattern URL = Pattern.compile("https?://[^\\s\"'<>)]+");
  private static final Pattern URL_DATE = Pattern.compile(
      "/((?:19|20)\\d{2})[/-]([01]?\\d|[a-z]{3,9})[/-]([0-3]?\\d)(?=[/._-]|$)",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
      "\\b" + MONTH_NAME + "\\s+([0-3]?\\d)(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})\\b");
  private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
      "\\b([0-3]?\\d)(?:st|nd|rd|th)?\\s+" + MONTH_NAME + ",?\\s+((?:19|20)\\d{2})\\b");
  private static final Pattern ISO_DATE =
      Pattern.compile("(?<![\\d/-])((?:19|20)\\d{2})-([01]\\d)-([0-3]\\d)(?![\\d/-])");
  private static final Pattern WEEKDAY_MONTH_DAY = Pattern.compile(
      "\\b(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\\s+" + MONTH_NAME
          + "\\s+([0-3]?\\d)(?:st|nd|rd|th)?\\b(?!,?\\s+(?:19|20)\\d{2})");

  /** How many years back a weekday-pinned date may lie (a weekday repeats within 11 years). */
  private static final int WEEKDAY_YEARS_BACK = 11;

  private WrittenDates() {}

  /** The estimated publication date (midnight UTC) of {@code text}, if it writes any date. */
  static Optional<Instant> publicationOf(String text, Instant notAfter) {
    LocalDate latestAllowed = LocalDate.ofInstant(notAfter, ZoneOffset.UTC);
    LocalDate fromUrl = null;
    Matcher url = URL.matcher(text);
    while (url.find()) {
      Matcher date = URL_DATE.matcher(url.group());
      while (date.find()) {
        fromUrl = later(fromUrl, date(date.group(1), date.group(2), date.group(3)), latestAllowed);
      }
    }
    if (fromUrl != null) {
      return Optional.of(fromUrl.atStartOfDay(ZoneOffset.UTC).toInstant());
    }
    LocalDate latest = null;
    Matcher m = MONTH_DAY_YEAR.matcher(text);
    while (m.find()) {
      latest = later(latest, date(m.group(3), m.group(1), m.group(2)), latestAllowed);
    }
    m = DAY_MONTH_YEAR.matcher(text);
    while (m.find()) {
      latest = later(latest, date(m.group(3), m.group(2), m.group(1)), latestAllowed);
    }
    m = ISO_DATE.matcher(text);
    while (m.find()) {
      latest = later(latest, date(m.group(1), m.group(2), m.group(3)), latestAllowed);
    }
    m = WEEKDAY_MONTH_DAY.matcher(text);
    while (m.find()) {
      latest = later(latest, weekdayPinned(m.group(1), m.group(2), m.group(3), latestAllowed),
          latestAllowed);
    }
    return Optional.ofNullable(latest).map(d -> d.atStartOfDay(ZoneOffset.UTC).toInstant());
  }

  private static LocalDate later(LocalDate current, LocalDate candidate, LocalDate latestAllowed) {
    if (candidate == null || candidate.isAfter(latestAllowed) || candidate.getYear() < 1900) {
      return current;
    }
    return current == null || candidate.isAfter(current) ? candidate : current;
  }

  /** A date from year, month (number or name) and day texts; null when they name no date. */
  private static LocalDate date(String year, String month, String day) {
    Integer monthNumber = monthOf(month);
    if (monthNumber == null) {
      return null;
    }
    try {
      return LocalDate.of(Integer.parseInt(year), monthNumber, Integer.parseInt(day));
    } catch (DateTimeException | NumberFormatException e) {
      return null;
    }
  }

  private static Integer monthOf(String month) {
    if (Character.isDigit(month.charAt(0))) {
      int number = Integer.parseInt(month);
      return number >= 1 && number <= 12 ? number : null;
    }
    return MONTHS.get(month.toLowerCase(Locale.ROOT).replace(".", ""));
  }

  /** The latest date not after {@code latestAllowed} on which month/day falls on the weekday. */
  private static LocalDate weekdayPinned(
      String weekday, String month, String day, LocalDate latestAllowed) {
    DayOfWeek dayOfWeek = DayOfWeek.valueOf(weekday.toUpperCase(Locale.ROOT));
    for (int back = 0; back <= WEEKDAY_YEARS_BACK; back++) {
      LocalDate candidate =
          date(Integer.toString(latestAllowed.getYear() - back), month, day);
      if (candidate != null && !candidate.isAfter(latestAllowed)
          && candidate.getDayOfWeek() == dayOfWeek) {
        return candidate;
      }
    }
    return null;
  }
}
