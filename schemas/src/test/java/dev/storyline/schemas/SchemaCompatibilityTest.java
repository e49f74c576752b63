package dev.storyline.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.schemas.SchemaCatalog.ReleasedSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class SchemaCompatibilityTest {

  private static final Path RELEASED_DIR =
      Path.of("src/main/resources", SchemaCatalog.RELEASED_FOLDER);

  @Test
  void shouldKeepEveryCurrentSchemaFullTransitiveCompatibleWithEveryReleasedVersion() {
    for (var current : SchemaCatalog.CURRENT.entrySet()) {
      // Given
      List<Schema> released = SchemaCatalog.get().released(current.getKey()).stream()
          .map(ReleasedSchema::schema).toList();
      // When
      List<String> problems = CompatibilityCheck.fullTransitive(current.getValue(), released);
      // Then
      assertThat(released).as("released versions of %s", current.getKey()).isNotEmpty();
      assertThat(problems).as("compatibility of %s", current.getKey()).isEmpty();
    }
  }

  @Test
  void shouldReportNewRequiredFieldWithoutDefaultAsIncompatible() {
    // Given a v1 and a v2 that adds a required field without a default
    Schema v1 = SchemaBuilder.record("R").namespace("x").fields().requiredString("a").endRecord();
    Schema v2 = SchemaBuilder.record("R").namespace("x").fields()
        .requiredString("a").requiredLong("b").endRecord();
    // When
    List<String> problems = CompatibilityCheck.fullTransitive(v2, List.of(v1));
    // Then
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0))
        .startsWith("cannot read data written by version 1: READER_FIELD_MISSING_DEFAULT_VALUE at /fields/1");
  }

  @Test
  void shouldReportRemovedFieldWithoutDefaultAsIncompatibleForOldReaders() {
    // Given v1 with a required field that v2 drops
    Schema v1 = SchemaBuilder.record("R").namespace("x").fields()
        .requiredString("a").requiredLong("b").endRecord();
    Schema v2 = SchemaBuilder.record("R").namespace("x").fields().requiredString("a").endRecord();
    // When
    List<String> problems = CompatibilityCheck.fullTransitive(v2, List.of(v1));
    // Then
    assertThat(problems).singleElement().asString()
        .startsWith("version 1 cannot read data it writes: READER_FIELD_MISSING_DEFAULT_VALUE");
  }

  @Test
  void shouldListEveryReleasedFileInTheIndexAndNothingElse() throws IOException {
    // Given the files in the released folder
    Set<String> files;
    try (Stream<Path> walk = Files.walk(RELEASED_DIR)) {
      files = walk.filter(p -> p.toString().endsWith(".avsc"))
          .map(p -> RELEASED_DIR.relativize(p).toString().replace('\\', '/'))
          .collect(Collectors.toSet());
    }
    // When
    Set<String> indexed = SchemaCatalog.get().allReleased().stream()
        .map(r -> r.recordName() + "/v" + r.version() + ".avsc").collect(Collectors.toSet());
    // Then
    assertThat(indexed).isEqualTo(files);
  }

  @Test
  void shouldNameReleasedFilesAfterTheRecordTheyHold() {
    for (ReleasedSchema released : SchemaCatalog.get().allReleased()) {
      assertThat(released.schema().getName()).isEqualTo(released.recordName());
      assertThat(released.schema().getNamespace()).isEqualTo("dev.storyline.avro");
    }
  }

  @Test
  void shouldDocumentEveryRecordEnumAndField() {
    List<String> undocumented = new ArrayList<>();
    SchemaCatalog.CURRENT.values().forEach(s -> collectUndocumented(s, undocumented, new ArrayList<>()));
    assertThat(undocumented).isEmpty();
  }

  private static void collectUndocumented(Schema schema, List<String> out, List<String> seen) {
    switch (schema.getType()) {
      case RECORD -> {
        if (seen.contains(schema.getFullName())) {
          return;
        }
        seen.add(schema.getFullName());
        if (isBlank(schema.getDoc())) {
          out.add(schema.getFullName());
        }
        for (Schema.Field f : schema.getFields()) {
          if (isBlank(f.doc())) {
            out.add(schema.getFullName() + "." + f.name());
          }
          collectUndocumented(f.schema(), out, seen);
        }
      }
      case ENUM -> {
        if (isBlank(schema.getDoc())) {
          out.add(schema.getFullName());
        }
      }
      case ARRAY -> collectUndocumented(schema.getElementType(), out, seen);
      case MAP -> collectUndocumented(schema.getValueType(), out, seen);
      case UNION -> schema.getTypes().forEach(t -> collectUndocumented(t, out, seen));
      default -> { }
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}
