package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextSegmenterTest {

  @Test
  void shouldSplitParagraphsAtBlankLinesAndPackThoseThatFit() {
    // Given
    String text = "First paragraph.\n\n  Second one.\n \nThird.";

    // When
    List<TextSegmenter.Segment> packed = new TextSegmenter(100).segments(text);
    List<TextSegmenter.Segment> segments = new TextSegmenter(17).segments(text);

    // Then
    assertThat(packed).containsExactly(new TextSegmenter.Segment(0, 40));
    assertThat(segments).containsExactly(
        new TextSegmenter.Segment(0, 16), new TextSegmenter.Segment(20, 31), new TextSegmenter.Segment(34, 40));
  }

  @Test
  void shouldCutLongParagraphsAtTheLastSentenceEnd() {
    // Given: two sentences, 23 and 24 characters, limit 30
    String text = "The first one is short. The second is short.";

    // When
    List<TextSegmenter.Segment> segments = new TextSegmenter(30).segments(text);

    // Then
    assertThat(segments).containsExactly(new TextSegmenter.Segment(0, 23), new TextSegmenter.Segment(24, 44));
  }

  @Test
  void shouldCutUnpunctuatedTextAtSpacesAndWordlessTextHard() {
    // Given
    String words = "aaaa bbbb cccc dddd";
    String noSpaces = "x".repeat(25);

    // When
    List<TextSegmenter.Segment> wordSegments = new TextSegmenter(10).segments(words);
    List<TextSegmenter.Segment> hardSegments = new TextSegmenter(10).segments(noSpaces);

    // Then
    assertThat(wordSegments).containsExactly(new TextSegmenter.Segment(0, 9), new TextSegmenter.Segment(10, 19));
    assertThat(hardSegments).containsExactly(
        new TextSegmenter.Segment(0, 10), new TextSegmenter.Segment(10, 20), new TextSegmenter.Segment(20, 25));
  }
}
