package dev.storyline.enrich;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * How many articles CoreNLP may tag at once in one recognizer ({@link NlpSettings#threads}): a
 * caller that finds every slot taken waits its turn (first come, first served), then tags.
 *
 * <p>Why a limit below the number of stream threads helps: a stream thread that is not tagging
 * is decoding, clustering, producing, committing or waiting on the broker. With one stream thread
 * more than there are slots, that work happens while the other threads tag, instead of taking
 * turns with the tagging on the same thread, and the tagging keeps a core of its own.
 */
final class TaggingSlots {

  private final Semaphore slots;

  TaggingSlots(int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots: " + slots + " must be at least 1");
    }
    this.slots = new Semaphore(slots, true);
  }

  /**
   * Runs {@code tagging} in a slot, waiting for one first. The wait is not interruptible: it lasts
   * at most as long as another article's tagging, which its own time budget bounds.
   */
  <T> T tag(Supplier<T> tagging) {
    slots.acquireUninterruptibly();
    try {
      return tagging.get();
    } finally {
      slots.release();
    }
  }
}
