package dev.storyline.cli.broker;

/**
 * The embedded Kafka broker could not be started. The message is written for the person running
 * {@code storyline}: it says what went wrong and what to do about it, so callers can print it as
 * is.
 */
public final class BrokerStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BrokerStartException(String message) {
    super(message);
  }

  public BrokerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
