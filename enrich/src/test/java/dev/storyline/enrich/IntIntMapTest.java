package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IntIntMapTest {

  @Test
  void shouldGetPutReplaceAndRemoveLikeAHashMap() {
    // Given a map and a HashMap taking the same random puts and removes over few keys (so that
    // probe chains collide, wrap and shift back)
    IntIntMap map = new IntIntMap();
    Map<Integer, Integer> expected = new HashMap<>();
    Random random = new Random(7);

    for (int step = 0; step < 200_000; step++) {
      // When
      int key = random.nextInt(step < 100_000 ? 300 : 5_000);
      if (random.nextInt(3) == 0) {
        map.remove(key);
        expected.remove(key);
      } else {
        int value = random.nextInt(1_000);
        map.put(key, value);
        expected.put(key, value);
      }

      // Then
      int probe = random.nextInt(5_000);
      assertThat(map.get(probe)).isEqualTo(expected.getOrDefault(probe, IntIntMap.MISSING));
      assertThat(map.size()).isEqualTo(expected.size());
    }
    for (int key = 0; key < 5_000; key++) {
      assertThat(map.get(key)).isEqualTo(expected.getOrDefault(key, IntIntMap.MISSING));
    }
  }

  @Test
  void shouldRefuseANegativeKey() {
    assertThatThrownBy(() -> new IntIntMap().put(-1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("negative key -1");
  }
}
