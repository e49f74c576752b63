package dev.storyline.enrich;

import dev.storyline.avro.EntityType;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A news dateline names the place a story was filed from: "NEW YORK 1996-08-30", "WIGAN , England
 * 1996-08-31", "WASHINGTON (Reuters) -", "LONDON, Dec 2 (AP) —". The tagger reads an all-caps
 * city poorly (ORGANIZATION, PERSON) and a club named after the town elsewhere in the article
 * pulls it the same way, so a mention that opens a line and is followed only by further place
 * names and then a date or a wire agency in parentheses is a LOCATION.
 */
final class Datelines {

  /** What may follow the place names of a dateline: a date, or "(Agency)" then a dash. */
  private static final Pattern AFTER_PLACES = Pattern.compile(
      "^(?:\\d{4}-\\d{2}-\\d{2}\\s*$"
          + "|(?:(?:[A-Z][a-z]{2,8}\\.? )?\\d{1,2},? )?\\( ?[A-Z][A-Za-z.&/ ]{1,30}\\)\\s*[-—–])");

  /** How far into its line a dateline's places reach, and how much of the line after them is read. */
  private static final int MAX_PLACES_CHARS = 80;

  private Datelines() {}

  /** {@code mentions} with those of a dateline typed LOCATION. */
  static List<RecognizedMention> apply(String text, List<RecognizedMention> mentions) {
    List<RecognizedMention> out = null;
    for (int i = 0; i < mentions.size(); i++) {
      RecognizedMention m = mentions.get(i);
      if (m.type() != EntityType.LOCATION && isDateline(text, m)) {
        if (out == null) {
          out = new ArrayList<>(mentions);
        }
        out.set(i, m.withType(EntityType.LOCATION));
      }
    }
    return out == null ? mentions : out;
  }

  /**
   * Whether {@code m} is a place of a dateline: its line starts with it or with other names
   * joined by commas, and after the names comes a date or "(Agency) -".
   */
  static boolean isDateline(String text, RecognizedMention m) {
    int lineStart = m.start();
    while (lineStart > 0 && text.charAt(lineStart - 1) != '\n') {
      if (m.start() - --lineStart > MAX_PLACES_CHARS) {
        return false;
      }
    }
    String head = text.substring(lineStart, m.start());
    // Only names before it on the line, joined by commas: "WIGAN , England".
    if (!head.isEmpty() && !head.matches("(?:[\\p{Lu}][\\p{L}.' -]*? ?, ?)+")) {
      return false;
    }
    int lineEnd = text.indexOf('\n', m.end());
    String rest = text.substring(m.end(), Math.min(lineEnd < 0 ? text.length() : lineEnd, m.end() + MAX_PLACES_CHARS));
    // Skip further place names: ", England", ", Texas".
    rest = rest.replaceFirst("^(?: ?, ?[\\p{Lu}][\\p{L}.' -]*?)*(?= |$)", "").stripLeading();
    if (lineStart == 0 && head.isEmpty() && rest.isEmpty()) {
      return false;
    }
    return AFTER_PLACES.matcher(rest).find();
  }
}
