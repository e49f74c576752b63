package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain parts of storyline bench ingest: its input and its reading of ProducerPerformance. */
class IngestBenchTest {

  @TempDir Path dir;

  @Test
  void shouldRepeatArticlesWithFreshIdsUntilThereAreEnough() throws Exception {
    // Given two files with three articles in all
    Path a = Files.writeString(dir.resolve("a.jsonl"), "{\"id\":\"a1\",\"title\":\"T\"}\n\n{\"id\":\"a2\",\"title\":\"U\"}\n");
    Path b = Files.writeString(dir.resolve("b.jsonl"), "{\"id\":\"b1\",\"title\":\"V\",\"story\":\"s\"}");
    // When seven are asked for
    IngestBenchInput input = IngestBenchInput.repeat(List.of(a, b), 7);
    // Then
    assertThat(input.articles()).isEqualTo(7);
    assertThat(input.sourceArticles()).isEqualTo(3);
    assertThat(new String(input.jsonl(), StandardCharsets.UTF_8)).isEqualTo("""
        {"id":"a1","title":"T"}
        {"id":"a2","title":"U"}
        {"id":"b1","title":"V","story":"s"}
        {"id":"a1~r1","title":"T"}
        {"id":"a2~r1","title":"U"}
        {"id":"b1~r1","title":"V","story":"s"}
        {"id":"a1~r2","title":"T"}
        """);
  }

  @Test
  void shouldMakeAsciiPayloadsOfExactlyTheRecordSizesFromTheArticleText() {
    List<String> payloads = IngestBenchCeiling.payloads(List.of("{\"t\":\"é abc\"}", "xy"), List.of(5, 20, 3));
    assertThat(payloads).containsExactly("{\"t\":", "xyxyxyxyxyxyxyxyxyxy", "{\"t");
  }

  @Test
  void shouldReadTheClosingLineOfProducerPerformance() {
    String output = """
        49381 records sent, 9876.2 records/sec (4.82 MB/sec), 1500.1 ms avg latency, 2500.0 ms max latency.
        100000 records sent, 41841.004184 records/sec (20.43 MB/sec), 712.33 ms avg latency, 2501.00 ms max latency, 650 ms 50th, 1400 ms 95th, 2000 ms 99th, 2400 ms 99.9th.
        """;
    assertThat(IngestBenchCeiling.parse(output)).contains(new IngestBenchCeiling.Result(100000, 41841.004184, 20.43));
    assertThat(IngestBenchCeiling.parse("Exception in thread main")).isEmpty();
  }
}
