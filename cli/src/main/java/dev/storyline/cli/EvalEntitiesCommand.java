package dev.storyline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.storyline.enrich.CoreNlpRecognizer;
import dev.storyline.enrich.EntityEvaluation;
import dev.storyline.enrich.EntityRecognizer;
import dev.storyline.enrich.NlpEnricher;
import dev.storyline.enrich.NlpSettings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code storyline eval entities}: exact-span precision, recall and F1 of Storyline's entity
 * recognition (CoreNLP plus the document-level repairs enrichment applies) on CoNLL-format gold.
 */
@Command(
    name = "entities",
    description = "Exact-span P/R/F1 per type (PER, ORG, LOC, MISC) of entity recognition, as enrichment runs it, "
        + "on a CoNLL-2003-format file; overall over PER, ORG and LOC.")
final class EvalEntitiesCommand extends StorylineSubcommand {

  @Option(names = "--conll", paramLabel = "FILE", required = true,
      description = "CoNLL file (token ... NER-tag columns, IOB1, -DOCSTART- between documents), "
          + "e.g. ../shared/eval/entities/conll2003-dev.txt.")
  Path conll;

  @Option(names = "--json", description = "Print the scores as one JSON object.")
  boolean json;

  @Option(names = "--model", paramLabel = "RESOURCE", defaultValue = NlpSettings.THREE_CLASS_MODEL,
      description = "CoreNLP NER model resource (default: ${DEFAULT-VALUE}; also packaged: the CoNLL 4-class "
          + NlpSettings.CONLL_FOUR_CLASS_MODEL + " and the MUC 7-class " + NlpSettings.MUC_SEVEN_CLASS_MODEL + ").")
  String model;

  @Option(names = "--raw", description = "Score CoreNLP's sentence-level tags alone, without the document-level repairs.")
  boolean raw;

  @Override
  public Integer call() throws IOException {
    if (!Files.isRegularFile(conll)) {
      throw new UserError("--conll " + conll + ": no such file");
    }
    List<EntityEvaluation.Document> documents;
    try {
      documents = EntityEvaluation.parse(Files.readAllLines(conll, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw new UserError(conll + ": " + e.getMessage());
    }
    // No size limit or time budget here: the evaluation must see every document whole.
    NlpSettings settings = new NlpSettings(model, Integer.MAX_VALUE, NlpSettings.DEFAULTS.maxSegmentChars(),
        Duration.ofDays(1));
    EntityRecognizer recognizer = CoreNlpRecognizer.create(settings);
    long started = System.nanoTime();
    EntityEvaluation.Result result = EntityEvaluation.evaluate(documents,
        text -> raw ? recognizer.recognize(text).mentions() : NlpEnricher.resolvedMentions(recognizer, text));
    double seconds = (System.nanoTime() - started) / 1e9;
    if (json) {
      out().println(new ObjectMapper().writeValueAsString(toJson(result)));
    } else {
      out().printf(Locale.ROOT, "%s: %d documents, %,d tokens, model %s%s, %.1f s%n", conll, result.documents(),
          result.tokens(), model, raw ? " (raw, no repairs)" : "", seconds);
      out().printf(Locale.ROOT, "%-8s %9s %9s %9s %7s %9s %7s%n", "type", "precision", "recall", "f1", "gold",
          "predicted", "correct");
      for (Map.Entry<String, EntityEvaluation.Counts> type : result.perType().entrySet()) {
        print(type.getKey(), type.getValue());
      }
      print("overall", result.overall());
      out().println("overall is over " + String.join(", ", EntityEvaluation.OVERALL_TYPES));
    }
    return 0;
  }

  private void print(String name, EntityEvaluation.Counts counts) {
    out().printf(Locale.ROOT, "%-8s %9.4f %9.4f %9.4f %7d %9d %7d%n", name, counts.precision(), counts.recall(),
        counts.f1(), counts.gold(), counts.predicted(), counts.correct());
  }

  static Map<String, Object> toJson(EntityEvaluation.Result result) {
    Map<String, Object> overall = new LinkedHashMap<>();
    overall.put("precision", result.overall().precision());
    overall.put("recall", result.overall().recall());
    overall.put("f1", result.overall().f1());
    Map<String, Object> perType = new LinkedHashMap<>();
    for (Map.Entry<String, EntityEvaluation.Counts> type : result.perType().entrySet()) {
      EntityEvaluation.Counts counts = type.getValue();
      Map<String, Object> scores = new LinkedHashMap<>();
      scores.put("precision", counts.precision());
      scores.put("recall", counts.recall());
      scores.put("f1", counts.f1());
      scores.put("gold", counts.gold());
      scores.put("predicted", counts.predicted());
      scores.put("correct", counts.correct());
      perType.put(type.getKey(), scores);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("overall", overall);
    json.put("per_type", perType);
    return json;
  }
}
