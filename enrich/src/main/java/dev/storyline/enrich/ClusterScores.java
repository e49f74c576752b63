package dev.storyline.enrich;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Scores a clustering against gold labels: BCubed precision, recall and F1 (Bagga and Baldwin,
 * 1998; the standard for story clustering), pairwise precision, recall and F1 over all pairs of
 * items, and the adjusted Rand index (Hubert and Arabie, 1985).
 *
 * <p>Both maps go from item id to a cluster label; they must hold the same items.
 *
 * @param bcubed BCubed precision, recall and F1
 * @param pairwise pairwise precision, recall and F1
 * @param adjustedRandIndex adjusted Rand index, 1 for identical clusterings, about 0 for random
 * @param clusters number of distinct predicted clusters
 * @param goldClusters number of distinct gold clusters
 * @param items number of items scored
 */
public record ClusterScores(
    PrecisionRecall bcubed,
    PrecisionRecall pairwise,
    double adjustedRandIndex,
    int clusters,
    int goldClusters,
    int items) {

  /** Precision, recall and their harmonic mean. */
  public record PrecisionRecall(double precision, double recall) {
    public double f1() {
      return precision + recall == 0.0 ? 0.0 : 2 * precision * recall / (precision + recall);
    }
  }

  /** Scores {@code predicted} against {@code gold}. */
  public static ClusterScores of(Map<String, String> predicted, Map<String, String> gold) {
    if (!predicted.keySet().equals(gold.keySet())) {
      throw new IllegalArgumentException(
          "predicted and gold clusterings cover different items: " + predicted.size() + " vs "
              + gold.size());
    }
    int n = gold.size();
    Map<String, Integer> predictedSizes = new HashMap<>();
    Map<String, Integer> goldSizes = new HashMap<>();
    Map<List<String>, Integer> overlaps = new HashMap<>();
    gold.forEach(
        (item, label) -> {
          String cluster = predicted.get(item);
          predictedSizes.merge(cluster, 1, Integer::sum);
          goldSizes.merge(label, 1, Integer::sum);
          overlaps.merge(List.of(cluster, label), 1, Integer::sum);
        });

    // BCubed: per item, the share of its predicted cluster that shares its gold label (precision)
    // and the share of its gold cluster that shares its predicted cluster (recall); averaged.
    double precision = 0.0;
    double recall = 0.0;
    for (Map.Entry<List<String>, Integer> cell : overlaps.entrySet()) {
      double count = cell.getValue();
      precision += count * count / predictedSizes.get(cell.getKey().get(0));
      recall += count * count / goldSizes.get(cell.getKey().get(1));
    }
    PrecisionRecall bcubed =
        n == 0 ? new PrecisionRecall(1.0, 1.0) : new PrecisionRecall(precision / n, recall / n);

    double together = sumOfPairs(overlaps.values());
    double predictedPairs = sumOfPairs(predictedSizes.values());
    double goldPairs = sumOfPairs(goldSizes.values());
    PrecisionRecall pairwise =
        new PrecisionRecall(
            predictedPairs == 0 ? 1.0 : together / predictedPairs,
            goldPairs == 0 ? 1.0 : together / goldPairs);

    double allPairs = n * (n - 1) / 2.0;
    double expected = allPairs == 0 ? 0.0 : predictedPairs * goldPairs / allPairs;
    double maximum = (predictedPairs + goldPairs) / 2.0;
    double ari = maximum == expected ? 1.0 : (together - expected) / (maximum - expected);

    return new ClusterScores(
        bcubed, pairwise, ari, predictedSizes.size(), goldSizes.size(), n);
  }

  private static double sumOfPairs(Iterable<Integer> sizes) {
    double sum = 0.0;
    for (int size : sizes) {
      sum += size * (size - 1) / 2.0;
    }
    return sum;
  }

  @Override
  public String toString() {
    return String.format(
        java.util.Locale.ROOT,
        "BCubed P=%.4f R=%.4f F1=%.4f | pairwise P=%.4f R=%.4f F1=%.4f | ARI=%.4f | %d stories"
            + " (gold %d), %d articles",
        bcubed.precision(), bcubed.recall(), bcubed.f1(),
        pairwise.precision(), pairwise.recall(), pairwise.f1(),
        adjustedRandIndex, clusters, goldClusters, Objects.requireNonNull(items));
  }
}
