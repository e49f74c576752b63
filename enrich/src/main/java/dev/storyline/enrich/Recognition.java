package dev.storyline.enrich;

import java.util.List;

/**
 * What an {@link EntityRecognizer} found in one text.
 *
 * @param mentions entity mentions in text order, offsets into the recognized text
 * @param tokenCount tokens the recognizer saw
 */
public record Recognition(List<RecognizedMention> mentions, int tokenCount) {

  public Recognition {
    mentions = List.copyOf(mentions);
  }
}
