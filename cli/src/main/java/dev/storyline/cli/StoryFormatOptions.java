package dev.storyline.cli;

import java.util.Locale;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * How {@code storyline stories} and {@code storyline story} print: text for people, or JSON in
 * the shapes documented in docs/STORIES-JSON.md.
 */
final class StoryFormatOptions {

  /** The output formats. */
  enum Format {
    /** Aligned text for people. */
    TEXT,
    /** One pretty-printed JSON document. */
    JSON,
    /** One compact JSON object per line (newline-delimited JSON), for export. */
    NDJSON
  }

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "text (default), json (one pretty-printed document) or ndjson (one JSON object per "
          + "line, for export); shapes in docs/STORIES-JSON.md.")
  Format format;

  @Option(names = "--json", description = "Same as --format json.")
  boolean json;

  /**
   * The format asked for.
   *
   * @throws CommandLine.ParameterException (a usage error) when --json and another --format are both given
   */
  Format format(CommandSpec spec) {
    if (json && format != null && format != Format.JSON) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--json and --format " + format.name().toLowerCase(Locale.ROOT) + " contradict each other: give one");
    }
    if (json) {
      return Format.JSON;
    }
    return format == null ? Format.TEXT : format;
  }
}
