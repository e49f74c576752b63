package dev.storyline.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Tells an article's language with OpenNLP's {@code langdetect-183} model (103 languages,
 * ISO 639-3 codes, Apache-licensed, from Maven Central). The model is reliable on a sentence or
 * more, not on a headline alone, so texts shorter than {@link #MIN_CHARS} fall back to the
 * language the input declared. Thread-safe: {@code LanguageDetectorME} keeps no per-call state.
 *
 * <p>Most articles are English, and the model costs milliseconds per article (character n-grams
 * scored against 103 languages), as much as a tenth of what CoreNLP spends on a short article. A
 * sample that is plainly English is therefore answered without it: at least
 * {@link #ENGLISH_GATE_MIN_WORDS} words, of which at least one in {@link #ENGLISH_GATE_DIVISOR}
 * is one of a few very frequent English function words that are not words of the other
 * Latin-script languages ("the", "and", "which"...). Anything else, including every headline-length
 * text, goes to the model. On the seeds, allsides.jsonl and uci.jsonl the gate answers exactly
 * what the model answers.
 */
public final class LanguageDetector {

  /** Fewer characters than this are too few to detect from. */
  public static final int MIN_CHARS = 40;

  /** Characters looked at: enough for a confident answer, bounded for very long bodies. */
  static final int SAMPLE_CHARS = 1_000;

  /** Words a sample needs before the English gate may answer for the model. */
  static final int ENGLISH_GATE_MIN_WORDS = 30;

  /** At least one word in this many must be one of {@link #ENGLISH_MARKERS}. */
  static final int ENGLISH_GATE_DIVISOR = 10;

  /**
   * Frequent English function words that are not (frequent) words in the other languages of the
   * model written in Latin script: no "in", "is", "of", "to", "on", "an", "was", "will", "die".
   */
  static final Set<String> ENGLISH_MARKERS = Set.of(
      "the", "and", "that", "with", "from", "this", "which", "were", "their", "been", "would",
      "they", "said", "have", "has", "had", "there", "about", "what", "when", "who", "its", "it",
      "he", "she", "his", "her", "not", "but", "are", "for", "by", "or", "you", "we", "than",
      "also", "after", "into", "could", "should", "says", "our", "out", "can", "more", "all");

  static final String MODEL_RESOURCE = "langdetect-183.bin";

  private static volatile LanguageDetectorModel model;

  private final LanguageDetectorME detector;

  private LanguageDetector(LanguageDetectorModel model) {
    this.detector = new LanguageDetectorME(model);
  }

  /** A detector on the JVM-wide model, loading it on first use. */
  public static LanguageDetector create() {
    return new LanguageDetector(model());
  }

  private static LanguageDetectorModel model() {
    LanguageDetectorModel loaded = model;
    if (loaded == null) {
      synchronized (LanguageDetector.class) {
        loaded = model;
        if (loaded == null) {
          try (InputStream in = LanguageDetector.class.getClassLoader().getResourceAsStream(MODEL_RESOURCE)) {
            if (in == null) {
              throw new IllegalStateException("missing classpath resource " + MODEL_RESOURCE
                  + " (dependency org.apache.opennlp:opennlp-models-langdetect)");
            }
            loaded = new LanguageDetectorModel(in);
            model = loaded;
          } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + MODEL_RESOURCE, e);
          }
        }
      }
    }
    return loaded;
  }

  /**
   * The language of {@code text} as ISO 639-3, or {@code declared} normalised to ISO 639-3 (or
   * {@code und}) when the text is too short to tell.
   */
  public String detect(String text, String declared) {
    String sample = text.strip();
    if (sample.length() < MIN_CHARS) {
      return BasicEnricher.iso639_3(declared);
    }
    if (sample.length() > SAMPLE_CHARS) {
      sample = sample.substring(0, SAMPLE_CHARS);
    }
    if (plainlyEnglish(sample)) {
      return NlpEnricher.ENGLISH;
    }
    Language best = detector.predictLanguage(sample);
    return best.getLang();
  }

  /** The English gate: enough words, and enough of them English markers (see the class comment). */
  static boolean plainlyEnglish(String sample) {
    int words = 0;
    int markers = 0;
    int i = 0;
    int length = sample.length();
    char[] word = new char[8];
    while (i < length) {
      char c = sample.charAt(i);
      if (!Character.isLetter(c)) {
        i++;
        continue;
      }
      int start = i;
      while (i < length && Character.isLetter(sample.charAt(i))) {
        i++;
      }
      words++;
      int n = i - start;
      if (n <= word.length) {
        for (int k = 0; k < n; k++) {
          word[k] = Character.toLowerCase(sample.charAt(start + k));
        }
        if (ENGLISH_MARKERS.contains(new String(word, 0, n))) {
          markers++;
        }
      }
    }
    return words >= ENGLISH_GATE_MIN_WORDS && markers * ENGLISH_GATE_DIVISOR >= words;
  }
}
