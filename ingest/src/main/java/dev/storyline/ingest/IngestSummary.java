package dev.storyline.ingest;

import java.util.List;

/**
 * What one ingest run did.
 *
 * @param published articles the broker acknowledged
 * @param refused inputs refused, each with its origin and reason (also sent to the rejected topic)
 * @param failed sends the broker did not acknowledge, each "origin: error"
 */
public record IngestSummary(int published, List<IngestOutcome.Refused> refused, List<String> failed) {

  public IngestSummary {
    refused = List.copyOf(refused);
    failed = List.copyOf(failed);
  }

  /** True when every input was published. */
  public boolean allPublished() {
    return refused.isEmpty() && failed.isEmpty();
  }

  /** One line: {@code 5 published, 0 refused, 0 failed}. */
  public String line() {
    return published + " published, " + refused.size() + " refused, " + failed.size() + " failed";
  }
}
