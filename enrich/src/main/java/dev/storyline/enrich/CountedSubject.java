package dev.storyline.enrich;

import dev.storyline.avro.Figure;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a count counts, read from its counted thing and the words after it, so that outlets
 * wording the same quantity differently ("238 Venezuelans", "over 200 Venezuelan immigrants",
 * "more than 200 alleged members of the Venezuelan Tren de Aragua gang") can be compared.
 *
 * @param head the counted noun, lower case and singular ("member", "venezuelan", "flight")
 * @param people whether the head names people (a nationality, "members", "migrants", ...)
 * @param anchors the names that say which people: nationalities in their singular form and other
 *     capitalised names, normalised ("venezuelan", "tren de aragua")
 * @param increment whether the count adds to an earlier one ("an additional 10 individuals",
 *     "another 40 migrants"), so it is no total to compare with others
 */
record CountedSubject(String head, boolean people, Set<String> anchors, boolean increment) {

  /** Words that end the counted noun phrase and start what qualifies it. */
  private static final Set<String> PHRASE_ENDS = Set.of(
      "of", "from", "to", "in", "into", "at", "for", "with", "on", "by", "who", "whom", "that",
      "which", "were", "was", "are", "is", "have", "had", "has", "and", "or", "as", "under",
      "after", "before", "since", "between", "among", "across", "including");

  /** Lower-case words that may sit inside a name ("Tren de Aragua", "Bank of England"). */
  private static final Set<String> NAME_CONNECTORS =
      Set.of("de", "del", "la", "el", "los", "las", "of", "the", "al", "da", "do", "dos", "van",
          "von", "and");

  /** Words before a number that make the count an increment. */
  private static final Set<String> INCREMENT_WORDS =
      Set.of("additional", "another", "further", "extra");

  /** Nouns (singular) that count people. */
  private static final Set<String> PEOPLE = Set.of(
      "member", "person", "people", "migrant", "immigrant", "emigrant", "deportee", "detainee",
      "prisoner", "inmate", "individual", "man", "woman", "child", "national", "citizen",
      "criminal", "suspect", "refugee", "seeker", "worker", "soldier", "troop", "civilian",
      "resident", "student", "victim", "passenger", "officer", "employee", "protester",
      "protestor", "voter", "patient", "adult", "hostage", "fighter", "militant", "gangster",
      "convict", "offender", "evacuee", "foreigner", "tourist", "visitor", "teenager", "minor",
      "asylee", "alien", "felon", "defendant", "agent", "staffer", "official", "lawmaker");

  private static final Map<String, String> IRREGULAR_PLURALS = Map.of(
      "men", "man", "women", "woman", "children", "child", "people", "people", "police", "police");

  private static final Pattern OF_COMPLEMENT =
      Pattern.compile("^\\s+of\\s+(?:the\\s+|a\\s+|an\\s+)?(.*)$", Pattern.DOTALL);

  /** The subject of a count figure with a counted thing; null when it has none. */
  static CountedSubject of(Figure figure) {
    String unit = figure.getUnit();
    if (unit == null || unit.isBlank()) {
      return null;
    }
    List<String> words = List.of(unit.strip().split("\\s+"));
    int end = words.size();
    for (int i = 1; i < words.size(); i++) {
      String lower = words.get(i).toLowerCase(Locale.ROOT);
      if (PHRASE_ENDS.contains(lower) || lower.endsWith("ing") || lower.endsWith("ed")) {
        end = i;
        break;
      }
    }
    String headWord = words.get(end - 1);
    String nationality = Demonyms.singularOf(TextNormalizer.normalise(headWord));
    String head = nationality != null ? nationality : singular(TextNormalizer.normalise(headWord));
    boolean people = nationality != null || PEOPLE.contains(head);

    Set<String> anchors = new LinkedHashSet<>();
    addNames(words, anchors);
    String after = textAfter(figure);
    Matcher complement = OF_COMPLEMENT.matcher(after);
    if (complement.matches()) {
      addNames(List.of(complement.group(1).split("\\s+")), anchors);
    }
    return new CountedSubject(head, people, anchors, increment(figure));
  }

  /** Whether two subjects may be the same quantity: both people, and a name in common. */
  boolean sharesPeopleWith(CountedSubject other) {
    if (!people || !other.people || increment != other.increment) {
      return false;
    }
    for (String anchor : anchors) {
      if (other.anchors.contains(anchor)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds the capitalised names among {@code words}, up to the first lower-case word after one;
   * a name starting with a nationality is that nationality and the rest ("Venezuelan Tren de
   * Aragua" gives "venezuelan" and "tren de aragua").
   */
  private static void addNames(List<String> words, Set<String> anchors) {
    List<String> run = new ArrayList<>();
    boolean seenName = false;
    for (String raw : words) {
      String word = raw.replaceAll("^[\"'“‘(]+|[\"'”’),.;:!?]+$", "");
      boolean endsClause = !raw.equals(word) && raw.matches(".*[,.;:!?)]$");
      if (word.isEmpty()) {
        break;
      }
      boolean capitalised = Character.isUpperCase(word.codePointAt(0));
      if (capitalised) {
        run.add(word);
        seenName = true;
      } else if (!run.isEmpty() && NAME_CONNECTORS.contains(word)) {
        run.add(word);
      } else {
        flush(run, anchors);
        if (seenName) {
          return;
        }
      }
      if (endsClause) {
        break;
      }
    }
    flush(run, anchors);
  }

  private static void flush(List<String> run, Set<String> anchors) {
    while (!run.isEmpty() && NAME_CONNECTORS.contains(run.get(run.size() - 1))) {
      run.remove(run.size() - 1);
    }
    if (run.isEmpty()) {
      return;
    }
    String nationality = Demonyms.singularOf(TextNormalizer.normalise(run.get(0)));
    if (nationality != null) {
      anchors.add(nationality);
      run.remove(0);
    }
    String name = TextNormalizer.normalise(String.join(" ", run));
    if (!name.isEmpty()) {
      anchors.add(name);
    }
    run.clear();
  }

  /** The sentence after the figure's text, or "" when the text is not found in it. */
  private static String textAfter(Figure figure) {
    String sentence = figure.getSentence();
    int at = sentence.indexOf(figure.getText());
    return at < 0 ? "" : sentence.substring(at + figure.getText().length());
  }

  /** Whether the word before the figure ("an additional 10") makes it an increment. */
  private static boolean increment(Figure figure) {
    String sentence = figure.getSentence();
    int at = sentence.indexOf(figure.getText());
    if (at <= 0) {
      return false;
    }
    String[] before = sentence.substring(0, at).strip().split("\\s+");
    String last = before[before.length - 1].toLowerCase(Locale.ROOT);
    return INCREMENT_WORDS.contains(last);
  }

  /** A lower-case noun's singular: "members" → "member", "casualties" → "casualty". */
  static String singular(String noun) {
    String irregular = IRREGULAR_PLURALS.get(noun);
    if (irregular != null) {
      return irregular;
    }
    if (noun.length() > 4 && noun.endsWith("ies")) {
      return noun.substring(0, noun.length() - 3) + "y";
    }
    if (noun.length() > 3 && noun.endsWith("s") && !noun.endsWith("ss")) {
      return noun.substring(0, noun.length() - 1);
    }
    return noun;
  }
}
