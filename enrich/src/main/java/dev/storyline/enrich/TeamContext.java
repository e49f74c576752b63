package dev.storyline.enrich;

import dev.storyline.avro.EntityType;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sports teams named after their town, county or state ("Leicestershire beat Somerset", "Orrell 13
 * Bath 56", "Florida manager John Boles"): a sentence-level tagger reads such a name as the place
 * (or, for "Kent", as a surname), while the sentence says it is a side that plays. When the
 * article's own wording shows a name acting as a team, every mention of that name in the article
 * becomes an ORGANIZATION; countries stay LOCATION, which is what news and CoNLL's guidelines call
 * a national side ("Canada beat Panama 3-1").
 *
 * <p>The evidence, all from the article itself:
 *
 * <ul>
 *   <li>a result line, "Home 2 Away 1": a line of two names each followed by a score;
 *   <li>a result verb between two names: "X beat / defeated / drew with / lost to Y" with a score
 *       or a margin in the sentence ("3-1", "by 141 runs", "by an innings");
 *   <li>a result noun before a name: "victory over Y", "winners over Y", "defeat by Y";
 *   <li>a squad role after a name: "X coach", "X striker", "X captain", "X fans".
 * </ul>
 *
 * A person's name is retyped only when it is one word that no longer person name of the article
 * contains: "Kent beat Yorkshire" is the county, "Agassi beat Sampras 6-3" after "Andre Agassi" is
 * the player.
 */
final class TeamContext {

  static final Set<String> COUNTRIES = loadCountries();

  private static final String RESULT_VERBS =
      "beat|beats|defeated|defeat|defeats|edged|thrashed|routed|crushed|overcame|outclassed|blanked"
          + "|drew with|draw with|lost to|lose to|held";
  private static final Pattern RESULT_VERB_AFTER = Pattern.compile("^ (?:" + RESULT_VERBS + ") (?:the )?$");
  private static final Pattern RESULT_NOUN_BEFORE = Pattern.compile(
      "(?:victory|victories|win|wins|winners|triumph|defeat|defeats|loss|losses|draw|lost|beaten)"
          + " (?:over|against|to|by|with) (?:the )?$");
  /** A score or a margin: "3-1", "42-36", "by 141 runs", "by an innings", "by five wickets". */
  private static final Pattern SCORE_OR_MARGIN = Pattern.compile(
      "(?<![\\d.:])\\d{1,3}-\\d{1,3}(?![\\d.:-])|\\bby (?:an innings|\\w+ (?:runs|wickets|points|goals|strokes))\\b");
  private static final Pattern ROLE_AFTER = Pattern.compile(
      "^ (?:coach|manager|striker|midfielder|defender|goalkeeper|keeper|captain|skipper|winger"
          + "|shortstop|pitcher|quarterback|batsman|bowler|fly-half|scrum-half|full-back|fans|supporters|players"
          + "|(?:common )?stock(?! (?:exchange|exchanges|market|markets|index|prices))|shareholders)\\b");
  private static final Pattern ROLE_BEFORE = Pattern.compile(
      "\\b(?:club|clubs|side|team|champions|holders|league leaders)(?: the)? $");
  /** "Joined Milan from Torino": a transfer names two clubs. */
  private static final Pattern JOINED_FROM = Pattern.compile("^ from $");
  /** A standings row: "California 62 72 .463 13 1/2", a name then at least three numbers. */
  private static final Pattern STANDINGS_LINE =
      Pattern.compile("(?m)^ *(\\p{Lu}[^\\d\\n]*?)((?: +[\\d.]+(?:/\\d+)?){3,}) *$");
  /** A reserve side's marker after a club's name in a result line: "Rad ( B )". */
  private static final Pattern SIDE_MARKER = Pattern.compile(" *\\( ?[A-Z0-9]{1,2} ?\\)$");
  /** "Orrell 13 Bath 56": a name (no digits), a score, a name, a score, alone on a line. */
  private static final Pattern RESULT_LINE =
      Pattern.compile("(?m)^ *(\\p{Lu}[^\\d\\n]*?) +(\\d{1,3}) +(\\p{Lu}[^\\d\\n]*?) +(\\d{1,3}) *$");

  /** The last word of every cue before a name, "the" skipped: "victory over", "club", "champions". */
  private static final Set<String> CUE_WORDS_BEFORE = Set.of(
      "over", "against", "to", "by", "with", "club", "clubs", "side", "team", "champions", "holders", "leaders");

  private TeamContext() {}

  /** The lower-case word before {@code start}, skipping one "the". */
  private static String previousWord(String text, int start) {
    String word = wordBefore(text, start);
    if (word.equals("the")) {
      int at = start;
      while (at > 0 && text.charAt(at - 1) == ' ') {
        at--;
      }
      word = wordBefore(text, at - 3);
    }
    return word;
  }

  private static String wordBefore(String text, int start) {
    int end = Math.max(0, start);
    while (end > 0 && text.charAt(end - 1) == ' ') {
      end--;
    }
    int from = end;
    while (from > 0 && Character.isLetter(text.charAt(from - 1)) && end - from < 12) {
      from--;
    }
    return text.substring(from, end).toLowerCase(Locale.ROOT);
  }

  /**
   * {@code mentions} (in text order) with every mention of a name the article shows acting as a
   * team typed ORGANIZATION, plus the names of result lines the tagger missed.
   */
  static List<RecognizedMention> apply(String text, List<RecognizedMention> mentions) {
    Set<String> teams = new HashSet<>();
    List<RecognizedMention> out = new ArrayList<>(mentions);
    for (int i = 0; i < mentions.size(); i++) {
      RecognizedMention m = mentions.get(i);
      // Cheap checks of the word before and the letter after first: this runs for every mention.
      String previous = previousWord(text, m.start());
      if (CUE_WORDS_BEFORE.contains(previous)) {
        String before = text.substring(Math.max(0, m.start() - 40), m.start());
        if ((RESULT_NOUN_BEFORE.matcher(before).find() || ROLE_BEFORE.matcher(before).find()) && sameSentence(before)) {
          teams.add(fold(m.text()));
        }
      }
      if (m.end() + 1 < text.length() && text.charAt(m.end()) == ' ' && Character.isLowerCase(text.charAt(m.end() + 1))
          && ROLE_AFTER.matcher(text.substring(m.end(), Math.min(text.length(), m.end() + 30))).find()) {
        teams.add(fold(m.text()));
      }
      if (i + 1 < mentions.size()) {
        RecognizedMention next = mentions.get(i + 1);
        if (next.start() >= m.end() && RESULT_VERB_AFTER.matcher(text.substring(m.end(), next.start())).matches()
            && (SCORE_OR_MARGIN.matcher(sentenceAround(text, m.start(), next.end())).find()
                || m.type() != EntityType.PERSON && next.type() != EntityType.PERSON)) {
          teams.add(fold(m.text()));
          teams.add(fold(next.text()));
        }
        if (next.start() >= m.end() && JOINED_FROM.matcher(text.substring(m.end(), next.start())).matches()
            && text.substring(Math.max(0, m.start() - 7), m.start()).equals("joined ")) {
          teams.add(fold(m.text()));
          teams.add(fold(next.text()));
        }
      }
    }
    Matcher line = RESULT_LINE.matcher(text);
    Matcher standings = STANDINGS_LINE.matcher(text);
    for (int lineStart = 0; lineStart < text.length(); ) {
      int newline = text.indexOf('\n', lineStart);
      int lineEnd = newline < 0 ? text.length() : newline;
      int from = lineStart;
      lineStart = lineEnd + 1;
      // Only a line that starts with a capital and ends with a digit can be a result or a standings row.
      int last = lineEnd;
      while (last > from && text.charAt(last - 1) == ' ') {
        last--;
      }
      int first = from;
      while (first < last && text.charAt(first) == ' ') {
        first++;
      }
      if (first >= last || !Character.isUpperCase(text.charAt(first)) || !Character.isDigit(text.charAt(last - 1))) {
        continue;
      }
      line.region(from, lineEnd);
      if (!line.find()) {
        standings.region(from, lineEnd);
        if (standings.find()) {
          String name = standings.group(1);
          Matcher marker = SIDE_MARKER.matcher(name);
          if (marker.find()) {
            name = name.substring(0, marker.start());
          }
          if (name.chars().anyMatch(Character::isLetter)) {
            teams.add(fold(name));
          }
        }
        continue;
      }
      for (int group : new int[] {1, 3}) {
        String name = line.group(group);
        Matcher marker = SIDE_MARKER.matcher(name);
        int end = line.end(group);
        if (marker.find()) {
          end -= name.length() - marker.start();
          name = name.substring(0, marker.start());
        }
        if (name.chars().anyMatch(Character::isLetter)) {
          teams.add(fold(name));
          if (!covered(out, line.start(group), end) && !isCountry(fold(name))) {
            out.add(new RecognizedMention(name, line.start(group), end, EntityType.ORGANIZATION));
          }
        }
      }
    }

    teams.removeIf(TeamContext::isCountry);
    if (teams.isEmpty()) {
      return mentions;
    }
    Set<String> personWords = new HashSet<>();
    for (RecognizedMention m : out) {
      String[] words = m.text().split(" ");
      if (m.type() == EntityType.PERSON && words.length > 1) {
        for (String word : words) {
          personWords.add(fold(word));
        }
      }
    }
    for (int i = 0; i < out.size(); i++) {
      RecognizedMention m = out.get(i);
      String key = fold(m.text());
      if (isVenue(text, m.start()) || Datelines.isDateline(text, m)) {
        continue;
      }
      if (!teams.contains(key) || m.type() == EntityType.ORGANIZATION || m.type() == EntityType.MISC) {
        continue;
      }
      if (m.type() == EntityType.PERSON && (m.text().contains(" ") || personWords.contains(key))) {
        continue;
      }
      out.set(i, m.withType(EntityType.ORGANIZATION));
    }
    out.sort(java.util.Comparator.comparingInt(RecognizedMention::start));
    return out;
  }

  /**
   * A venue, not a side: "In Seattle , ..." and "At California , ..." opening a sentence, or a
   * fixture line's "KANSAS CITY AT DETROIT".
   */
  static boolean isVenue(String text, int start) {
    String before = text.substring(Math.max(0, start - 4), start);
    if (before.endsWith(" AT ")) {
      return true;
    }
    if (!(before.endsWith("In ") || before.endsWith("At "))) {
      return false;
    }
    int at = start - 3;
    return at == 0 || text.charAt(at - 1) == '\n'
        || at >= 2 && text.charAt(at - 1) == ' ' && ".!?\"".indexOf(text.charAt(at - 2)) >= 0;
  }

  private static boolean sameSentence(String before) {
    return before.indexOf('\n') < 0 || before.lastIndexOf('\n') < before.length() - 30;
  }

  /** The sentence (or line) around [start, end): from the last sentence end before to the next after. */
  private static String sentenceAround(String text, int start, int end) {
    int from = start;
    while (from > 0 && text.charAt(from - 1) != '\n' && !(text.charAt(from - 1) == ' ' && from > 1
        && (text.charAt(from - 2) == '.' || text.charAt(from - 2) == '!' || text.charAt(from - 2) == '?'))) {
      from--;
    }
    int to = end;
    while (to < text.length() && text.charAt(to) != '\n'
        && !((text.charAt(to) == '.' || text.charAt(to) == '!' || text.charAt(to) == '?')
            && (to + 1 == text.length() || Character.isWhitespace(text.charAt(to + 1))))) {
      to++;
    }
    return text.substring(from, to);
  }

  private static boolean covered(List<RecognizedMention> mentions, int start, int end) {
    for (RecognizedMention m : mentions) {
      if (m.start() < end && start < m.end()) {
        return true;
      }
    }
    return false;
  }

  /** Case folded, so a headline's "SOMERSET" is the body's "Somerset". */
  private static String fold(String name) {
    return EntityCanonicalizer.key(name).toLowerCase(Locale.ROOT);
  }

  private static boolean isCountry(String folded) {
    return COUNTRIES_FOLDED.contains(folded);
  }

  private static final Set<String> COUNTRIES_FOLDED = fold(COUNTRIES);

  private static Set<String> fold(Set<String> names) {
    Set<String> folded = new HashSet<>();
    for (String name : names) {
      folded.add(name.toLowerCase(Locale.ROOT));
    }
    return folded;
  }

  private static Set<String> loadCountries() {
    Set<String> names = new HashSet<>();
    try (InputStream in = TeamContext.class.getResourceAsStream("countries.txt")) {
      if (in == null) {
        throw new IllegalStateException("countries.txt missing from the classpath");
      }
      BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String name = line.strip();
        if (!name.isEmpty() && !name.startsWith("#")) {
          names.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Set.copyOf(names);
  }
}
