package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterScoresTest {

  private static final Map<String, String> GOLD =
      Map.of("a", "X", "b", "X", "c", "X", "d", "Y", "e", "Y");

  @Test
  void shouldScoreASplitAndAMergeAsComputedByHand() {
    // Given gold {a,b,c} {d,e} and prediction {a,b} {c,d,e}
    Map<String, String> predicted = Map.of("a", "1", "b", "1", "c", "2", "d", "2", "e", "2");

    // When
    ClusterScores scores = ClusterScores.of(predicted, GOLD);

    // Then BCubed P = (1 + 1 + 1/3 + 2/3 + 2/3) / 5, R = (2/3 + 2/3 + 1/3 + 1 + 1) / 5
    assertThat(scores.bcubed().precision()).isCloseTo(11.0 / 15, within(1e-12));
    assertThat(scores.bcubed().recall()).isCloseTo(11.0 / 15, within(1e-12));
    assertThat(scores.bcubed().f1()).isCloseTo(11.0 / 15, within(1e-12));
    // 2 of the 4 predicted pairs are gold pairs, 2 of the 4 gold pairs are found
    assertThat(scores.pairwise().precision()).isCloseTo(0.5, within(1e-12));
    assertThat(scores.pairwise().recall()).isCloseTo(0.5, within(1e-12));
    // ARI = (2 - 4 * 4 / 10) / ((4 + 4) / 2 - 4 * 4 / 10)
    assertThat(scores.adjustedRandIndex()).isCloseTo(1.0 / 6, within(1e-12));
    assertThat(scores.clusters()).isEqualTo(2);
    assertThat(scores.goldClusters()).isEqualTo(2);
    assertThat(scores.items()).isEqualTo(5);
  }

  @Test
  void shouldGiveOneForAPerfectClusteringWhateverTheLabels() {
    // Given
    Map<String, String> predicted = Map.of("a", "s1", "b", "s1", "c", "s1", "d", "s2", "e", "s2");

    // When
    ClusterScores scores = ClusterScores.of(predicted, GOLD);

    // Then
    assertThat(scores.bcubed()).isEqualTo(new ClusterScores.PrecisionRecall(1.0, 1.0));
    assertThat(scores.pairwise()).isEqualTo(new ClusterScores.PrecisionRecall(1.0, 1.0));
    assertThat(scores.adjustedRandIndex()).isEqualTo(1.0);
  }

  @Test
  void shouldScoreAllSingletonsWithFullPrecisionAndNoPairs() {
    // Given
    Map<String, String> predicted = Map.of("a", "1", "b", "2", "c", "3", "d", "4", "e", "5");

    // When
    ClusterScores scores = ClusterScores.of(predicted, GOLD);

    // Then BCubed R = (1/3 * 3 + 1/2 * 2) / 5
    assertThat(scores.bcubed().precision()).isEqualTo(1.0);
    assertThat(scores.bcubed().recall()).isCloseTo(2.0 / 5, within(1e-12));
    assertThat(scores.pairwise().recall()).isEqualTo(0.0);
    assertThat(scores.pairwise().f1()).isEqualTo(0.0);
    assertThat(scores.adjustedRandIndex()).isCloseTo(0.0, within(1e-12));
  }

  @Test
  void shouldRefuseClusteringsOfDifferentItems() {
    assertThatThrownBy(() -> ClusterScores.of(Map.of("a", "1"), GOLD))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("predicted and gold clusterings cover different items: 1 vs 5");
  }
}
