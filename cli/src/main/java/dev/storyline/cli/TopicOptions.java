package dev.storyline.cli;

import picocli.CommandLine.Option;

/** How Storyline creates its topics when they do not exist yet. */
public final class TopicOptions {

  @Option(
      names = "--partitions",
      paramLabel = "N",
      defaultValue = "${env:STORYLINE_PARTITIONS:-3}",
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
