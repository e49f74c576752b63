package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LongObjectMapTest {

  @Test
  void shouldGetPutAndRemoveLikeAHashMap() {
    // Given a map and a HashMap taking the same random puts and removals, over few keys
    // (so probe chains collide, wrap and shift back) and over keys far apart
    LongObjectMap<String> map = new LongObjectMap<>();
    Map<Long, String> expected = new HashMap<>();
    Random random = new Random(11);

    for (int step = 0; step < 200_000; step++) {
      // When
      long key = step < 100_000 ? random.nextInt(300) : random.nextLong() % 5_000 * 0x1_0000_0001L;
      if (random.nextInt(3) == 0) {
        map.remove(key);
        expected.remove(key);
      } else {
        map.put(key, "v" + step);
        expected.put(key, "v" + step);
      }

      // Then
      assertThat(map.get(key)).isEqualTo(expected.get(key));
      assertThat(map.size()).isEqualTo(expected.size());
    }
    expected.forEach((key, value) -> assertThat(map.get(key)).isEqualTo(value));
    assertThat(map.get(-123_456_789L)).isNull();
  }

  @Test
  void shouldRefuseANullValue() {
    assertThatThrownBy(() -> new LongObjectMap<String>().put(7L, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("null value for key 7");
  }
}
