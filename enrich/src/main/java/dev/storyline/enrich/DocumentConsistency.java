package dev.storyline.enrich;

import dev.storyline.avro.EntityType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 *       mention with one inside ("Trump told Bukele") is dropped, before the propagation;
 *   <li>the name of a compound modifier ("Ontario-based") is dropped, dashes at a mention's edges
 *       are trimmed ("-- Jim Ballantyne"), and a person keeps a regnal number ("Henry VIII");
 *   <li>names the article shows acting as a team become organisations ({@link TeamContext}), and
 *       the places of a dateline locations ({@link Datelines}).
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
      RecognizedMention name = title || mention.type() != EntityType.MISC && compoundModifier(text, mention)
          ? null : withoutCommonWords(withoutEdgePunctuation(mention));
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
    kept = withRegnalNumbers(text, kept);
    return Datelines.apply(text, TeamContext.apply(text, kept));
  }

  /** Dashes, bullets and brackets a tagger sometimes takes into a name's edge: "-- Jim Ballantyne". */
  static RecognizedMention withoutEdgePunctuation(RecognizedMention mention) {
    String text = mention.text();
    int first = 0;
    int last = text.length();
    while (first < last && !Character.isLetterOrDigit(text.charAt(first)) && "\"'(".indexOf(text.charAt(first)) < 0) {
      first++;
    }
    while (last > first && "-–—*•,;:".indexOf(text.charAt(last - 1)) >= 0) {
      last--;
    }
    while (first < last && Character.isWhitespace(text.charAt(first))) {
      first++;
    }
    while (last > first && Character.isWhitespace(text.charAt(last - 1))) {
      last--;
    }
    if (first >= last || first == 0 && last == text.length()) {
      return mention;
    }
    return new RecognizedMention(text.substring(first, last), mention.start() + first, mention.start() + last,
        mention.type());
  }

  private static final Pattern REGNAL_NUMBER =
      Pattern.compile("^ (?:I{2,3}|IV|VI{0,3}|IX|XI{0,3}|XIV|XV|XVI{0,3}|I)\\b(?![-'’.]\\w)");
  private static final Set<String> MONARCH_TITLES = Set.of(
      "king", "queen", "emperor", "empress", "pope", "tsar", "czar", "tsarina", "kaiser", "sultan", "shah",
      "prince", "princess", "duke", "duchess", "pharaoh");

  /**
   * A person's name followed by a regnal number is one name with it: "Henry VIII", "Pope John
   * Paul II"; a bare "I" only after a monarch's title ("Queen Elizabeth I"), where it cannot be
   * the pronoun.
   */
  static List<RecognizedMention> withRegnalNumbers(String text, List<RecognizedMention> mentions) {
    List<RecognizedMention> out = new ArrayList<>(mentions.size());
    for (int i = 0; i < mentions.size(); i++) {
      RecognizedMention mention = mentions.get(i);
      if (mention.type() == EntityType.PERSON) {
        Matcher m = REGNAL_NUMBER.matcher(text.substring(mention.end(), Math.min(text.length(), mention.end() + 8)));
        boolean nextStartsThere = i + 1 < mentions.size() && mentions.get(i + 1).start() <= mention.end() + 1;
        if (m.find() && !nextStartsThere && (!m.group().equals(" I") || afterMonarchTitle(text, mention.start()))) {
          int end = mention.end() + m.end();
          mention = new RecognizedMention(text.substring(mention.start(), end), mention.start(), end, mention.type());
        }
      }
      out.add(mention);
    }
    return out;
  }

  private static boolean afterMonarchTitle(String text, int start) {
    return MONARCH_TITLES.contains(wordBefore(text, start));
  }

  /** The letters just before {@code start}, spaces skipped, in lower case ("" when none). */
  private static String wordBefore(String text, int start) {
    int end = start;
    while (end > 0 && text.charAt(end - 1) == ' ') {
      end--;
    }
    int wordStart = end;
    while (wordStart > 0 && Character.isLetter(text.charAt(wordStart - 1))) {
      wordStart--;
    }
    return text.substring(wordStart, end).toLowerCase(Locale.ROOT);
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

  /**
   * Whether {@code mention} is the name in a compound modifier such as "Ontario-based", "Hong
   * Kong-listed" or "Moscow-backed" (the tokenizer splits at the hyphen): the propagation never
   * reads a name inside one (see {@link #wholeWord}), and the tagger's mention of one is dropped
   * for the same reason — "a London-based spokesman" is no mention of London.
   */
  static boolean compoundModifier(String text, RecognizedMention mention) {
    int end = mention.end();
    return end + 1 < text.length() && text.charAt(end) == '-' && Character.isLowerCase(text.charAt(end + 1));
  }

  private static boolean isCommonWord(String word) {
    return Character.isLowerCase(word.codePointAt(0))
        && word.chars().noneMatch(Character::isUpperCase)
        && !NAME_PARTICLES.contains(word);
  }

  private static boolean afterArticle(String text, int start) {
    String before = wordBefore(text, start);
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
