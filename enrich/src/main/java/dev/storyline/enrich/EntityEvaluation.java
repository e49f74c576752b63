package dev.storyline.enrich;

import dev.storyline.avro.EntityType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Scores entity recognition against CoNLL-2003 gold (columns: token, POS, chunk, NER in IOB1;
 * {@code -DOCSTART-} lines between documents): exact-span precision, recall and F1 per type, as
 * the conlleval script counts them. The overall figure is over PER, ORG and LOC, the three types
 * Storyline's default model tags; MISC is reported per type only.
 *
 * <p>Each document is tagged as one text (sentences joined by blank lines, tokens by spaces), so
 * the document-level repairs run exactly as they do on an article.
 */
public final class EntityEvaluation {

  public static final List<String> TYPES = List.of("PER", "ORG", "LOC", "MISC");
  public static final List<String> OVERALL_TYPES = List.of("PER", "ORG", "LOC");

  /** One gold document: sentences of tokens with their IOB1 tags. */
  public record Document(List<List<String>> tokens, List<List<String>> tags) {}

  /** Counts of one type. */
  public record Counts(int gold, int predicted, int correct) {
    public double precision() {
      return predicted == 0 ? 0 : (double) correct / predicted;
    }

    public double recall() {
      return gold == 0 ? 0 : (double) correct / gold;
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    Counts plus(Counts other) {
      return new Counts(gold + other.gold, predicted + other.predicted, correct + other.correct);
    }
  }

  /** Per-type counts (in {@link #TYPES} order) and the overall counts over {@link #OVERALL_TYPES}. */
  public record Result(Map<String, Counts> perType, Counts overall, int documents, int tokens) {}

  private record Span(int document, int start, int end, String type) {}

  private EntityEvaluation() {}

  /** The documents of a CoNLL file, given as its lines. */
  public static List<Document> parse(List<String> lines) {
    List<Document> documents = new ArrayList<>();
    List<List<String>> tokens = new ArrayList<>();
    List<List<String>> tags = new ArrayList<>();
    List<String> sentenceTokens = new ArrayList<>();
    List<String> sentenceTags = new ArrayList<>();
    int lineNumber = 0;
    for (String line : lines) {
      lineNumber++;
      String stripped = line.strip();
      if (stripped.startsWith("-DOCSTART-")) {
        endSentence(tokens, tags, sentenceTokens, sentenceTags);
        if (!tokens.isEmpty()) {
          documents.add(new Document(tokens, tags));
        }
        tokens = new ArrayList<>();
        tags = new ArrayList<>();
      } else if (stripped.isEmpty()) {
        endSentence(tokens, tags, sentenceTokens, sentenceTags);
      } else {
        String[] columns = stripped.split("\\s+");
        if (columns.length < 2) {
          throw new IllegalArgumentException("line " + lineNumber + ": expected 'token ... NER-tag', got '" + line + "'");
        }
        sentenceTokens.add(columns[0]);
        sentenceTags.add(columns[columns.length - 1]);
      }
    }
    endSentence(tokens, tags, sentenceTokens, sentenceTags);
    if (!tokens.isEmpty()) {
      documents.add(new Document(tokens, tags));
    }
    return documents;
  }

  private static void endSentence(List<List<String>> tokens, List<List<String>> tags,
      List<String> sentenceTokens, List<String> sentenceTags) {
    if (!sentenceTokens.isEmpty()) {
      tokens.add(new ArrayList<>(sentenceTokens));
      tags.add(new ArrayList<>(sentenceTags));
      sentenceTokens.clear();
      sentenceTags.clear();
    }
  }

  /**
   * Scores {@code tagger} (a document text to its typed mentions, offsets into that text) on
   * {@code documents}.
   */
  public static Result evaluate(List<Document> documents, Function<String, List<RecognizedMention>> tagger) {
    Set<Span> gold = new HashSet<>();
    Set<Span> predicted = new HashSet<>();
    int tokenTotal = 0;
    for (int d = 0; d < documents.size(); d++) {
      Document document = documents.get(d);
      StringBuilder text = new StringBuilder();
      List<Integer> starts = new ArrayList<>();
      List<Integer> ends = new ArrayList<>();
      List<String> flatTags = new ArrayList<>();
      for (int s = 0; s < document.tokens().size(); s++) {
        if (s > 0) {
          text.append("\n\n");
        }
        List<String> sentence = document.tokens().get(s);
        for (int t = 0; t < sentence.size(); t++) {
          if (t > 0) {
            text.append(' ');
          }
          starts.add(text.length());
          text.append(sentence.get(t));
          ends.add(text.length());
        }
        flatTags.addAll(document.tags().get(s));
        // A chunk never runs across sentences: mark the break.
        flatTags.set(flatTags.size() - 1, flatTags.get(flatTags.size() - 1) + "|END");
      }
      tokenTotal += starts.size();
      goldSpans(d, flatTags, gold);
      for (RecognizedMention mention : tagger.apply(text.toString())) {
        int first = tokenAt(starts, ends, mention.start());
        int last = tokenAt(starts, ends, mention.end() - 1);
        if (first >= 0 && last >= first) {
          predicted.add(new Span(d, first, last + 1, conllType(mention.type())));
        }
      }
    }
    Map<String, Counts> perType = new LinkedHashMap<>();
    Counts overall = new Counts(0, 0, 0);
    for (String type : TYPES) {
      int g = (int) gold.stream().filter(s -> s.type.equals(type)).count();
      int p = (int) predicted.stream().filter(s -> s.type.equals(type)).count();
      int c = (int) predicted.stream().filter(s -> s.type.equals(type) && gold.contains(s)).count();
      Counts counts = new Counts(g, p, c);
      perType.put(type, counts);
      if (OVERALL_TYPES.contains(type)) {
        overall = overall.plus(counts);
      }
    }
    return new Result(perType, overall, documents.size(), tokenTotal);
  }

  /** conlleval's IOB1 reading: a chunk starts at B-X, or at I-X after O or another type. */
  private static void goldSpans(int document, List<String> tags, Set<Span> out) {
    String type = null;
    int start = -1;
    for (int i = 0; i <= tags.size(); i++) {
      String tag = i < tags.size() ? tags.get(i).replace("|END", "") : "O";
      boolean previousEndedSentence = i > 0 && tags.get(i - 1).endsWith("|END");
      String thisType = tag.equals("O") ? null : tag.substring(2);
      boolean begins = thisType != null && (tag.startsWith("B-") || !thisType.equals(type) || previousEndedSentence);
      if (type != null && (thisType == null || begins)) {
        out.add(new Span(document, start, i, type));
        type = null;
      }
      if (begins) {
        type = thisType;
        start = i;
      }
    }
  }

  private static int tokenAt(List<Integer> starts, List<Integer> ends, int offset) {
    int lo = 0;
    int hi = starts.size() - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      if (offset < starts.get(mid)) {
        hi = mid - 1;
      } else if (offset >= ends.get(mid)) {
        lo = mid + 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  static String conllType(EntityType type) {
    return switch (type) {
      case PERSON -> "PER";
      case ORGANIZATION -> "ORG";
      case LOCATION -> "LOC";
      default -> "MISC";
    };
  }
}
