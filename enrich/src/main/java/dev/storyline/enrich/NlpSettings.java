package dev.storyline.enrich;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Settings of the NLP enrichment: which CoreNLP NER model tags entities and the guard rails that
 * keep one pathological article from stalling a stream thread. Part of the enricher version,
 * because a different model or limit can give different entities.
 *
 * @param nerModel classpath resource of the CoreNLP CRF model
 * @param maxBodyChars bodies longer than this are refused: no real article is that long, and a
 *     megabyte of text would take tens of seconds of tagging
 * @param maxSegmentChars longest piece of text handed to CoreNLP at once; a longer paragraph is
 *     cut at a sentence end (or, failing that, at a space), which bounds the sentence length
 * @param timeBudget wall-clock budget per article, checked between segments; well under the
 *     default {@code max.poll.interval.ms} of five minutes
 */
public record NlpSettings(String nerModel, int maxBodyChars, int maxSegmentChars, Duration timeBudget) {

  public static final String NER_MODEL_CONFIG = "storyline.enrich.ner.model";
  public static final String MAX_BODY_CHARS_CONFIG = "storyline.enrich.max-body-chars";
  public static final String MAX_SEGMENT_CHARS_CONFIG = "storyline.enrich.max-segment-chars";
  public static final String TIME_BUDGET_MS_CONFIG = "storyline.enrich.time-budget-ms";

  /** CoreNLP's English 3-class model (PERSON, ORGANIZATION, LOCATION) with distributional similarity features. */
  public static final String THREE_CLASS_MODEL =
      "edu/stanford/nlp/models/ner/english.all.3class.distsim.crf.ser.gz";

  /** CoreNLP's CoNLL 4-class model (adds MISC). */
  public static final String CONLL_FOUR_CLASS_MODEL =
      "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz";

  /** CoreNLP's MUC 7-class model (adds DATE, TIME, MONEY, PERCENT, which Storyline leaves to {@link FigureExtractor}). */
  public static final String MUC_SEVEN_CLASS_MODEL =
      "edu/stanford/nlp/models/ner/english.muc.7class.distsim.crf.ser.gz";

  /**
   * The models the runtime carries (module {@code models/}, which takes them out of CoreNLP's
   * ~450 MB models jar at build time): the values {@link #NER_MODEL_CONFIG} can take without
   * adding a model file to the classpath.
   */
  public static final List<String> PACKAGED_MODELS =
      List.of(THREE_CLASS_MODEL, CONLL_FOUR_CLASS_MODEL, MUC_SEVEN_CLASS_MODEL);

  public static final NlpSettings DEFAULTS =
      new NlpSettings(THREE_CLASS_MODEL, 200_000, 2_000, Duration.ofSeconds(30));

  public NlpSettings {
    if (nerModel == null || nerModel.isBlank()) {
      throw new IllegalArgumentException(NER_MODEL_CONFIG + ": must name a CoreNLP NER model resource");
    }
    if (maxBodyChars < 1) {
      throw new IllegalArgumentException(MAX_BODY_CHARS_CONFIG + ": " + maxBodyChars + " must be at least 1");
    }
    if (maxSegmentChars < 100) {
      throw new IllegalArgumentException(MAX_SEGMENT_CHARS_CONFIG + ": " + maxSegmentChars + " must be at least 100");
    }
    if (timeBudget.isNegative() || timeBudget.isZero()) {
      throw new IllegalArgumentException(TIME_BUDGET_MS_CONFIG + ": " + timeBudget.toMillis() + " must be positive");
    }
  }

  /** Settings from configuration; absent keys take the {@link #DEFAULTS}. */
  public static NlpSettings fromConfig(Map<?, ?> config) {
    Object model = config.get(NER_MODEL_CONFIG);
    return new NlpSettings(
        model == null ? DEFAULTS.nerModel : model.toString().strip(),
        FingerprintSettings.intSetting(config, MAX_BODY_CHARS_CONFIG, DEFAULTS.maxBodyChars),
        FingerprintSettings.intSetting(config, MAX_SEGMENT_CHARS_CONFIG, DEFAULTS.maxSegmentChars),
        Duration.ofMillis(FingerprintSettings.intSetting(
            config, TIME_BUDGET_MS_CONFIG, (int) DEFAULTS.timeBudget.toMillis())));
  }

  /**
   * Canonical description, hashed into the enricher version. The time budget is left out: it
   * only decides whether an article is refused, never what an enriched record contains.
   */
  public String describe() {
    return "ner=" + nerModel + ",maxBody=" + maxBodyChars + ",maxSegment=" + maxSegmentChars;
  }
}
