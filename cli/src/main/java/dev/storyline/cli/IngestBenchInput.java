package dev.storyline.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The input of {@code storyline bench ingest}: the lines of real article files, repeated until
 * there are enough, each repetition with fresh ids ({@code ID~rN}) so every record is a distinct
 * article, as one JSONL buffer held in memory (so the bench measures ingest, not the disk).
 *
 * @param jsonl the articles, one JSON object per line
 * @param articles how many lines {@code jsonl} holds
 * @param sourceArticles how many distinct lines the files had
 */
record IngestBenchInput(byte[] jsonl, int articles, int sourceArticles) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads {@code files} and repeats their articles until there are at least {@code minimum}. */
  static IngestBenchInput repeat(List<Path> files, int minimum) {
    List<ObjectNode> lines = readObjects(files);
    if (lines.isEmpty()) {
      throw new UserError(files + ": no articles");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int count = 0;
    for (int round = 0; count < minimum; round++) {
      for (int i = 0; i < lines.size() && count < minimum; i++) {
        ObjectNode copy = lines.get(i).deepCopy();
        String id = copy.hasNonNull("id") ? copy.get("id").asText() : "line-" + i;
        copy.put("id", round == 0 ? id : id + "~r" + round);
        try {
          out.write(JSON.writeValueAsBytes(copy));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        out.write('\n');
        count++;
      }
    }
    return new IngestBenchInput(out.toByteArray(), count, lines.size());
  }

  /** The JSON objects of the non-blank lines of {@code files}, in order. */
  static List<ObjectNode> readObjects(List<Path> files) {
    List<ObjectNode> objects = new ArrayList<>();
    for (Path file : files) {
      try {
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!line.isBlank()) {
            objects.add((ObjectNode) JSON.readTree(line));
          }
        }
      } catch (IOException | ClassCastException e) {
        throw new UserError(file + ": cannot read as JSONL articles: " + e.getMessage(), e);
      }
    }
    return objects;
  }
}
