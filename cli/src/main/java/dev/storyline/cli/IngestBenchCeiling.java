package dev.storyline.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ceiling of {@code storyline bench ingest}: Apache Kafka's own {@code ProducerPerformance}
 * tool, run in a child JVM (as {@code kafka-producer-perf-test.sh} runs it), sending as many
 * records of the same sizes with the same producer settings.
 */
final class IngestBenchCeiling {

  private static final Logger log = LoggerFactory.getLogger(IngestBenchCeiling.class);
  static final String TOOL = "org.apache.kafka.tools.ProducerPerformance";
  // "100000 records sent, 41841.0 records/sec (20.43 MB/sec), 712.33 ms avg latency, ..."
  private static final Pattern FINAL = Pattern.compile(
      "(\\d+) records sent, ([0-9.]+) records/sec \\(([0-9.]+) MB/sec\\)");
  private static final long TIMEOUT_MINUTES = 15;

  /** What the tool measured. */
  record Result(long records, double recordsPerSecond, double megabytesPerSecond) {}

  private IngestBenchCeiling() {}

  /**
   * Payloads of exactly the given sizes, made of the articles' own JSON text (so they compress like
   * articles do, not like random bytes): each line cut or padded with spaces to its size.
   */
  static List<String> payloads(List<String> texts, List<Integer> sizes) {
    List<String> payloads = new ArrayList<>(sizes.size());
    for (int i = 0; i < sizes.size(); i++) {
      String text = texts.get(i % texts.size()).replace('\n', ' ');
      int size = sizes.get(i);
      StringBuilder payload = new StringBuilder(size);
      // ASCII only, so one character is one byte and the size is exact.
      for (int c = 0; payload.length() < size; c = (c + 1) % Math.max(text.length(), 1)) {
        char ch = text.isEmpty() ? ' ' : text.charAt(c);
        payload.append(ch < 0x80 ? ch : ' ');
      }
      payloads.add(payload.toString());
    }
    return payloads;
  }

  /** The tool's closing line, parsed. */
  static Optional<Result> parse(String output) {
    Matcher m = FINAL.matcher(output);
    Result last = null;
    while (m.find()) {
      last = new Result(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3)));
    }
    return Optional.ofNullable(last);
  }

  /** Runs the tool against {@code topic} and returns its figures. */
  static Result run(String bootstrapServers, String topic, int records, Path payloadFile,
      Map<String, String> producerConfig) {
    Map<String, String> props = new TreeMap<>(producerConfig);
    props.put("bootstrap.servers", bootstrapServers);
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx1g", "-cp", System.getProperty("java.class.path"), TOOL,
        "--topic", topic, "--num-records", Integer.toString(records), "--throughput", "-1",
        "--payload-file", payloadFile.toString(), "--producer-props"));
    props.forEach((k, v) -> command.add(k + "=" + v));
    log.info("Ceiling: {}", String.join(" ", command.subList(4, command.size())));
    try {
      Path output = Files.createTempFile("storyline-producer-perf", ".log");
      try {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
          process.destroyForcibly();
          throw new UserError(TOOL + " did not finish within " + TIMEOUT_MINUTES + " minutes");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        return parse(text).filter(r -> process.exitValue() == 0).orElseThrow(() -> new UserError(
            TOOL + " failed (exit " + process.exitValue() + "): " + text.strip()));
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UserError("cannot run " + TOOL + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError("interrupted while running " + TOOL, e);
    }
  }
}
