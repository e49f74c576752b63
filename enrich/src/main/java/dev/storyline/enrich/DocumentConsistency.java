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
 *       name nobody on their own (a title that is also a surname, "King", only after an article);
 *   <li>lower-case common words at a mention's edges are trimmed ("Jiangsu province"), and a
 *       mention with one inside ("Trump told Bukele") is dropped, before the propagation.
 * </ul>
 */
public final class DocumentConsistency {

  /** Single words a tagger sometimes marks that never name an entity on their own. */
  static final Set<String> NOT_NAMES = Set.of(
      "he", "she", "it", "they", "we", "i", "you", "him", "her", "them", "his", "hers", "their",
      "president", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "sir", "madam",
      "senator", "sen.", "rep.", "governor", "gov.", "minister", "secretary", "chairman",
      "queen", "pope", "gen.", "mayor");

  /**
   * Titles that are also common surnames ("Billie Jean King", "Rob Judge"): a bare one is a
   * title only after an article ("the King").
   */
  private static final Set<String> TITLES_OR_SURNAMES = Set.of("king", "prince", "judge", "general");

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
      String lower = mention.text().toLowerCase(Locale.ROOT);
      boolean title = NOT_NAMES.contains(lower)
          || TITLES_OR_SURNAMES.contains(lower) && afterArticle(text, mention.start());
      RecognizedMention name = title ? null : withoutCommonWords(mention);
      if (name != null) {
        kept.add(name);
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

  /**
   * Lower-case words that belong inside names: "Lawrence of Arabia", "Aravinda de Silva", "bin
   * Laden", "Joost van der Westhuizen".
   */
  private static final Set<String> NAME_PARTICLES = Set.of(
      "of", "the", "and", "for", "on", "in", "at", "de", "del", "della", "di", "da", "das", "do",
      "dos", "du", "des", "la", "le", "les", "el", "al", "los", "las", "y", "e", "van", "von", "der",
      "den", "ter", "ten", "bin", "ibn", "bint", "ben", "abu", "zu", "dello", "dei", "degli", "wa", "&");

  /**
   * The mention without the common (lower-case, no particle) words at its edges: "Jiangsu
   * province" is "Jiangsu"; null when nothing is left or when such a word is inside it: "Trump
   * told Bukele", which the CoNLL 4-class model tags as one MISC, names two people, whom the
   * propagation below finds when they are tagged elsewhere.
   */
  static RecognizedMention withoutCommonWords(RecognizedMention mention) {
    String text = mention.text();
    int first = -1;
    int last = -1;
    boolean commonSinceLast = false;
    int i = 0;
    while (i < text.length()) {
      if (Character.isWhitespace(text.charAt(i))) {
        i++;
        continue;
      }
      int end = i;
      while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
        end++;
      }
      if (isCommonWord(text.substring(i, end))) {
        commonSinceLast = first >= 0;
      } else {
        if (commonSinceLast) {
          return null;
        }
        if (first < 0) {
          first = i;
        }
        last = end;
      }
      i = end;
    }
    if (first < 0) {
      return null;
    }
    if (first == 0 && last == text.length()) {
      return mention;
    }
    return new RecognizedMention(text.substring(first, last), mention.start() + first, mention.start() + last,
        mention.type());
  }

  private static boolean isCommonWord(String word) {
    return Character.isLowerCase(word.codePointAt(0))
        && word.chars().noneMatch(Character::isUpperCase)
        && !NAME_PARTICLES.contains(word);
  }

  private static boolean afterArticle(String text, int start) {
    int end = start;
    while (end > 0 && text.charAt(end - 1) == ' ') {
      end--;
    }
    int wordStart = end;
    while (wordStart > 0 && Character.isLetter(text.charAt(wordStart - 1))) {
      wordStart--;
    }
    String before = text.substring(wordStart, end).toLowerCase(Locale.ROOT);
    return before.equals("the") || before.equals("a") || before.equals("an");
  }

  private static boolean propagatable(String name) {
    // Every word must have a letter: a table's "N / A" is no name to spread.
    for (String word : name.split(" ")) {
      if (word.chars().noneMatch(Character::isLetter)) {
        return false;
      }
    }
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
