package dev.storyline.enrich;

import java.util.Locale;
import java.util.Set;

/**
 * Nationality words ("Venezuelan", "Salvadorans"): a tagger may take one into an organisation's
 * name ("Venezuelan Tren de Aragua"), and counts of people are often counts of a nationality
 * ("238 Venezuelans").
 */
final class Demonyms {

  private static final Set<String> SINGULAR = Set.of(
      "american", "afghan", "argentine", "argentinian", "australian", "austrian", "belgian",
      "bolivian", "brazilian", "british", "canadian", "chilean", "chinese", "colombian",
      "cuban", "czech", "danish", "dutch", "ecuadorian", "egyptian", "english", "ethiopian",
      "european", "filipino", "finnish", "french", "german", "greek", "guatemalan", "haitian",
      "honduran", "hungarian", "indian", "indonesian", "iranian", "iraqi", "irish", "israeli",
      "italian", "japanese", "jordanian", "kenyan", "korean", "lebanese", "libyan", "mexican",
      "moroccan", "nicaraguan", "nigerian", "norwegian", "pakistani", "palestinian",
      "panamanian", "peruvian", "polish", "portuguese", "russian", "salvadoran", "salvadorean",
      "saudi", "scottish", "serbian", "somali", "spanish", "sudanese", "swedish", "swiss",
      "syrian", "taiwanese", "thai", "turkish", "ugandan", "ukrainian", "venezuelan",
      "vietnamese", "welsh", "yemeni");

  private Demonyms() {}

  /** Whether the normalised word is a nationality adjective ("venezuelan"). */
  static boolean isDemonym(String word) {
    return SINGULAR.contains(word);
  }

  /**
   * The nationality adjective a word is, singular or plural ("Venezuelans" and "venezuelan" are
   * "venezuelan"), or null when it is none.
   */
  static String singularOf(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    if (SINGULAR.contains(lower)) {
      return lower;
    }
    if (lower.endsWith("s") && SINGULAR.contains(lower.substring(0, lower.length() - 1))) {
      return lower.substring(0, lower.length() - 1);
    }
    return null;
  }
}
