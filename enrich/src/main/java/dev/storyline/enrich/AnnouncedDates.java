package dev.storyline.enrich;

import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.Figure;
import dev.storyline.avro.FigureKind;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The coming dates an article announces: its DATE figures that lie after its publication day and
 * begin within {@link #LOOKAHEAD} of it ("Bukele will visit next month", "the vote on Tuesday").
 *
 * <p>News about a scheduled event comes before and after the event: the announcement weeks ahead,
 * the coverage on the day. A story whose articles announce a date therefore stays together up to
 * that date: the clusterer measures the time proximity of a clearly similar article to the
 * story's announced dates as well as to its articles' span, and closes the story only a horizon
 * after the latest announced date. Dates further ahead
 * ("the 2028 election") are background, not a schedule, and do not count; nor do years.
 */
final class AnnouncedDates {

  /** How far after publication an announced date may begin. */
  static final Duration LOOKAHEAD = Duration.ofDays(31);

  private AnnouncedDates() {}

  /** An announced date as a time interval: [start, end), midnight UTC. */
  record Span(Instant start, Instant end) {
    /** Time from {@code time} to this interval; zero inside it. */
    long gapMillis(Instant time) {
      if (time.isBefore(start)) {
        return start.toEpochMilli() - time.toEpochMilli();
      }
      return time.isBefore(end) ? 0 : time.toEpochMilli() - end.toEpochMilli();
    }
  }

  /** The dates the article announces, in text order, without repeats. */
  static List<Span> of(EnrichedArticle article) {
    Instant published = article.getArticle().getPublished();
    LocalDate publishedDay = LocalDate.ofInstant(published, ZoneOffset.UTC);
    LocalDate latestStart = LocalDate.ofInstant(published.plus(LOOKAHEAD), ZoneOffset.UTC);
    List<Span> spans = new ArrayList<>();
    for (Figure figure : article.getFigures()) {
      if (figure.getKind() != FigureKind.DATE || figure.getDate() == null) {
        continue;
      }
      LocalDate[] days = spanOf(figure.getDate());
      if (days == null || !days[0].isAfter(publishedDay) || days[0].isAfter(latestStart)) {
        continue;
      }
      Span span = new Span(days[0].atStartOfDay(ZoneOffset.UTC).toInstant(),
          days[1].atStartOfDay(ZoneOffset.UTC).toInstant());
      if (!spans.contains(span)) {
        spans.add(span);
      }
    }
    return List.copyOf(spans);
  }

  /**
   * The end (exclusive, midnight UTC) of the latest date the article announces: the day after a
   * day, the first day of the next month for a month; empty when it announces none.
   */
  static Optional<Instant> until(EnrichedArticle article) {
    return of(article).stream().map(Span::end).max(Instant::compareTo);
  }

  /** [first day, day after the last) of an ISO day or month; null for anything else. */
  private static LocalDate[] spanOf(String date) {
    try {
      if (date.length() == 10) {
        LocalDate day = LocalDate.parse(date);
        return new LocalDate[] {day, day.plusDays(1)};
      }
      if (date.length() == 7) {
        YearMonth month = YearMonth.parse(date);
        return new LocalDate[] {month.atDay(1), month.plusMonths(1).atDay(1)};
      }
    } catch (DateTimeParseException e) {
      return null;
    }
    return null;
  }
}
