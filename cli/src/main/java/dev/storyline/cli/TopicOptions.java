package dev.storyline.cli;

import picocli.CommandLine.Option;

/** How Storyline creates its topics when they do not exist yet. */
public final class TopicOptions {

  /**
   * Partitions of the topics Storyline creates unless told otherwise: six split evenly between
   * one, two, three or six stream threads or instances, and the enrich app runs a stream thread
   * per core (on two cores, three partitions left one thread a third idle; docs/BENCHMARKS.md).
   */
  static final String DEFAULT_PARTITIONS = "6";

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "${env:STORYLINE_PARTITIONS:-" + DEFAULT_PARTITIONS + "}",
      description = "Partitions of each topic Storyline creates (env STORYLINE_PARTITIONS; default: ${DEFAULT-VALUE}). "
          + "Existing topics are not changed.")
  int partitions;

  @Option(
      names = "--replication-factor",
      paramLabel = "N",
      defaultValue = "-1",
      description = "Replicas of each topic Storyline creates; -1 takes the cluster's default.replication.factor "
          + "(default: ${DEFAULT-VALUE}).")
  short replicationFactor;

  public int partitions() {
    if (partitions < 1) {
      throw new UserError("--partitions must be at least 1, was " + partitions);
    }
    return partitions;
  }

  public short replicationFactor() {
    return replicationFactor;
  }
}
