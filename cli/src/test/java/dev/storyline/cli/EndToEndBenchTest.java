package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain parts of storyline bench (end to end): its input, its paced feed and its percentiles. */
class EndToEndBenchTest {

  @TempDir Path dir;

  @Test
  void shouldRepeatFilesAndSeedsWithFreshIdsAndSpacedPublicationTimes() throws Exception {
    // Given a file of two articles and a seed folder of one
    Path file = Files.writeString(dir.resolve("a.jsonl"),
        "{\"id\":\"a1\",\"source\":\"S\",\"title\":\"T\",\"published\":\"2021-10-18\",\"body\":\"One.\"}\n\n"
            + "{\"id\":\"a2\",\"source\":\"S\",\"title\":\"U\",\"published\":\"2021-10-19\",\"body\":\"Two.\"}\n");
    Path seeds = Files.createDirectories(dir.resolve("seeds"));
    Files.writeString(seeds.resolve("000_x.txt"), " date 2025-03-28 Seed title\n\nSeed body.\n");
    // When seven articles are asked for, 10 s apart
    EndToEndBenchInput input = EndToEndBenchInput.build(List.of(file), seeds, 7, Instant.parse("2026-01-01T00:00:00Z"),
        Duration.ofSeconds(10));
    // Then
    assertThat(input.distinct()).isEqualTo(3);
    assertThat(input.accepted()).isEqualTo(7);
    assertThat(input.articles()).extracting(Article::getId)
        .containsExactly("a1", "a2", "seed-000_x", "a1~r1", "a2~r1", "seed-000_x~r1", "a1~r2");
    assertThat(input.articles()).extracting(Article::getPublished).containsExactly(
        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:10Z"),
        Instant.parse("2026-01-01T00:00:20Z"), Instant.parse("2026-01-01T00:00:30Z"),
        Instant.parse("2026-01-01T00:00:40Z"), Instant.parse("2026-01-01T00:00:50Z"),
        Instant.parse("2026-01-01T00:01:00Z"));
    assertThat(input.articles().get(2).getTitle()).isEqualTo("Seed title");
    assertThat(input.articles().get(2).getBody()).isEqualTo("Seed title\n\nSeed body.");
    assertThat(input.articles().get(3).getBody()).isEqualTo("One.");
  }

  @Test
  void shouldGiveEveryLineWithItsNewlineAcrossSmallReads() throws Exception {
    // Given three lines, readable at once (rate 0)
    List<byte[]> lines = List.of(bytes("{\"a\":1}"), bytes(""), bytes("{\"b\":22}"));
    // When read three bytes at a time
    InputStream in = new PacedLines(lines, 0);
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    byte[] buffer = new byte[3];
    for (int n; (n = in.read(buffer, 0, buffer.length)) != -1; ) {
      read.write(buffer, 0, n);
    }
    // Then
    assertThat(read.toString(StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}\n\n{\"b\":22}\n");
  }

  @Test
  void shouldHandOutOnlyTheLinesThatAreDue() throws Exception {
    // Given lines due one hour apart
    InputStream in = new PacedLines(List.of(bytes("first"), bytes("second")), 1.0 / 3600);
    // When the first read returns
    byte[] buffer = new byte[64];
    int n = in.read(buffer, 0, buffer.length);
    // Then it holds the first line only: the second is not due yet
    assertThat(new String(buffer, 0, n, StandardCharsets.UTF_8)).isEqualTo("first\n");
  }

  @Test
  void shouldTakeNearestRankPercentilesInMilliseconds() {
    long[] sorted = new long[100];
    for (int i = 0; i < sorted.length; i++) {
      sorted[i] = (i + 1) * 1_000_000L;
    }
    assertThat(BenchCommand.percentileMs(sorted, 0.50)).isEqualTo(50);
    assertThat(BenchCommand.percentileMs(sorted, 0.99)).isEqualTo(99);
    assertThat(BenchCommand.percentileMs(new long[] {7_000_000L}, 0.99)).isEqualTo(7);
    assertThat(BenchCommand.percentileMs(new long[0], 0.5)).isZero();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
