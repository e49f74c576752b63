package dev.storyline.enrich;

import dev.storyline.avro.EntityType;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.pipeline.CoreDocument;
import edu.stanford.nlp.pipeline.StanfordCoreNLP;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entity recognition with Stanford CoreNLP's CRF tagger, run as {@code tokenize,ssplit,ner}.
 *
 * <p>The POS tagger and lemmatizer that CoreNLP's NER annotator declares as requirements are
 * left out ({@code enforceRequirements=false}): the distsim CRF models use no POS features, the
 * tags came out identical on the seeds with and without them, and tagging ran about six times
 * faster without (10,500 vs 1,700 tokens/s on seed 004, one thread). The numeric classifiers,
 * SUTime and the fine-grained rules are off too: figures and dates are {@link FigureExtractor}'s.
 *
 * <p>One pipeline per model per JVM, shared by every stream thread: loading takes seconds and
 * hundreds of MB, and {@code StanfordCoreNLP.annotate} is safe to call concurrently for these
 * annotators (the CoreNLP server shares one pipeline the same way; {@code CoreNlpRecognizerTest}
 * checks concurrent results against sequential ones). CoreNLP logs through its Redwood facade,
 * which hands everything to SLF4J when SLF4J is on the classpath, as it is here.
 *
 * <p>Guard rails: the text is tagged in segments of at most {@link NlpSettings#maxSegmentChars()}
 * (see {@link TextSegmenter}), so no sentence is longer than that, and the time budget is checked
 * between segments.
 */
public final class CoreNlpRecognizer implements EntityRecognizer {

  private static final Logger LOG = LoggerFactory.getLogger(CoreNlpRecognizer.class);

  private static final ConcurrentMap<String, StanfordCoreNLP> PIPELINES = new ConcurrentHashMap<>();

  private final StanfordCoreNLP pipeline;
  private final NlpSettings settings;
  private final TextSegmenter segmenter;
  private final LongSupplier nanoTime;

  CoreNlpRecognizer(StanfordCoreNLP pipeline, NlpSettings settings, LongSupplier nanoTime) {
    this.pipeline = pipeline;
    this.settings = settings;
    this.segmenter = new TextSegmenter(settings.maxSegmentChars());
    this.nanoTime = nanoTime;
  }

  /** A recognizer using the JVM-wide pipeline for {@code settings.nerModel()}, loading it on first use. */
  public static CoreNlpRecognizer create(NlpSettings settings) {
    return new CoreNlpRecognizer(pipeline(settings.nerModel()), settings, System::nanoTime);
  }

  /** The JVM-wide pipeline for {@code nerModel}: what the benchmark runs as "raw CoreNLP". */
  public static StanfordCoreNLP pipeline(String nerModel) {
    return PIPELINES.computeIfAbsent(nerModel, model -> {
      long started = System.nanoTime();
      StanfordCoreNLP loaded = new StanfordCoreNLP(pipelineProperties(model));
      LOG.info("Loaded CoreNLP NER model {} in {} ms", model, (System.nanoTime() - started) / 1_000_000);
      return loaded;
    });
  }

  /**
   * Runs the JVM-wide pipeline for {@code nerModel} on {@code text} as one document, without
   * segments, budget or repairs, and returns the token count: the "raw CoreNLP" baseline that
   * {@code storyline bench enrich} measures enrichment against.
   */
  public static int annotateRaw(String nerModel, String text) {
    CoreDocument document = new CoreDocument(text);
    pipeline(nerModel).annotate(document);
    return document.tokens().size();
  }

  /** The pipeline configuration: tokenizer, sentence splitter and the CRF tagger only. */
  public static Properties pipelineProperties(String nerModel) {
    Properties properties = new Properties();
    properties.setProperty("annotators", "tokenize,ssplit,ner");
    properties.setProperty("enforceRequirements", "false");
    properties.setProperty("tokenize.language", "en");
    properties.setProperty("ner.model", nerModel);
    properties.setProperty("ner.applyFineGrained", "false");
    properties.setProperty("ner.useSUTime", "false");
    properties.setProperty("ner.applyNumericClassifiers", "false");
    properties.setProperty("ner.buildEntityMentions", "false");
    return properties;
  }

  @Override
  public Recognition recognize(String text) {
    long started = nanoTime.getAsLong();
    long budget = settings.timeBudget().toNanos();
    List<TextSegmenter.Segment> segments = segmenter.segments(text);
    List<RecognizedMention> mentions = new ArrayList<>();
    int tokens = 0;
    int done = 0;
    for (TextSegmenter.Segment segment : segments) {
      if (nanoTime.getAsLong() - started > budget) {
        throw new EnrichmentBudgetExceededException(String.format(
            "entity recognition exceeded the time budget of %d ms after %d of %d characters",
            settings.timeBudget().toMillis(), segment.start(), text.length()));
      }
      CoreDocument document = new CoreDocument(text.substring(segment.start(), segment.end()));
      pipeline.annotate(document);
      tokens += document.tokens().size();
      collectMentions(document.tokens(), text, segment.start(), mentions);
      done++;
    }
    LOG.trace("Tagged {} segments, {} tokens", done, tokens);
    return new Recognition(mentions, tokens);
  }

  /**
   * Consecutive tokens with the same entity tag form one mention (the models tag IO, not BIO),
   * except across a blank line: CoreNLP's sentence splitter runs paragraphs together (which tags
   * better than a forced break at every blank line), so a name at the end of one paragraph and
   * another at the start of the next would otherwise come out as one ("Willie" / "Wood").
   *
   * <p>Across a single line break a name goes on (text wrapped mid-name), unless the next line
   * starts with a capitalised function word: a heading without a full stop runs into its next
   * line ("… Visit to the White House" / "What is …" was tagged as one location), and that word
   * is left out of every mention.
   */
  static void collectMentions(List<CoreLabel> tokens, String text, int offset, List<RecognizedMention> out) {
    EntityType current = null;
    int start = -1;
    int end = -1;
    for (CoreLabel token : tokens) {
      EntityType type = entityType(token.ner());
      if (current != null) {
        int lineBreaks = lineBreaksBetween(text, offset + end, offset + token.beginPosition());
        if (type == current && lineBreaks > 0 && isCapitalisedStopWord(text, offset, token)) {
          out.add(mention(text, offset + start, offset + end, current));
          current = null;
          continue;
        }
        if (type != current || lineBreaks == 2) {
          out.add(mention(text, offset + start, offset + end, current));
          current = null;
        }
      }
      if (type != null) {
        if (current == null) {
          current = type;
          start = token.beginPosition();
        }
        end = token.endPosition();
      }
    }
    if (current != null) {
      out.add(mention(text, offset + start, offset + end, current));
    }
  }

  /** The line breaks between {@code from} and {@code to}, counted up to two (a blank line). */
  private static int lineBreaksBetween(String text, int from, int to) {
    int newlines = 0;
    for (int i = from; i < to && newlines < 2; i++) {
      if (text.charAt(i) == '\n') {
        newlines++;
      }
    }
    return newlines;
  }

  private static boolean isCapitalisedStopWord(String text, int offset, CoreLabel token) {
    String word = text.substring(offset + token.beginPosition(), offset + token.endPosition());
    return Character.isUpperCase(word.charAt(0))
        && StopWords.ENGLISH.contains(word.toLowerCase(Locale.ROOT));
  }

  private static RecognizedMention mention(String text, int start, int end, EntityType type) {
    return new RecognizedMention(text.substring(start, end), start, end, type);
  }

  static EntityType entityType(String tag) {
    if (tag == null) {
      return null;
    }
    return switch (tag) {
      case "PERSON" -> EntityType.PERSON;
      case "ORGANIZATION" -> EntityType.ORGANIZATION;
      case "LOCATION" -> EntityType.LOCATION;
      case "MISC" -> EntityType.MISC;
      default -> null;
    };
  }

  @Override
  public String describe() {
    return "corenlp-4.5;tokenize,ssplit,ner;" + settings.describe();
  }
}
