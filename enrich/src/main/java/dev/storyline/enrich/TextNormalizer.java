package dev.storyline.enrich;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The one text normalisation fingerprints and similarity share: Unicode NFKC, lower case, every
 * run of characters that are not letters, digits or combining marks (punctuation, symbols,
 * whitespace) folded into one space, trimmed. "Trump's   'deal'!" becomes {@code "trump s deal"}.
 */
public final class TextNormalizer {

  /** The general categories of {@code \\p{L}}, {@code \\p{N}} and {@code \\p{M}}: what is kept. */
  private static final int KEPT = 1 << Character.UPPERCASE_LETTER | 1 << Character.LOWERCASE_LETTER
      | 1 << Character.TITLECASE_LETTER | 1 << Character.MODIFIER_LETTER | 1 << Character.OTHER_LETTER
      | 1 << Character.DECIMAL_DIGIT_NUMBER | 1 << Character.LETTER_NUMBER | 1 << Character.OTHER_NUMBER
      | 1 << Character.NON_SPACING_MARK | 1 << Character.ENCLOSING_MARK | 1 << Character.COMBINING_SPACING_MARK;

  private TextNormalizer() {}

  /** The normalised text; empty when the text has no letters or digits. */
  public static String normalise(String text) {
    // ASCII text is its own NFKC form; most articles are ASCII, and the check is cheaper than the normaliser's.
    String composed = isAscii(text) ? text : Normalizer.normalize(text, Normalizer.Form.NFKC);
    String folded = composed.toLowerCase(Locale.ROOT);
    // What replacing every run of [^\p{L}\p{N}\p{M}] with a space and stripping gives, in one
    // pass without a regex (every article is normalised, for fingerprints and term vectors).
    StringBuilder out = new StringBuilder(folded.length());
    boolean separated = false;
    int i = 0;
    while (i < folded.length()) {
      int cp = folded.codePointAt(i);
      if ((KEPT >> Character.getType(cp) & 1) != 0) {
        if (separated && out.length() > 0) {
          out.append(' ');
        }
        separated = false;
        out.appendCodePoint(cp);
      } else {
        separated = true;
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  /** The words of the normalised text, in order. */
  public static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    forEachWord(text, 1, words::add);
    return Collections.unmodifiableList(words);
  }

  /**
   * Gives {@code action} each word of the normalised text that is at least {@code minLength}
   * characters long, in order: {@link #words} without the list. ASCII text is read in one pass
   * without the normalised copy: its words are the runs of ASCII letters and digits (the only
   * ASCII characters in {@link #KEPT}'s categories), lower-cased, and a shorter word makes no
   * string.
   */
  static void forEachWord(String text, int minLength, Consumer<String> action) {
    if (!isAscii(text)) {
      String normalised = normalise(text);
      if (!normalised.isEmpty()) {
        for (String word : normalised.split(" ")) {
          if (word.length() >= minLength) {
            action.accept(word);
          }
        }
      }
      return;
    }
    int start = -1;
    boolean upper = false;
    for (int i = 0, n = text.length(); i <= n; i++) {
      char c = i < n ? text.charAt(i) : ' ';
      boolean isUpper = c >= 'A' && c <= 'Z';
      if (isUpper || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        if (start < 0) {
          start = i;
          upper = false;
        }
        upper |= isUpper;
      } else if (start >= 0) {
        if (i - start >= minLength) {
          String word = text.substring(start, i);
          action.accept(upper ? word.toLowerCase(Locale.ROOT) : word);
        }
        start = -1;
      }
    }
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }
}
