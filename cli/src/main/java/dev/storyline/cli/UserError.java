package dev.storyline.cli;

/**
 * A problem the user can fix (a wrong option, a missing file, a port in use): printed as one
 * line, without a stack trace, and the command exits with status 1.
 */
public final class UserError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public UserError(String message) {
    super(message);
  }

  public UserError(String message, Throwable cause) {
    super(message, cause);
  }
}
