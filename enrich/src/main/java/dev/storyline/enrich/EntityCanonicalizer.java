package dev.storyline.enrich;

import dev.storyline.avro.Entity;
import dev.storyline.avro.EntityType;
import dev.storyline.avro.Mention;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns an article's mentions into its entities, one per canonical name:
 *
 * <ul>
 *   <li>mentions written the same way (whitespace and a trailing possessive folded) are one
 *       entity;
 *   <li>a shorter name whose words appear, in order and together, in exactly one longer person's
 *       name of the same article is that person: "Trump" and "President Trump" become "Donald
 *       Trump", "García" becomes "Kilmar Abrego García"; when two people share the word
 *       ("Trump" with "Donald Trump" and "Melania Trump") the short form stays on its own;
 *   <li>"U.S" (a sentence-final "U.S." whose period ended the sentence) is "U.S.";
 *   <li>"Washington DC" and "Washington, D.C." are the place "Washington";
 *   <li>the type is the majority over the mentions; a tie goes to ORGANIZATION, then PERSON, then
 *       LOCATION, because the tagger's usual slip is an institution named after a place ("White
 *       House", "Tren de Aragua") tagged LOCATION.
 * </ul>
 *
 * Entities come out in order of first mention.
 */
public final class EntityCanonicalizer {

  private static final Pattern POSSESSIVE = Pattern.compile("['’]s?$");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");
  private static final Pattern WASHINGTON_DC = Pattern.compile("^Washington,? D\\.?C\\.?$");
  private static final List<EntityType> TIE_ORDER =
      List.of(EntityType.ORGANIZATION, EntityType.PERSON, EntityType.LOCATION, EntityType.MISC);

  private EntityCanonicalizer() {}

  /** The entities the mentions name, in order of first mention. */
  public static List<Entity> canonicalize(List<RecognizedMention> mentions) {
    return canonicalize(mentions, Map.of());
  }

  /**
   * The entities the mentions name, in order of first mention, with names the article defined an
   * acronym for ({@link AcronymDefinitions}) named by that acronym.
   */
  static List<Entity> canonicalize(List<RecognizedMention> mentions, Map<String, String> aliases) {
    Map<String, List<RecognizedMention>> groups = new LinkedHashMap<>();
    for (RecognizedMention mention : mentions) {
      String key = key(mention.text());
      if (!key.isEmpty()) {
        groups.computeIfAbsent(key, k -> new ArrayList<>()).add(mention);
      }
    }
    Map<String, String> target = new LinkedHashMap<>();
    for (String name : groups.keySet()) {
      // The tokenizer gives a sentence-final "U.S." its period as the sentence end: "U.S" is "U.S.".
      target.put(name, aliases.containsKey(name) ? aliases.get(name)
          : groups.containsKey(name + ".") ? name + "." : longerPerson(name, groups));
    }
    Map<String, List<RecognizedMention>> merged = new LinkedHashMap<>();
    for (Map.Entry<String, List<RecognizedMention>> group : groups.entrySet()) {
      merged.computeIfAbsent(target.get(group.getKey()), k -> new ArrayList<>()).addAll(group.getValue());
    }
    List<Entity> entities = new ArrayList<>();
    for (Map.Entry<String, List<RecognizedMention>> entity : merged.entrySet()) {
      List<RecognizedMention> its = new ArrayList<>(entity.getValue());
      its.sort(Comparator.comparingInt(RecognizedMention::start));
      List<Mention> written = new ArrayList<>();
      for (RecognizedMention m : its) {
        written.add(new Mention(m.text(), m.start(), m.end()));
      }
      entities.add(Entity.newBuilder()
          .setName(entity.getKey())
          .setType(majorityType(its))
          .setMentionCount(its.size())
          .setFirstPosition(its.get(0).start())
          .setMentions(written)
          .build());
    }
    entities.sort(Comparator.comparingInt(Entity::getFirstPosition));
    return entities;
  }

  /** The name mentions are grouped under: whitespace collapsed, possessive dropped, known aliases applied. */
  static String key(String text) {
    String name = POSSESSIVE.matcher(WHITESPACE.matcher(text.strip()).replaceAll(" ")).replaceAll("").strip();
    if (WASHINGTON_DC.matcher(name).matches()) {
      return "Washington";
    }
    return name;
  }

  /**
   * The single longest person name that contains {@code name}'s words as a contiguous run, or
   * {@code name} itself when there is none or when two unrelated people would fit.
   */
  private static final java.util.Set<String> GENERATIONAL =
      java.util.Set.of("Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV");

  private static String longerPerson(String name, Map<String, List<RecognizedMention>> groups) {
    List<String> words = Arrays.asList(name.split(" "));
    String best = name;
    for (Map.Entry<String, List<RecognizedMention>> other : groups.entrySet()) {
      String candidate = other.getKey();
      if (candidate.length() <= name.length() || majorityType(other.getValue()) != EntityType.PERSON) {
        continue;
      }
      List<String> candidateWords = Arrays.asList(candidate.split(" "));
      if (candidateWords.size() <= words.size() || java.util.Collections.indexOfSubList(candidateWords, words) < 0) {
        continue;
      }
      // "Donald Trump Jr." is another person than "Donald Trump": a generational suffix the
      // shorter name lacks never extends it.
      if (GENERATIONAL.contains(candidateWords.get(candidateWords.size() - 1))
          && !GENERATIONAL.contains(words.get(words.size() - 1))) {
        continue;
      }
      if (best.equals(name)) {
        best = candidate;
      } else if (candidate.contains(best)) {
        best = candidate;
      } else if (!best.contains(candidate)) {
        return name;
      }
    }
    return best;
  }

  static EntityType majorityType(List<RecognizedMention> mentions) {
    Map<EntityType, Integer> votes = new EnumMap<>(EntityType.class);
    for (RecognizedMention mention : mentions) {
      votes.merge(mention.type(), 1, Integer::sum);
    }
    EntityType winner = null;
    for (EntityType type : TIE_ORDER) {
      int count = votes.getOrDefault(type, 0);
      if (count > 0 && (winner == null || count > votes.get(winner))) {
        winner = type;
      }
    }
    return winner == null ? EntityType.MISC : winner;
  }
}
