package dev.storyline.cli.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReliabilityCheckerTest {

  private static final Instant FAULT = Instant.parse("2025-04-14T09:00:00Z");
  private static final List<List<String>> FAULT_FREE = List.of(List.of("a", "b"), List.of("c"), List.of("d", "e"));

  private static Map<String, Boolean> inputs() {
    Map<String, Boolean> acknowledged = new LinkedHashMap<>();
    for (String id : List.of("a", "b", "c", "d", "e")) {
      acknowledged.put(id, true);
    }
    acknowledged.put("poison", false);
    return acknowledged;
  }

  @Test
  void shouldPassARunThatMatchesTheFaultFreeRun() {
    // Given every valid input stored as in the fault-free run, the invalid one rejected
    var run = new ReliabilityChecker.Outcome(inputs(), List.of("poison"),
        List.of(List.of("d", "e"), List.of("b", "a"), List.of("c")));
    // When
    var figures = ReliabilityChecker.check("clean", run, FAULT_FREE, FAULT, FAULT.plusMillis(1500));
    // Then
    assertThat(figures.passes()).isTrue();
    assertThat(figures.adjustedRandIndex()).isEqualTo(1.0);
    assertThat(figures.recovery()).isEqualTo(Duration.ofMillis(1500));
    assertThat(figures.row()).isEqualTo("| clean | 5 valid + 1 invalid | 0 | 0 | 0 | 0 | 1.000 | 1500 ms |");
  }

  @Test
  void shouldCountAValidInputFoundNowhereAsLost() {
    var run = new ReliabilityChecker.Outcome(inputs(), List.of("poison"),
        List.of(List.of("a", "b"), List.of("d", "e")));
    var figures = ReliabilityChecker.check("lost", run, FAULT_FREE, null, null);
    assertThat(figures.lost()).containsExactly("c");
    assertThat(figures.passes()).isFalse();
    assertThat(figures.recovery()).isNull();
  }

  @Test
  void shouldCountAnArticleInTwoStoriesAsDuplicated() {
    var run = new ReliabilityChecker.Outcome(inputs(), List.of("poison"),
        List.of(List.of("a", "b"), List.of("c", "a"), List.of("d", "e")));
    var figures = ReliabilityChecker.check("duplicate", run, FAULT_FREE, null, null);
    assertThat(figures.duplicatedMembers()).containsExactly("a");
    assertThat(figures.lost()).isEmpty();
    assertThat(figures.passes()).isFalse();
  }

  @Test
  void shouldCountARejectedValidInputAndAStoredInvalidInputAsMisrouted() {
    var run = new ReliabilityChecker.Outcome(inputs(), List.of("c"),
        List.of(List.of("a", "b"), List.of("d", "e", "poison")));
    var figures = ReliabilityChecker.check("misrouted", run, FAULT_FREE, null, null);
    assertThat(figures.misrouted()).containsExactly("c", "poison");
    assertThat(figures.lost()).isEmpty();
    assertThat(figures.passes()).isFalse();
  }

  @Test
  void shouldCountAnInvalidInputFoundNowhereAsUnaccounted() {
    var run = new ReliabilityChecker.Outcome(inputs(), List.of(),
        List.of(List.of("a", "b"), List.of("c"), List.of("d", "e")));
    var figures = ReliabilityChecker.check("dropped", run, FAULT_FREE, null, null);
    assertThat(figures.unaccountedInvalid()).containsExactly("poison");
    assertThat(figures.passes()).isFalse();
  }

  @Test
  void shouldGiveAnIndexBelowOneWhenAStoryIsSplit() {
    var run = new ReliabilityChecker.Outcome(inputs(), List.of("poison"),
        List.of(List.of("a"), List.of("b"), List.of("c"), List.of("d", "e")));
    var figures = ReliabilityChecker.check("split", run, FAULT_FREE, null, null);
    assertThat(figures.lost()).isEmpty();
    assertThat(figures.duplicatedMembers()).isEmpty();
    // 5 items, 10 pairs: index 1, row pairs 1, column pairs 2, expected 0.2, max 1.5
    assertThat(figures.adjustedRandIndex()).isCloseTo((1 - 0.2) / (1.5 - 0.2), within(1e-12));
    assertThat(figures.passes()).isFalse();
  }

  @Test
  void shouldScoreDegeneratePartitions() {
    List<List<String>> singletons = List.of(List.of("a"), List.of("b"), List.of("c"));
    List<List<String>> one = List.of(List.of("a", "b", "c"));
    assertThat(ReliabilityChecker.adjustedRandIndex(singletons, singletons)).isEqualTo(1.0);
    assertThat(ReliabilityChecker.adjustedRandIndex(one, one)).isEqualTo(1.0);
    assertThat(ReliabilityChecker.adjustedRandIndex(singletons, one)).isEqualTo(0.0);
    assertThat(ReliabilityChecker.adjustedRandIndex(List.of(), List.of())).isEqualTo(1.0);
  }

  @Test
  void shouldMatchAPublishedExample() {
    // scikit-learn's documented example: adjusted_rand_score([0, 0, 1, 2], [0, 0, 1, 1]) == 0.5714...
    List<List<String>> truth = List.of(List.of("w", "x"), List.of("y"), List.of("z"));
    List<List<String>> predicted = List.of(List.of("w", "x"), List.of("y", "z"));
    assertThat(ReliabilityChecker.adjustedRandIndex(predicted, truth)).isCloseTo(4.0 / 7.0, within(1e-12));
  }
}
