package dev.storyline.enrich;

import dev.storyline.avro.EntityType;

/**
 * One entity mention as a recognizer found it, before canonicalisation: the text as written, its
 * character offsets in the recognized text and the type the tagger gave this occurrence.
 */
public record RecognizedMention(String text, int start, int end, EntityType type) {

  public RecognizedMention {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("bad mention offsets [" + start + ", " + end + ") for '" + text + "'");
    }
  }

  /** The same span with another type. */
  public RecognizedMention withType(EntityType newType) {
    return new RecognizedMention(text, start, end, newType);
  }
}
