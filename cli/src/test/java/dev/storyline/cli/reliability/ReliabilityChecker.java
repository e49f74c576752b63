package dev.storyline.cli.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The reliability suite's checker, after Jepsen's queue checker: every input carries a unique id,
 * and after a run the acknowledged inputs are compared with what came out (the story database and
 * the rejected topic).
 *
 * <ul>
 *   <li><b>lost</b>: acknowledged valid inputs found neither in the database nor in the rejected topic;
 *   <li><b>duplicated members</b>: article ids that are a member of stories more than once in all;
 *   <li><b>misrouted</b>: valid inputs rejected, or invalid inputs stored as story members;
 *   <li><b>unaccounted invalid</b>: invalid inputs found in neither place (they must be rejected,
 *       never silently dropped);
 *   <li><b>ARI</b>: adjusted Rand index of the story assignment against a fault-free run of the same
 *       input, over the articles both runs stored;
 *   <li><b>recovery</b>: from the end of the last fault to the moment every input was accounted for.
 * </ul>
 */
public final class ReliabilityChecker {

  private ReliabilityChecker() {}

  /** What one run produced, as the checker reads it. */
  public record Outcome(
      Map<String, Boolean> acknowledged,
      Collection<String> rejectedIds,
      List<List<String>> storyMembers) {}

  /** The figures of one scenario. */
  public record Figures(
      String scenario,
      int validInputs,
      int invalidInputs,
      Set<String> lost,
      Set<String> duplicatedMembers,
      Set<String> misrouted,
      Set<String> unaccountedInvalid,
      double adjustedRandIndex,
      Duration recovery) {

    /** One Markdown table row: scenario, inputs, lost, duplicated, misrouted, unaccounted, ARI, recovery. */
    public String row() {
      return String.format(java.util.Locale.ROOT, "| %s | %d valid + %d invalid | %d | %d | %d | %d | %.3f | %s |",
          scenario, validInputs, invalidInputs, lost.size(), duplicatedMembers.size(), misrouted.size(),
          unaccountedInvalid.size(), adjustedRandIndex, recovery == null ? "n/a" : recovery.toMillis() + " ms");
    }

    /** Every figure the suite requires is at its required value. */
    public boolean passes() {
      return lost.isEmpty() && duplicatedMembers.isEmpty() && misrouted.isEmpty() && unaccountedInvalid.isEmpty()
          && adjustedRandIndex == 1.0;
    }

    @Override
    public String toString() {
      return row() + (passes() ? "" : "\n  lost=" + lost + "\n  duplicated=" + duplicatedMembers
          + "\n  misrouted=" + misrouted + "\n  unaccounted invalid=" + unaccountedInvalid);
    }
  }

  /**
   * @param scenario the row's name
   * @param run what the run under test produced
   * @param faultFreeStories the members of every story of a fault-free run of the same input
   * @param lastFaultEnded when the last fault ended (null when the scenario injects no process fault)
   * @param accountedFor when every input was first accounted for (null if never)
   */
  public static Figures check(String scenario, Outcome run, List<List<String>> faultFreeStories,
      Instant lastFaultEnded, Instant accountedFor) {
    Map<String, Integer> memberCount = new HashMap<>();
    for (List<String> story : run.storyMembers()) {
      for (String id : story) {
        memberCount.merge(id, 1, Integer::sum);
      }
    }
    Set<String> rejected = new HashSet<>(run.rejectedIds());
    Set<String> lost = new TreeSet<>();
    Set<String> misrouted = new TreeSet<>();
    Set<String> unaccounted = new TreeSet<>();
    int valid = 0;
    for (Map.Entry<String, Boolean> input : run.acknowledged().entrySet()) {
      String id = input.getKey();
      boolean stored = memberCount.containsKey(id);
      boolean wasRejected = rejected.contains(id);
      if (input.getValue()) {
        valid++;
        if (wasRejected) {
          misrouted.add(id);
        } else if (!stored) {
          lost.add(id);
        }
      } else if (stored) {
        misrouted.add(id);
      } else if (!wasRejected) {
        unaccounted.add(id);
      }
    }
    Set<String> duplicated = new TreeSet<>();
    memberCount.forEach((id, count) -> {
      if (count > 1) {
        duplicated.add(id);
      }
    });
    Duration recovery = lastFaultEnded == null || accountedFor == null ? null
        : Duration.between(lastFaultEnded, accountedFor);
    return new Figures(scenario, valid, run.acknowledged().size() - valid, lost, duplicated, misrouted, unaccounted,
        adjustedRandIndex(run.storyMembers(), faultFreeStories), recovery);
  }

  /**
   * Hubert and Arabie's adjusted Rand index of two partitions given as lists of clusters, over the
   * items both contain. Identical partitions give 1.0, also in the degenerate cases (all items in
   * one cluster, or each in its own) where the formula divides zero by zero.
   */
  public static double adjustedRandIndex(List<List<String>> a, List<List<String>> b) {
    Map<String, Integer> clusterA = clusterOf(a);
    Map<String, Integer> clusterB = clusterOf(b);
    Set<String> common = new TreeSet<>(clusterA.keySet());
    common.retainAll(clusterB.keySet());
    Map<List<Integer>, Long> cells = new HashMap<>();
    Map<Integer, Long> rows = new TreeMap<>();
    Map<Integer, Long> columns = new TreeMap<>();
    for (String id : common) {
      int x = clusterA.get(id);
      int y = clusterB.get(id);
      cells.merge(List.of(x, y), 1L, Long::sum);
      rows.merge(x, 1L, Long::sum);
      columns.merge(y, 1L, Long::sum);
    }
    double index = cells.values().stream().mapToDouble(ReliabilityChecker::pairs).sum();
    double rowPairs = rows.values().stream().mapToDouble(ReliabilityChecker::pairs).sum();
    double columnPairs = columns.values().stream().mapToDouble(ReliabilityChecker::pairs).sum();
    double total = pairs(common.size());
    double expected = total == 0 ? 0 : rowPairs * columnPairs / total;
    double max = (rowPairs + columnPairs) / 2;
    if (max == expected) {
      // Both partitions are all-singletons or all-one-cluster: equal iff the cells match the rows.
      return cells.size() == rows.size() && cells.size() == columns.size() ? 1.0 : 0.0;
    }
    return (index - expected) / (max - expected);
  }

  private static double pairs(long n) {
    return n * (n - 1) / 2.0;
  }

  private static Map<String, Integer> clusterOf(List<List<String>> clusters) {
    Map<String, Integer> cluster = new HashMap<>();
    for (int i = 0; i < clusters.size(); i++) {
      for (String id : clusters.get(i)) {
        cluster.putIfAbsent(id, i);
      }
    }
    return cluster;
  }
}
