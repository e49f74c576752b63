package dev.storyline.enrich;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one text normalisation fingerprints and similarity share: Unicode NFKC, lower case, every
 * run of characters that are not letters, digits or combining marks (punctuation, symbols,
 * whitespace) folded into one space, trimmed. "Trump's   'deal'!" becomes {@code "trump s deal"}.
 */
public final class TextNormalizer {

  private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}\\p{M}]+");

  private TextNormalizer() {}

  /** The normalised text; empty when the text has no letters or digits. */
  public static String normalise(String text) {
    String folded = Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    return SEPARATORS.matcher(folded).replaceAll(" ").strip();
  }

  /** The words of the normalised text, in order. */
  public static List<String> words(String text) {
    String normalised = normalise(text);
    return normalised.isEmpty() ? List.of() : List.of(normalised.split(" "));
  }
}
