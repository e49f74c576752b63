package dev.storyline.enrich;

import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.Figure;
import dev.storyline.avro.FigureGroup;
import dev.storyline.avro.FigureKind;
import dev.storyline.avro.FigureQualifier;
import dev.storyline.avro.FigureReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups the figures of a story's original articles that measure the same quantity, so outlets can
 * be compared. A group is kept when at least two articles report it.
 *
 * <p>Which figures measure the same quantity:
 *
 * <ul>
 *   <li>counts of people that name the same people: a nationality or another name in the counted
 *       thing or in an "of" phrase after it ({@link CountedSubject}), so "238 Venezuelans", "over
 *       200 Venezuelan immigrants" and "more than 200 alleged members of the Venezuelan Tren de
 *       Aragua gang" are one group, and "23 Salvadorans" another;
 *   <li>other counts of the same counted thing ("22 deportation flights", "22 flights" are not),
 *       and sums of money in the same currency;
 *   <li>in both cases only values within a factor of {@value #SAME_MAGNITUDE} of each other: a
 *       count of 8 million Venezuelans who left their country is not a count of 238 deported;
 *       a vague quantity ("hundreds of Venezuelans") joins the first group of its thing;
 *   <li>an increment ("an additional 10 individuals") is compared only with increments.
 * </ul>
 *
 * <p>A group is {@code conflicting} when the values cannot all be true at once: each report is
 * read as an interval — a value allows for the rounding its written precision implies ("200" is
 * 150 to 250, "238" is 237.5 to 238.5, "around 250" 245 to 255, at least {@value #APPROXIMATION}
 * of the value either side when approximate), a lower or upper bound is open on one side, a range
 * is its ends — and the intervals have no common point. Reports without a value (vague
 * quantities) never conflict.
 */
public final class FigureGrouper {

  /**
   * Least share of the value an approximate figure ("around", "about", "nearly") allows either
   * side, beyond the rounding its written precision already implies.
   */
  private static final double APPROXIMATION = 0.02;

  /** Largest ratio between two values of one group. */
  private static final double SAME_MAGNITUDE = 5.0;

  private FigureGrouper() {}

  /** One figure of one article, with what it counts. */
  private record Entry(
      int order, Figure figure, FigureReport report, String key, CountedSubject subject) {

    boolean anchoredPeople() {
      return subject != null && subject.people() && !subject.anchors().isEmpty();
    }

    /** Whether both may measure the same thing (not yet looking at the values). */
    boolean sameThing(Entry other) {
      if (anchoredPeople() || other.anchoredPeople()) {
        return anchoredPeople() && other.anchoredPeople() && subject.sharesPeopleWith(other.subject);
      }
      return key.equals(other.key);
    }

    boolean sameMagnitude(Entry other) {
      double a = Math.abs(figure.getValue());
      double b = Math.abs(other.figure.getValue());
      double low = Math.min(a, b);
      double high = Math.max(a, b);
      return high == 0.0 || (low > 0.0 && high / low <= SAME_MAGNITUDE);
    }
  }

  /**
   * What one article's figures count, read once: a story's figures are grouped again on every
   * update, and reading the counted subjects each time would cost more than the grouping.
   */
  static final class Prepared {
    private final List<Entry> entries;

    private Prepared(List<Entry> entries) {
      this.entries = entries;
    }
  }

  /** The article's comparable figures with what they count. */
  static Prepared prepare(EnrichedArticle article) {
    List<Entry> entries = new ArrayList<>();
    for (Figure figure : article.getFigures()) {
      String key = keyOf(figure);
      if (key == null) {
        continue;
      }
      CountedSubject subject =
          figure.getKind() == FigureKind.COUNT ? CountedSubject.of(figure) : null;
      if (subject != null && subject.increment()) {
        key = key + "|increment";
      }
      entries.add(new Entry(0, figure, reportOf(article, figure), key, subject));
    }
    return new Prepared(List.copyOf(entries));
  }

  /** The figure groups of {@code articles} (the story's originals, earliest first). */
  public static List<FigureGroup> group(List<EnrichedArticle> articles) {
    return groupPrepared(articles.stream().map(FigureGrouper::prepare).toList());
  }

  /** {@link #group} of articles whose figures are already {@linkplain #prepare prepared}. */
  static List<FigureGroup> groupPrepared(List<Prepared> articles) {
    Tally tally = new Tally();
    articles.forEach(tally::add);
    return tally.grouped();
  }

  /**
   * A story's figures, one original after the other, with the valued ones already joined: the
   * story's state is built on every update, and comparing every pair of its figures again each
   * time grows with the square of the story. A story keeps its tally instead and adds each
   * original that joins after the others (the usual case); a new figure is compared with those
   * before it that share a key or an anchor. The pairs compared, and so the clusters, are those
   * of joining all the figures at once, so {@link #grouped} is what {@link #groupPrepared} of the
   * same articles gives.
   */
  static final class Tally {
    private final List<Entry> valued = new ArrayList<>();
    private final List<Entry> vague = new ArrayList<>();
    /** Union-find over the valued entries. */
    private int[] parent = new int[8];
    /** Valued entries by key or anchor: only entries with one in common can be linked. */
    private final Map<String, List<Integer>> buckets = new HashMap<>();

    /** Adds the figures of the story's next original (the latest so far). */
    void add(Prepared article) {
      for (Entry prepared : article.entries) {
        Entry entry = new Entry(valued.size() + vague.size(), prepared.figure(),
            prepared.report(), prepared.key(), prepared.subject());
        if (prepared.figure().getValue() == null) {
          vague.add(entry);
        } else {
          join(entry);
        }
      }
    }

    private void join(Entry entry) {
      int i = valued.size();
      valued.add(entry);
      if (i == parent.length) {
        parent = Arrays.copyOf(parent, 2 * i);
      }
      parent[i] = i;
      if (entry.anchoredPeople()) {
        for (String anchor : entry.subject().anchors()) {
          link(i, buckets.computeIfAbsent("anchor|" + anchor, k -> new ArrayList<>()));
        }
      } else {
        link(i, buckets.computeIfAbsent("key|" + entry.key(), k -> new ArrayList<>()));
      }
    }

    /** Joins entry i with the earlier ones of a bucket that measure the same, then enters it. */
    private void link(int i, List<Integer> bucket) {
      Entry second = valued.get(i);
      for (int earlier : bucket) {
        Entry first = valued.get(earlier);
        if (first.sameThing(second) && first.sameMagnitude(second)) {
          parent[root(parent, i)] = root(parent, earlier);
        }
      }
      bucket.add(i);
    }

    /** The figure groups of the articles added so far; the tally is left as it was. */
    List<FigureGroup> grouped() {
      return groupsOf(clusters(), vague);
    }

    /** The valued entries' clusters, in order of first entry, each in entry order. */
    private List<List<Entry>> clusters() {
      Map<Integer, List<Entry>> byRoot = new LinkedHashMap<>();
      for (int i = 0; i < valued.size(); i++) {
        byRoot.computeIfAbsent(root(parent, i), k -> new ArrayList<>()).add(valued.get(i));
      }
      return new ArrayList<>(byRoot.values());
    }
  }

  /** The groups of the valued entries' clusters and the vague entries (the clusters change). */
  private static List<FigureGroup> groupsOf(List<List<Entry>> clusters, List<Entry> vague) {
    for (Entry entry : vague) {
      clusters.stream()
          .filter(cluster -> cluster.stream().anyMatch(entry::sameThing))
          .findFirst()
          .ifPresentOrElse(
              cluster -> cluster.add(entry),
              () -> clusters.add(new ArrayList<>(List.of(entry))));
    }

    List<FigureGroup> groups = new ArrayList<>();
    for (List<Entry> cluster : clusters) {
      cluster.sort(Comparator.comparingInt(Entry::order));
      Set<String> reporting = new HashSet<>();
      cluster.forEach(e -> reporting.add(e.report().getArticleId()));
      if (reporting.size() < 2) {
        continue;
      }
      List<FigureReport> reports = cluster.stream().map(Entry::report).toList();
      Figure named = cluster.stream()
          .filter(e -> e.figure().getQualifier() == FigureQualifier.EXACT)
          .findFirst()
          .orElse(cluster.get(0))
          .figure();
      groups.add(
          FigureGroup.newBuilder()
              .setKind(named.getKind())
              .setUnit(named.getUnit())
              .setLabel(labelOf(named))
              .setConflicting(conflicting(reports))
              .setReports(reports)
              .build());
    }
    groups.sort(Comparator.<FigureGroup>comparingInt(g -> -g.getReports().size())
        .thenComparing(FigureGroup::getLabel));
    return groups;
  }

  private static int root(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static FigureReport reportOf(EnrichedArticle article, Figure figure) {
    return FigureReport.newBuilder()
        .setArticleId(article.getArticle().getId())
        .setSource(article.getArticle().getSource())
        .setQualifier(figure.getQualifier())
        .setValue(figure.getValue())
        .setUpperValue(figure.getUpperValue())
        .setDate(figure.getDate())
        .setText(figure.getText())
        .setSentence(figure.getSentence())
        .build();
  }

  /** True when the reported values cannot all hold at once, beyond rounding and qualifiers. */
  public static boolean conflicting(List<FigureReport> reports) {
    double low = Double.NEGATIVE_INFINITY;
    double high = Double.POSITIVE_INFINITY;
    for (FigureReport report : reports) {
      double[] interval = intervalOf(report);
      low = Math.max(low, interval[0]);
      high = Math.min(high, interval[1]);
    }
    return low > high;
  }

  static double[] intervalOf(FigureReport report) {
    Double value = report.getValue();
    if (value == null) {
      return new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    }
    double rounding = roundingOf(value);
    double approximate = Math.max(rounding, Math.abs(value) * APPROXIMATION);
    FigureQualifier qualifier = report.getQualifier();
    return switch (qualifier) {
      case EXACT -> new double[] {value - rounding, value + rounding};
      case APPROXIMATE -> new double[] {value - approximate, value + approximate};
      case LOWER_BOUND -> new double[] {value - rounding, Double.POSITIVE_INFINITY};
      case UPPER_BOUND -> new double[] {Double.NEGATIVE_INFINITY, value + rounding};
      case RANGE -> new double[] {
          value - rounding,
          (report.getUpperValue() == null ? value : report.getUpperValue()) + rounding};
      case VAGUE -> new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    };
  }

  /** Half the place value of the last non-zero digit: 238 → 0.5, 250 → 5, 200 → 50, 1.5 → 0.05. */
  static double roundingOf(double value) {
    double magnitude = Math.abs(value);
    if (magnitude == 0.0) {
      return 0.5;
    }
    java.math.BigDecimal decimal =
        java.math.BigDecimal.valueOf(magnitude).stripTrailingZeros();
    return Math.pow(10, -decimal.scale()) / 2.0;
  }

  /** Same kind and same counted thing or currency; null for figures not compared. */
  private static String keyOf(Figure figure) {
    FigureKind kind = figure.getKind();
    if ((kind != FigureKind.COUNT && kind != FigureKind.MONEY) || figure.getUnit() == null) {
      return null;
    }
    String unit = TextNormalizer.normalise(figure.getUnit());
    if (unit.isEmpty()) {
      return null;
    }
    if (kind == FigureKind.COUNT) {
      unit = CountedSubject.singular(unit);
    }
    return kind + "|" + unit;
  }

  private static String labelOf(Figure figure) {
    return figure.getKind() == FigureKind.MONEY
        ? "amount in " + figure.getUnit()
        : figure.getUnit();
  }
}
