package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.EntityType;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The CoreNLP model files on the classpath are storyline-models' slim set, not CoreNLP's models
 * jar, and they are enough: the pipeline builds and tags with every model
 * {@code storyline.enrich.ner.model} supports. A file the pipeline needs but {@code models/pom.xml}
 * leaves out fails here rather than at an operator's first start.
 */
class PackagedModelsTest {

  private static final String MODELS_ROOT = "edu/stanford/nlp/models";

  private static final String TEXT =
      "Angela Merkel told the United Nations in New York on Monday that Germany would pay $6 million"
          + " to the European Union.";

  @Test
  void shouldLeaveCoreNlpsFullModelsJarOffTheClasspath() {
    // Both are in stanford-corenlp-*-models.jar only; the POS tagger is the pipeline's best-known
    // requirement that CoreNlpRecognizer deliberately does without.
    assertThat(resource("StanfordCoreNLP.properties")).isNull();
    assertThat(resource(MODELS_ROOT + "/pos-tagger/english-left3words-distsim.tagger")).isNull();
  }

  @Test
  void shouldPackageExactlyTheSupportedModels() throws IOException, URISyntaxException {
    assertThat(packagedModelFiles()).containsExactlyInAnyOrderElementsOf(NlpSettings.PACKAGED_MODELS);
  }

  @ParameterizedTest
  @FieldSource("dev.storyline.enrich.NlpSettings#PACKAGED_MODELS")
  void shouldBuildThePipelineAndTagWithEachPackagedModel(String model) {
    // Given
    NlpSettings defaults = NlpSettings.DEFAULTS;
    EntityRecognizer recognizer = CoreNlpRecognizer.create(
        new NlpSettings(model, defaults.maxBodyChars(), defaults.maxSegmentChars(), defaults.timeBudget()));

    // When
    Recognition recognition = recognizer.recognize(TEXT);

    // Then: the 7-class model's DATE and MONEY tags are not entity types, so all three agree here
    assertThat(recognition.mentions()).containsExactly(
        new RecognizedMention("Angela Merkel", 0, 13, EntityType.PERSON),
        new RecognizedMention("United Nations", 23, 37, EntityType.ORGANIZATION),
        new RecognizedMention("New York", 41, 49, EntityType.LOCATION),
        new RecognizedMention("Germany", 65, 72, EntityType.LOCATION),
        new RecognizedMention("European Union", 101, 115, EntityType.ORGANIZATION));
    assertThat(recognition.tokenCount()).isEqualTo(23);
  }

  private static URL resource(String name) {
    return PackagedModelsTest.class.getClassLoader().getResource(name);
  }

  /** Every file under edu/stanford/nlp/models in the jar (or, in a reactor build, the folder) holding the default model. */
  private static List<String> packagedModelFiles() throws IOException, URISyntaxException {
    URL url = resource(NlpSettings.THREE_CLASS_MODEL);
    assertThat(url).as(NlpSettings.THREE_CLASS_MODEL + " on the classpath").isNotNull();
    if (url.getProtocol().equals("jar")) {
      String jar = url.getPath().substring("file:".length(), url.getPath().indexOf("!/"));
      try (FileSystem zip = FileSystems.newFileSystem(Path.of(jar))) {
        return filesUnder(zip.getPath("/"));
      }
    }
    Path root = Path.of(url.toURI());
    for (int i = 0; i < NlpSettings.THREE_CLASS_MODEL.split("/").length; i++) {
      root = root.getParent();
    }
    return filesUnder(root);
  }

  private static List<String> filesUnder(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root.resolve(MODELS_ROOT))) {
      return files.filter(Files::isRegularFile)
          .map(file -> root.relativize(file).toString().replace('\\', '/'))
          .sorted()
          .toList();
    }
  }
}
