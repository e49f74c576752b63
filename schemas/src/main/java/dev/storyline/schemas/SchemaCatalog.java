package dev.storyline.schemas;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.PipelineGeneration;
import dev.storyline.avro.RejectedArticle;
import dev.storyline.avro.StoryCluster;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every schema version Storyline has ever written: the released versions kept under
 * {@code dev/storyline/schemas/released/} plus the current generated classes' schemas.
 *
 * <p>It is the {@link SchemaStore} the decoders use to resolve a single-object-encoded record's
 * fingerprint to the writer schema, so records written by any released version still decode after
 * an upgrade, and the list the compatibility check walks.
 */
public final class SchemaCatalog implements SchemaStore {

  /** Classpath folder holding {@code index.txt} and the released {@code .avsc} files. */
  public static final String RELEASED_FOLDER = "dev/storyline/schemas/released/";

  /** The record types written to Storyline topics, by simple name. */
  public static final Map<String, Schema> CURRENT =
      Collections.unmodifiableMap(
          new LinkedHashMap<>(
              Map.of(
                  "Article", Article.getClassSchema(),
                  "EnrichedArticle", EnrichedArticle.getClassSchema(),
                  "StoryCluster", StoryCluster.getClassSchema(),
                  "RejectedArticle", RejectedArticle.getClassSchema(),
                  "PipelineGeneration", PipelineGeneration.getClassSchema())));

  private static final SchemaCatalog DEFAULT = load();

  private final Map<String, List<ReleasedSchema>> released;
  private final Map<Long, Schema> byFingerprint;

  /** A released schema version of one record type. */
  public record ReleasedSchema(String recordName, int version, Schema schema) {
    public long fingerprint() {
      return SchemaNormalization.parsingFingerprint64(schema);
    }
  }

  private SchemaCatalog(Map<String, List<ReleasedSchema>> released) {
    this.released = released;
    Map<Long, Schema> index = new HashMap<>();
    released.values().forEach(list -> list.forEach(r -> index.put(r.fingerprint(), r.schema())));
    CURRENT.values().forEach(s -> index.put(SchemaNormalization.parsingFingerprint64(s), s));
    this.byFingerprint = Map.copyOf(index);
  }

  /** The catalog of this build: released versions from the classpath plus the current schemas. */
  public static SchemaCatalog get() {
    return DEFAULT;
  }

  @Override
  public Schema findByFingerprint(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }

  /** Released versions of one record type, oldest first; empty when none was released yet. */
  public List<ReleasedSchema> released(String recordName) {
    return released.getOrDefault(recordName, List.of());
  }

  /** All released versions of all record types. */
  public List<ReleasedSchema> allReleased() {
    List<ReleasedSchema> all = new ArrayList<>();
    released.values().forEach(all::addAll);
    return List.copyOf(all);
  }

  private static SchemaCatalog load() {
    Map<String, List<ReleasedSchema>> released = new LinkedHashMap<>();
    for (String line : readResource(RELEASED_FOLDER + "index.txt").split("\n")) {
      String entry = line.strip();
      if (entry.isEmpty() || entry.startsWith("#")) {
        continue;
      }
      // Entries look like "Article/v1.avsc".
      String[] parts = entry.split("/");
      if (parts.length != 2 || !parts[1].matches("v\\d+\\.avsc")) {
        throw new IllegalStateException(
            RELEASED_FOLDER + "index.txt: malformed entry '" + entry + "', expected NAME/vN.avsc");
      }
      int version = Integer.parseInt(parts[1].substring(1, parts[1].length() - ".avsc".length()));
      Schema schema = new Schema.Parser().parse(readResource(RELEASED_FOLDER + entry));
      released
          .computeIfAbsent(parts[0], k -> new ArrayList<>())
          .add(new ReleasedSchema(parts[0], version, schema));
    }
    released.values().forEach(list -> list.sort((a, b) -> Integer.compare(a.version(), b.version())));
    Map<String, List<ReleasedSchema>> frozen = new LinkedHashMap<>();
    released.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
    return new SchemaCatalog(Collections.unmodifiableMap(frozen));
  }

  private static String readResource(String name) {
    try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read classpath resource " + name, e);
    }
  }
}
