package dev.storyline.sink;

/** The stories database could not be opened, migrated, written or read; the message says which. */
public class StoryDatabaseException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StoryDatabaseException(String message, Throwable cause) {
    super(message, cause);
  }
}
