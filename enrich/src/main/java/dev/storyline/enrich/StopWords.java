package dev.storyline.enrich;

import java.util.Set;

/**
 * English function words left out of term vectors: they occur in every article and say nothing
 * about which event it reports. The list is part of the clustering settings description, so
 * changing it changes the clusterer version.
 */
public final class StopWords {

  /** Identifies this list in settings descriptions; bump it when the list changes. */
  public static final String ENGLISH_VERSION = "en-v1";

  public static final Set<String> ENGLISH =
      Set.of(
          "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and",
          "any", "are", "as", "at", "be", "because", "been", "before", "being", "below",
          "between", "both", "but", "by", "can", "could", "did", "do", "does", "doing", "down",
          "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he",
          "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in",
          "into", "is", "it", "its", "itself", "just", "me", "more", "most", "my", "myself", "no",
          "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours",
          "ourselves", "out", "over", "own", "said", "same", "says", "she", "should", "so",
          "some", "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then",
          "there", "these", "they", "this", "those", "through", "to", "too", "under", "until",
          "up", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
          "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself",
          "yourselves");

  private StopWords() {}
}
