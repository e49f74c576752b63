package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TaggingSlotsTest {

  @Test
  void shouldNeverRunMoreTaggingsAtOnceThanItHasSlots() throws Exception {
    // Given: 2 slots and 4 threads that all start at once, each tagging 5 times for 20 ms
    TaggingSlots slots = new TaggingSlots(2);
    AtomicInteger running = new AtomicInteger();
    AtomicInteger mostAtOnce = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService threads = Executors.newFixedThreadPool(4);
    List<Future<Integer>> done = new ArrayList<>();

    // When
    for (int t = 0; t < 4; t++) {
      done.add(threads.submit(() -> {
        start.await();
        int tagged = 0;
        for (int i = 0; i < 5; i++) {
          tagged += slots.tag(() -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            sleep(20);
            running.decrementAndGet();
            return 1;
          });
        }
        return tagged;
      }));
    }
    start.countDown();
    int tagged = 0;
    for (Future<Integer> result : done) {
      tagged += result.get(30, TimeUnit.SECONDS);
    }
    threads.shutdown();

    // Then: every tagging ran, two at a time at most (and the four threads did overlap)
    assertThat(tagged).isEqualTo(20);
    assertThat(mostAtOnce.get()).isEqualTo(2);
  }

  @Test
  void shouldFreeTheSlotWhenTaggingFails() {
    // Given
    TaggingSlots slots = new TaggingSlots(1);

    // When: a tagging throws
    assertThatThrownBy(() -> slots.tag(() -> {
      throw new IllegalStateException("bad article");
    })).hasMessage("bad article");

    // Then: the next one still gets the only slot
    assertThat(slots.tag(() -> "tagged")).isEqualTo("tagged");
  }

  @Test
  void shouldRefuseFewerThanOneSlot() {
    assertThatThrownBy(() -> new TaggingSlots(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("slots: 0 must be at least 1");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
