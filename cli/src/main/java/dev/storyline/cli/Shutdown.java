package dev.storyline.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT, SIGTERM) into an orderly stop: {@link #await()} returns when the signal
 * arrives, the command's try-with-resources closes its services, and closing this object lets
 * the JVM finish exiting. Open it first, so it is closed last.
 */
final class Shutdown implements AutoCloseable {

  /** How long a signal waits for the services to close before the JVM exits anyway. */
  private static final long CLOSE_LIMIT_SECONDS = 60;

  private final CountDownLatch signalled = new CountDownLatch(1);
  private final java.util.concurrent.atomic.AtomicReference<String> failure =
      new java.util.concurrent.atomic.AtomicReference<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final Thread hook;

  private Shutdown() {
    hook = new Thread(() -> {
      signalled.countDown();
      try {
        closed.await(CLOSE_LIMIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "storyline-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  static Shutdown onSignal() {
    return new Shutdown();
  }

  /**
   * Blocks until Ctrl-C, SIGTERM or {@link #fail}.
   *
   * @return the failure that ended the wait, or empty after a signal
   */
  java.util.Optional<String> await() throws InterruptedException {
    signalled.await();
    return java.util.Optional.ofNullable(failure.get());
  }

  /** True once Ctrl-C, SIGTERM or {@link #fail} has happened; for loops that poll. */
  boolean signalled() {
    return signalled.getCount() == 0;
  }

  /** Ends {@link #await()} because a service stopped on its own. */
  void fail(String reason) {
    failure.compareAndSet(null, reason);
    signalled.countDown();
  }

  @Override
  public void close() {
    closed.countDown();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // The JVM is already exiting: the hook is running and has just been released.
    }
  }
}
