package dev.storyline.enrich;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Document-level repairs of a sentence-level tagger's mentions. A CRF tags each sentence on its
 * own, so a name it recognised in one sentence can be missed in the next; within one article a
 * capitalised name means the same thing every time, so:
 *
 * <ul>
 *   <li>every other whole-word (not part of a compound such as "New York-based"), same-case occurrence of a recognised name that no mention covers
 *       becomes a mention too (with that name's type; {@link EntityCanonicalizer} then settles one
 *       type per entity by majority);
 *   <li>mentions that are only a pronoun or a bare title ("He", "President") are dropped: they
 *       name nobody on their own.
 * </ul>
 */
public final class DocumentConsistency {

  /** Single words a tagger sometimes marks that never name an entity on their own. */
  static final Set<String> NOT_NAMES = Set.of(
      "he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "his", "hers", "their",
      "president", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "madam",
      "senator", "sen.", "rep.", "governor", "gov.", "minister", "secretary", "chairman",
      "king", "queen", "prince", "pope", "judge", "general", "gen.", "mayor");

  /** Words that are names in one place and ordinary words in another: never propagated. */
  private static final Set<String> AMBIGUOUS = Set.of(
      "january", "february", "march", "april", "may", "june", "july", "august", "september",
      "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
      "saturday", "sunday", "the", "a", "an");

  private DocumentConsistency() {}

  /** The repaired mentions of {@code text}, in text order. */
  public static List<RecognizedMention> apply(String text, List<RecognizedMention> mentions) {
    List<RecognizedMention> kept = new ArrayList<>();
    for (RecognizedMention mention : mentions) {
      if (!NOT_NAMES.contains(mention.text().toLowerCase(Locale.ROOT))) {
        kept.add(mention);
      }
    }
    boolean[] covered = new boolean[text.length() + 1];
    for (RecognizedMention mention : kept) {
      for (int i = mention.start(); i < mention.end(); i++) {
        covered[i] = true;
      }
    }
    // Longest names first, so "El Salvador" claims its occurrences before "Salvador" could.
    Map<String, RecognizedMention> byText = new LinkedHashMap<>();
    for (RecognizedMention mention : kept) {
      byText.putIfAbsent(mention.text(), mention);
    }
    List<RecognizedMention> names = new ArrayList<>(byText.values());
    names.sort(Comparator.comparingInt((RecognizedMention m) -> m.text().length()).reversed());
    List<RecognizedMention> added = new ArrayList<>();
    for (RecognizedMention name : names) {
      if (!propagatable(name.text())) {
        continue;
      }
      List<String> forms = new ArrayList<>(List.of(name.text()));
      String upper = name.text().toUpperCase(Locale.ROOT);
      if (!upper.equals(name.text())) {
        // Headlines in capitals: the tagger reads "JAPAN" poorly, the body's "Japan" names it.
        forms.add(upper);
      }
      for (String form : forms) {
        for (int at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) {
          int end = at + form.length();
          if (wholeWord(text, at, end) && !anyCovered(covered, at, end)) {
            added.add(new RecognizedMention(form, at, end, name.type()));
            for (int i = at; i < end; i++) {
              covered[i] = true;
            }
          }
        }
      }
    }
    kept.addAll(added);
    kept.sort(Comparator.comparingInt(RecognizedMention::start));
    return kept;
  }

  private static boolean propagatable(String name) {
    return name.length() >= 2
        && Character.isUpperCase(name.codePointAt(0))
        && !AMBIGUOUS.contains(name.toLowerCase(Locale.ROOT));
  }

  /** Not inside a longer word or number, nor part of a compound such as "New York-based". */
  private static boolean wholeWord(String text, int start, int end) {
    if (start > 0) {
      char before = text.charAt(start - 1);
      if (Character.isLetterOrDigit(before) || before == '-') {
        return false;
      }
    }
    if (end < text.length()) {
      char after = text.charAt(end);
      if (Character.isLetterOrDigit(after)) {
        return false;
      }
      if (after == '-' && end + 1 < text.length() && Character.isLetter(text.charAt(end + 1))) {
        return false;
      }
    }
    return true;
  }

  private static boolean anyCovered(boolean[] covered, int start, int end) {
    for (int i = start; i < end; i++) {
      if (covered[i]) {
        return true;
      }
    }
    return false;
  }
}
