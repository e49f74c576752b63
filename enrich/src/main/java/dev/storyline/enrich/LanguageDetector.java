package dev.storyline.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Tells an article's language with OpenNLP's {@code langdetect-183} model (103 languages,
 * ISO 639-3 codes, Apache-licensed, from Maven Central). The model is reliable on a sentence or
 * more, not on a headline alone, so texts shorter than {@link #MIN_CHARS} fall back to the
 * language the input declared. Thread-safe: {@code LanguageDetectorME} keeps no per-call state.
 */
public final class LanguageDetector {

  /** Fewer characters than this are too few to detect from. */
  public static final int MIN_CHARS = 40;

  /** Characters looked at: enough for a confident answer, bounded for very long bodies. */
  static final int SAMPLE_CHARS = 1_000;

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
    Language best = detector.predictLanguage(sample);
    return best.getLang();
  }
}
