package dev.storyline.enrich;

import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.Figure;
import dev.storyline.avro.FigureGroup;
import dev.storyline.avro.FigureKind;
import dev.storyline.avro.FigureQualifier;
import dev.storyline.avro.FigureReport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Groups the figures of a story's original articles that measure the same quantity, so outlets can
 * be compared: counts of the same thing ("238 Venezuelans", "more than 200 Venezuelans") and sums
 * of money in the same currency. A group is kept when at least two articles report it.
 *
 * <p>A group is {@code conflicting} when the values cannot all be true at once: each report is
 * read as an interval — an exact value allows for the rounding its written precision implies
 * ("200" is 150 to 250, "238" is 237.5 to 238.5), an approximate one ten percent more, a lower or
 * upper bound is open on one side, a range is its ends — and the intervals have no common point.
 * Reports without a value (vague quantities) never conflict.
 */
public final class FigureGrouper {

  /** Extra room for "about", "around", "nearly". */
  private static final double APPROXIMATION = 0.10;

  private FigureGrouper() {}

  /** The figure groups of {@code articles} (the story's originals, earliest first). */
  public static List<FigureGroup> group(List<EnrichedArticle> articles) {
    Map<String, List<FigureReport>> reports = new LinkedHashMap<>();
    Map<String, Figure> firstFigure = new LinkedHashMap<>();
    for (EnrichedArticle article : articles) {
      for (Figure figure : article.getFigures()) {
        String key = keyOf(figure);
        if (key == null) {
          continue;
        }
        firstFigure.putIfAbsent(key, figure);
        reports.computeIfAbsent(key, k -> new ArrayList<>()).add(
            FigureReport.newBuilder()
                .setArticleId(article.getArticle().getId())
                .setSource(article.getArticle().getSource())
                .setQualifier(figure.getQualifier())
                .setValue(figure.getValue())
                .setUpperValue(figure.getUpperValue())
                .setDate(figure.getDate())
                .setText(figure.getText())
                .setSentence(figure.getSentence())
                .build());
      }
    }
    List<FigureGroup> groups = new ArrayList<>();
    reports.forEach(
        (key, list) -> {
          Set<String> reporting = new HashSet<>();
          list.forEach(r -> reporting.add(r.getArticleId()));
          if (reporting.size() < 2) {
            return;
          }
          Figure first = firstFigure.get(key);
          groups.add(
              FigureGroup.newBuilder()
                  .setKind(first.getKind())
                  .setUnit(first.getUnit())
                  .setLabel(labelOf(first))
                  .setConflicting(conflicting(list))
                  .setReports(list)
                  .build());
        });
    groups.sort(Comparator.<FigureGroup>comparingInt(g -> -g.getReports().size())
        .thenComparing(FigureGroup::getLabel));
    return groups;
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
    if (kind == FigureKind.COUNT && unit.length() > 3 && unit.endsWith("s")) {
      unit = unit.substring(0, unit.length() - 1);
    }
    return kind + "|" + unit;
  }

  private static String labelOf(Figure figure) {
    return figure.getKind() == FigureKind.MONEY
        ? "amount in " + figure.getUnit()
        : figure.getUnit();
  }
}
