package dev.storyline.schemas;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * FULL_TRANSITIVE compatibility between a candidate schema and every earlier version: the
 * candidate can read data written by each earlier version (backward) and each earlier version
 * can read data written by the candidate (forward). This is what lets a replay decode old
 * records with new code, and lets consumers on an older release keep reading.
 */
public final class CompatibilityCheck {

  private CompatibilityCheck() {}

  /** Problems found, one readable line each; empty when the candidate is compatible. */
  public static List<String> fullTransitive(Schema candidate, List<Schema> earlierVersions) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < earlierVersions.size(); i++) {
      Schema earlier = earlierVersions.get(i);
      describe(problems, "cannot read data written by version " + (i + 1),
          SchemaCompatibility.checkReaderWriterCompatibility(candidate, earlier));
      describe(problems, "version " + (i + 1) + " cannot read data it writes",
          SchemaCompatibility.checkReaderWriterCompatibility(earlier, candidate));
    }
    return problems;
  }

  private static void describe(List<String> problems, String what, SchemaPairCompatibility result) {
    if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
      result.getResult().getIncompatibilities().forEach(
          inc -> problems.add(what + ": " + inc.getType() + " at " + inc.getLocation() + " ("
              + inc.getMessage() + ")"));
    }
  }
}
