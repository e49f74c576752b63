package dev.storyline.enrich;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a text into the pieces the tagger sees one at a time: paragraphs (split at blank lines,
 * then packed together while they fit), and paragraphs longer than the limit cut at the last sentence end before it, or at the last
 * space when there is none (a body without punctuation), or hard at the limit. Tagging piece by
 * piece bounds the longest "sentence" CoreNLP ever sees and lets the caller check its time budget
 * between pieces.
 */
final class TextSegmenter {

  /** Half-open character range {@code [start, end)} of the text. */
  record Segment(int start, int end) {}

  private final int maxChars;

  TextSegmenter(int maxChars) {
    if (maxChars < 2) {
      throw new IllegalArgumentException("maxChars must be at least 2: " + maxChars);
    }
    this.maxChars = maxChars;
  }

  /**
   * The non-blank segments of {@code text}, in order, each at most {@code maxChars} long.
   * Consecutive paragraphs are packed into one segment while they fit: each CoreNLP call has a
   * fixed cost. (Setting {@code ssplit.newlineIsSentenceBreak=two} to force a sentence break at
   * each blank line scored lower on CoNLL-2003 dev, 0.9234 against 0.9273, so CoreNLP's own
   * sentence splitting decides.)
   */
  List<Segment> segments(String text) {
    List<Segment> packed = new ArrayList<>();
    for (Segment segment : pieces(text)) {
      Segment last = packed.isEmpty() ? null : packed.get(packed.size() - 1);
      if (last != null && segment.end() - last.start() <= maxChars) {
        packed.set(packed.size() - 1, new Segment(last.start(), segment.end()));
      } else {
        packed.add(segment);
      }
    }
    return packed;
  }

  /** Paragraphs, and the pieces of paragraphs too long for one segment. */
  private List<Segment> pieces(String text) {
    List<Segment> segments = new ArrayList<>();
    int paragraphStart = 0;
    int i = 0;
    while (i <= text.length()) {
      int blank = i < text.length() ? blankLineEnd(text, i) : -1;
      if (i == text.length() || blank > 0) {
        addParagraph(text, paragraphStart, i, segments);
        if (i == text.length()) {
          break;
        }
        paragraphStart = blank;
        i = blank;
      } else {
        i++;
      }
    }
    return segments;
  }

  /** If a blank line starts at {@code i} (a newline, optional spaces, a newline), where it ends; else -1. */
  private static int blankLineEnd(String text, int i) {
    if (text.charAt(i) != '\n') {
      return -1;
    }
    int j = i + 1;
    while (j < text.length() && (text.charAt(j) == ' ' || text.charAt(j) == '\t' || text.charAt(j) == '\r')) {
      j++;
    }
    return j < text.length() && text.charAt(j) == '\n' ? j + 1 : -1;
  }

  private void addParagraph(String text, int start, int end, List<Segment> segments) {
    while (start < end) {
      while (start < end && Character.isWhitespace(text.charAt(start))) {
        start++;
      }
      int stop = end;
      while (stop > start && Character.isWhitespace(text.charAt(stop - 1))) {
        stop--;
      }
      if (start >= stop) {
        return;
      }
      if (stop - start <= maxChars) {
        segments.add(new Segment(start, stop));
        return;
      }
      int cut = cutPoint(text, start, start + maxChars);
      int segmentEnd = cut;
      while (segmentEnd > start && Character.isWhitespace(text.charAt(segmentEnd - 1))) {
        segmentEnd--;
      }
      segments.add(new Segment(start, segmentEnd));
      start = cut;
    }
  }

  /** Where to cut inside {@code (start, limit]}: after the last sentence end, else at the last space, else at the limit. */
  private static int cutPoint(String text, int start, int limit) {
    int lastSpace = -1;
    for (int i = limit; i > start + 1; i--) {
      if (Character.isWhitespace(text.charAt(i - 1))) {
        char before = text.charAt(i - 2);
        if (before == '.' || before == '!' || before == '?') {
          return i;
        }
        if (lastSpace < 0) {
          lastSpace = i;
        }
      }
    }
    return lastSpace > 0 ? lastSpace : limit;
  }
}
