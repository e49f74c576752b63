package dev.storyline.enrich;

import dev.storyline.avro.RejectedArticle;

/**
 * What a processing step made of one record inside a topology: a value to pass on, or the
 * {@link RejectedArticle} to send to the rejected topic instead. Lets one processor route a record
 * either way and the next {@code split} branch on it, without exceptions crossing processors.
 * Never serialised: it only travels between processors of one sub-topology.
 */
sealed interface Outcome<T> permits Outcome.Ok, Outcome.Rejected {

  static <T> Outcome<T> ok(T value, byte[] originalBytes) {
    return new Ok<>(value, originalBytes);
  }

  static <T> Outcome<T> rejected(RejectedArticle rejection) {
    return new Rejected<>(rejection);
  }

  boolean isRejected();

  /** The value of an {@link Ok}; a programming error on a {@link Rejected}. */
  T value();

  /** The rejection of a {@link Rejected}; a programming error on an {@link Ok}. */
  RejectedArticle rejection();

  /**
   * A value to pass on.
   *
   * @param originalBytes the record value as read from the input topic, kept so a later step can
   *     still reject the record with its original bytes; null when there is none
   */
  record Ok<T>(T value, byte[] originalBytes) implements Outcome<T> {
    @Override
    public boolean isRejected() {
      return false;
    }

    @Override
    public RejectedArticle rejection() {
      throw new IllegalStateException("not a rejection: " + value);
    }
  }

  /** A record refused by a step. */
  record Rejected<T>(RejectedArticle rejection) implements Outcome<T> {
    @Override
    public boolean isRejected() {
      return true;
    }

    @Override
    public T value() {
      throw new IllegalStateException("rejected: " + rejection.getReason());
    }
  }
}
