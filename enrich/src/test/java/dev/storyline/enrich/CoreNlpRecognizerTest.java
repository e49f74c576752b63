package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.EntityType;
import edu.stanford.nlp.ling.CoreLabel;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CoreNlpRecognizerTest {

  @Test
  void shouldEndAMentionAtABlankLineButNotAtASpaceOrSingleNewline() {
    // Given: "Mike Sullivan , Willie" ends a paragraph and "Wood" starts the next, all tagged PERSON
    String text = "x Mike Sullivan , Willie\n\nWood and Ann\nLee";
    List<CoreLabel> tokens = tokens(text, "Mike/PERSON", "Sullivan/PERSON", ",/O", "Willie/PERSON",
        "Wood/PERSON", "and/O", "Ann/PERSON", "Lee/PERSON");
    List<RecognizedMention> mentions = new ArrayList<>();

    // When
    CoreNlpRecognizer.collectMentions(tokens, text, 0, mentions);

    // Then
    assertThat(mentions).containsExactly(
        new RecognizedMention("Mike Sullivan", 2, 15, EntityType.PERSON),
        new RecognizedMention("Willie", 18, 24, EntityType.PERSON),
        new RecognizedMention("Wood", 26, 30, EntityType.PERSON),
        new RecognizedMention("Ann\nLee", 35, 42, EntityType.PERSON));
  }

  @Test
  void shouldEndAMentionWhereTheNextLineStartsWithACapitalisedFunctionWord() {
    // Given: a heading without a full stop, its last words and the next line's first tagged as one
    // location, and a name wrapped onto the next line
    String text = "Visit to the White House\nWhat is the plan of Bank of\nAmerica";
    List<CoreLabel> tokens = tokens(text, "Visit/O", "to/O", "the/O", "White/LOCATION", "House/LOCATION",
        "What/LOCATION", "is/O", "the/O", "plan/O", "of/O", "Bank/ORGANIZATION", "of/ORGANIZATION",
        "America/ORGANIZATION");
    List<RecognizedMention> mentions = new ArrayList<>();

    // When
    CoreNlpRecognizer.collectMentions(tokens, text, 0, mentions);

    // Then
    assertThat(mentions).containsExactly(
        new RecognizedMention("White House", 13, 24, EntityType.LOCATION),
        new RecognizedMention("Bank of\nAmerica", 45, 60, EntityType.ORGANIZATION));
  }

  /** Tokens of {@code text} in order, each given as "word/TAG". */
  private static List<CoreLabel> tokens(String text, String... tagged) {
    List<CoreLabel> tokens = new ArrayList<>();
    int from = 0;
    for (String wordAndTag : tagged) {
      String word = wordAndTag.substring(0, wordAndTag.lastIndexOf('/'));
      int start = text.indexOf(word, from);
      CoreLabel label = new CoreLabel();
      label.setWord(word);
      label.setBeginPosition(start);
      label.setEndPosition(start + word.length());
      label.setNER(wordAndTag.substring(wordAndTag.lastIndexOf('/') + 1));
      tokens.add(label);
      from = start + word.length();
    }
    return tokens;
  }
}
