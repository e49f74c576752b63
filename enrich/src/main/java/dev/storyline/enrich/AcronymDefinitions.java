package dev.storyline.enrich;

import dev.storyline.avro.EntityType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Acronyms an article defines: "El Salvador's Terrorism Confinement Center (CECOT)". Outlets
 * translate and paraphrase the long form of a foreign name ("Terrorism Confinement Center",
 * "Terrorist Confinement Center", "Counter-Terrorism Prison Center") but keep its acronym, so the
 * acronym is the name that lets a story merge them; the tagger, for its part, seldom recognises
 * the bare acronym.
 *
 * <p>For every parenthesised acronym (2–10 capitals or digits) right after a recognised name that
 * is not a person's, or after a run of at least two capitalised words the tagger missed (taken as
 * an organisation), the acronym becomes a mention of that entity and the entity is named by the
 * acronym ({@link Found#aliases()}, from the long form's key). The other occurrences of the
 * acronym are then found by {@link DocumentConsistency}'s propagation.
 */
final class AcronymDefinitions {

  /** Mentions with the acronyms added, and each defined long form's key mapped to its acronym. */
  record Found(List<RecognizedMention> mentions, Map<String, String> aliases) {}

  private static final Pattern PARENTHESISED =
      Pattern.compile("\\( ?([A-Z][A-Z0-9&]{1,9}) ?\\)");
  private static final Pattern CAPITALISED_WORD =
      Pattern.compile("[\\p{Lu}][\\p{L}\\p{M}-]*[\\p{L}\\p{M}]");
  private static final Set<String> CONNECTORS =
      Set.of("of", "for", "and", "the", "de", "del", "la", "el", "los", "las", "on", "du", "des");

  private AcronymDefinitions() {}

  static Found find(String text, List<RecognizedMention> mentions) {
    List<RecognizedMention> all = new ArrayList<>(mentions);
    Map<String, String> aliases = new LinkedHashMap<>();
    Matcher m = PARENTHESISED.matcher(text);
    while (m.find()) {
      String acronym = m.group(1);
      if (acronym.chars().filter(Character::isLetter).count() < 2) {
        continue;
      }
      int before = m.start();
      while (before > 0 && text.charAt(before - 1) == ' ') {
        before--;
      }
      RecognizedMention longForm = mentionEndingAt(mentions, before);
      if (longForm == null) {
        longForm = capitalisedRunEndingAt(text, before);
      } else if (longForm.type() == EntityType.PERSON) {
        continue;
      }
      if (longForm == null || EntityCanonicalizer.key(longForm.text()).equals(acronym)) {
        continue;
      }
      if (!mentions.contains(longForm)) {
        all.add(longForm);
      }
      all.add(new RecognizedMention(acronym, m.start(1), m.end(1), longForm.type()));
      aliases.putIfAbsent(EntityCanonicalizer.key(longForm.text()), acronym);
    }
    all.sort(java.util.Comparator.comparingInt(RecognizedMention::start));
    return new Found(all, aliases);
  }

  private static RecognizedMention mentionEndingAt(List<RecognizedMention> mentions, int end) {
    for (RecognizedMention mention : mentions) {
      if (mention.end() == end) {
        return mention;
      }
    }
    return null;
  }

  /**
   * The longest run of capitalised words (joined by spaces and lower-case connectors such as "of",
   * never starting or ending with one) ending at {@code end}; null when shorter than two words.
   */
  private static RecognizedMention capitalisedRunEndingAt(String text, int end) {
    int start = end;
    int words = 0;
    int cursor = end;
    while (true) {
      int wordStart = cursor;
      while (wordStart > 0 && !Character.isWhitespace(text.charAt(wordStart - 1))) {
        wordStart--;
      }
      String word = text.substring(wordStart, cursor);
      boolean capitalised = CAPITALISED_WORD.matcher(word).matches();
      if (!capitalised && !(words > 0 && CONNECTORS.contains(word))) {
        break;
      }
      if (capitalised) {
        start = wordStart;
        words++;
      }
      if (wordStart == 0 || text.charAt(wordStart - 1) != ' ') {
        break;
      }
      cursor = wordStart - 1;
    }
    return words < 2 ? null
        : new RecognizedMention(text.substring(start, end), start, end, EntityType.ORGANIZATION);
  }
}
