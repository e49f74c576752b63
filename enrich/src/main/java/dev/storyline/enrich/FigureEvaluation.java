package dev.storyline.enrich;

import dev.storyline.avro.Figure;
import dev.storyline.avro.FigureKind;
import dev.storyline.avro.FigureQualifier;
import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scores {@link FigureExtractor} on Microsoft Recognizers-Text spec cases. A case passes when
 * every expected result is found: a figure overlapping the expected characters with the expected
 * value (and for a percentage a PERCENT figure, for a currency a MONEY figure, for a number range
 * the same bounds; a result the spec gives with the value {@code null}, "a small percent", needs a
 * figure of that kind without a value, as Storyline writes vague quantities). A case expecting nothing passes only when no figure with a value is found, so
 * "the 180ml liquid" is not a free pass. Currency units are not compared: the specs name them in
 * words ("Finnish markka"), Storyline writes ISO 4217 codes.
 *
 * <p>Two rules follow from what a spec file describes. A spec file holds the results of one model,
 * so when the case says which ({@link Case#model()}), expecting nothing means no figure of that
 * model: "All 70 of us" expects nothing from the currency model, not no number. And an amount the
 * spec gives in cents, pence or pennies ("34 cents": 34, unit Cent) is compared in the main unit
 * Storyline writes (0.34 USD).
 */
public final class FigureEvaluation {

  /** One expected result of a spec case; {@code unit} is the spec's currency unit, or null. */
  public record Expected(String typeName, String value, int start, int end, String unit) {
    public Expected(String typeName, String value, int start, int end) {
      this(typeName, value, start, end, null);
    }
  }

  /**
   * One spec case; {@code model} is the type name of the spec file's model ("currency",
   * "percentage", "number", "numberrange"), or null to read an empty result as "no figure at all".
   */
  public record Case(String input, List<Expected> results, String model) {
    public Case(String input, List<Expected> results) {
      this(input, results, null);
    }
  }

  /** Units the specs give amounts in that are hundredths of the unit Storyline writes. */
  private static final java.util.Set<String> HUNDREDTH_UNITS = java.util.Set.of("cent", "pence", "penny");

  private static final Pattern RANGE = Pattern.compile("([\\[(])(-?[\\d.]*),(-?[\\d.]*)([\\])])");

  /** An arbitrary fixed date: the specs' inputs carry no dates that need one. */
  private static final LocalDate REFERENCE_DATE = LocalDate.parse("2025-01-01");

  private final FigureExtractor extractor = new FigureExtractor();

  /** The outcome of one case: whether it passed and the figures the extractor found. */
  public record Outcome(boolean passed, List<Figure> found) {}

  /** True when {@code spec} passes. */
  public boolean passes(Case spec) {
    return evaluate(spec).passed();
  }

  /** Runs {@code spec} through the extractor: whether it passes, and what was found. */
  public Outcome evaluate(Case spec) {
    List<Figure> figures = extractor.extract(spec.input(), REFERENCE_DATE);
    if (spec.results().isEmpty()) {
      return new Outcome(figures.stream().noneMatch(f -> ofModel(f, spec.model())), figures);
    }
    for (Expected expected : spec.results()) {
      if (figures.stream().noneMatch(f -> matches(f, expected))) {
        return new Outcome(false, figures);
      }
    }
    return new Outcome(true, figures);
  }

  /**
   * Whether {@code figure} is a result the model {@code model} gives (any figure with a value if
   * null). A percentage or an amount without a value counts, as the specs give such results ("a
   * small percent", value null); a vague count ("hundreds") is no result of the number model.
   */
  static boolean ofModel(Figure figure, String model) {
    if ("currency".equals(model) || "percentage".equals(model)) {
      return figure.getKind() == (model.equals("currency") ? FigureKind.MONEY : FigureKind.PERCENT);
    }
    if (figure.getValue() == null) {
      return false;
    }
    if (model == null) {
      return true;
    }
    return switch (model) {
      case "numberrange" -> figure.getQualifier() == FigureQualifier.RANGE
          || figure.getQualifier() == FigureQualifier.LOWER_BOUND || figure.getQualifier() == FigureQualifier.UPPER_BOUND;
      default -> true;
    };
  }

  static boolean matches(Figure figure, Expected expected) {
    // Spec offsets are inclusive at both ends.
    if (figure.getStart() > expected.end() || figure.getEnd() <= expected.start()) {
      return false;
    }
    String type = expected.typeName();
    String value = expected.value();
    if (type.equals("numberrange")) {
      Matcher range = RANGE.matcher(value);
      if (!range.matches()) {
        return false;
      }
      Double lower = range.group(2).isEmpty() ? null : Double.valueOf(range.group(2));
      Double upper = range.group(3).isEmpty() ? null : Double.valueOf(range.group(3));
      if (lower != null && upper != null) {
        return figure.getQualifier() == FigureQualifier.RANGE && same(figure.getValue(), lower)
            && same(figure.getUpperValue(), upper);
      }
      return lower != null
          ? figure.getQualifier() == FigureQualifier.LOWER_BOUND && same(figure.getValue(), lower)
          : figure.getQualifier() == FigureQualifier.UPPER_BOUND && same(figure.getValue(), upper);
    }
    if (type.equals("percentage") && figure.getKind() != FigureKind.PERCENT) {
      return false;
    }
    if (type.equals("currency") && figure.getKind() != FigureKind.MONEY) {
      return false;
    }
    if (value.equals("null")) {
      // A result the spec gives without a value ("a small percent"): a figure of its kind without one.
      return figure.getValue() == null && figure.getKind() != FigureKind.DATE;
    }
    double wanted;
    try {
      wanted = Double.parseDouble(value.replace("%", "").replace(",", ""));
    } catch (NumberFormatException e) {
      return false;
    }
    if (type.equals("currency") && expected.unit() != null
        && HUNDREDTH_UNITS.contains(expected.unit().toLowerCase(java.util.Locale.ROOT))) {
      wanted /= 100;
    }
    return same(figure.getValue(), wanted);
  }

  private static boolean same(Double actual, double wanted) {
    return actual != null && Math.abs(actual - wanted) <= 1e-9 * Math.max(1, Math.abs(wanted));
  }
}
