package dev.storyline.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.avro.Figure;
import dev.storyline.enrich.FigureEvaluation;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code storyline eval figures}: the share of Microsoft Recognizers-Text spec cases whose every
 * expected figure Storyline's figure extractor finds with the right value (see
 * {@link FigureEvaluation} for what counts).
 */
@Command(
    name = "figures",
    description = "Runs the Recognizers-Text spec files (*.json) in DIR through the figure extractor and reports, "
        + "per file, cases and cases passed (every expected figure found with the right value).")
final class EvalFiguresCommand extends StorylineSubcommand {

  @Parameters(paramLabel = "DIR", description = "Folder of spec files, e.g. ../shared/eval/figures.")
  Path dir;

  @Option(names = "--json", description = "Print the results as one JSON object.")
  boolean json;

  @Option(names = "--failures", description = "Also print every failed case: its input, the figures expected "
      + "and the figures found (not with --json).")
  boolean failures;

  @Option(names = "--strict", description = "Score as before 2026-11-22: a case expecting nothing fails on any figure "
      + "with a value (not only on one of the file's model), and amounts in cents or pence must equal the spec's "
      + "number of cents.")
  boolean strict;

  @Override
  public Integer call() throws IOException {
    if (!Files.isDirectory(dir)) {
      throw new UserError(dir + ": no such folder");
    }
    List<Path> files;
    try (Stream<Path> listing = Files.list(dir)) {
      files = listing.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    }
    if (files.isEmpty()) {
      throw new UserError(dir + ": no *.json spec files");
    }
    ObjectMapper mapper = new ObjectMapper();
    FigureEvaluation evaluation = new FigureEvaluation();
    Map<String, Object> perFile = new LinkedHashMap<>();
    int cases = 0;
    int passed = 0;
    for (Path file : files) {
      JsonNode specs;
      try {
        specs = mapper.readTree(file.toFile());
      } catch (IOException e) {
        throw new UserError(file + ": not JSON (" + e.getMessage() + ")", e);
      }
      if (!specs.isArray()) {
        throw new UserError(file + ": expected a JSON array of cases");
      }
      int filePassed = 0;
      String model = strict ? null : model(specs);
      for (JsonNode spec : specs) {
        FigureEvaluation.Case testCase = toCase(spec, model);
        FigureEvaluation.Outcome outcome = evaluation.evaluate(testCase);
        if (outcome.passed()) {
          filePassed++;
        } else if (failures && !json) {
          printFailure(file, testCase, outcome);
        }
      }
      Map<String, Object> counts = new LinkedHashMap<>();
      counts.put("cases", specs.size());
      counts.put("passed", filePassed);
      perFile.put(file.getFileName().toString(), counts);
      cases += specs.size();
      passed += filePassed;
      if (!json) {
        out().printf(Locale.ROOT, "%-24s %5d / %5d  %5.1f%%%n", file.getFileName(), filePassed, specs.size(),
            specs.size() == 0 ? 0 : 100.0 * filePassed / specs.size());
      }
    }
    double passRate = cases == 0 ? 0 : (double) passed / cases;
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("files", perFile);
      result.put("pass_rate", passRate);
      out().println(mapper.writeValueAsString(result));
    } else {
      out().printf(Locale.ROOT, "%-24s %5d / %5d  %5.1f%%%n", "all", passed, cases, 100 * passRate);
    }
    return 0;
  }

  private void printFailure(Path file, FigureEvaluation.Case testCase, FigureEvaluation.Outcome outcome) {
    out().printf(Locale.ROOT, "FAIL %s: %s%n", file.getFileName(), testCase.input());
    if (testCase.results().isEmpty()) {
      out().println("  expected: nothing");
    }
    for (FigureEvaluation.Expected expected : testCase.results()) {
      out().printf(Locale.ROOT, "  expected: %s %s [%d,%d] %s%n", expected.typeName(), expected.value(),
          expected.start(), expected.end() + 1,
          quote(testCase.input(), expected.start(), expected.end() + 1));
    }
    if (outcome.found().isEmpty()) {
      out().println("  found:    nothing");
    }
    for (Figure figure : outcome.found()) {
      out().printf(Locale.ROOT, "  found:    %s %s %s%s%s [%d,%d] \"%s\"%n", figure.getKind(), figure.getQualifier(),
          figure.getValue() == null ? figure.getDate() : BigDecimal.valueOf(figure.getValue()).toPlainString(),
          figure.getUpperValue() == null ? "" : ".." + BigDecimal.valueOf(figure.getUpperValue()).toPlainString(),
          figure.getUnit() == null ? "" : " " + figure.getUnit(), figure.getStart(), figure.getEnd(),
          figure.getText());
    }
  }

  /** The expected text, quoted; offsets outside the input (a broken spec) are shown as such. */
  private static String quote(String input, int start, int end) {
    return start >= 0 && start <= end && end <= input.length()
        ? "\"" + input.substring(start, end) + "\"" : "(offsets outside the input)";
  }

  /** The type name most results of a spec file carry: the model the file specifies ("currency"). */
  private static String model(JsonNode specs) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (JsonNode spec : specs) {
      for (JsonNode result : spec.path("Results")) {
        counts.merge(result.path("TypeName").asText(), 1, Integer::sum);
      }
    }
    return counts.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
  }

  private static FigureEvaluation.Case toCase(JsonNode spec, String model) {
    List<FigureEvaluation.Expected> expected = new ArrayList<>();
    for (JsonNode result : spec.path("Results")) {
      JsonNode unit = result.path("Resolution").path("unit");
      expected.add(new FigureEvaluation.Expected(result.path("TypeName").asText(),
          result.path("Resolution").path("value").asText(), result.path("Start").asInt(), result.path("End").asInt(),
          unit.isTextual() && model != null ? unit.asText() : null));
    }
    return new FigureEvaluation.Case(spec.path("Input").asText(), expected, model);
  }
}
