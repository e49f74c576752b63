package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.enrich.NlpSettings;
import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The command's classpath (what {@code target/lib} and the container image carry) holds the slim
 * CoreNLP model set of module {@code models/}, not CoreNLP's ~450 MB models jar.
 */
class RuntimeClasspathTest {

  private static final ClassLoader LOADER = RuntimeClasspathTest.class.getClassLoader();

  @Test
  void shouldTakeEveryPackagedModelFromStorylineModelsOnly() throws IOException {
    for (String model : NlpSettings.PACKAGED_MODELS) {
      List<URL> copies = Collections.list(LOADER.getResources(model));

      // the installed jar, or in a reactor build the module's output folder
      assertThat(copies).as(model).singleElement().asString()
          .containsAnyOf("storyline-models-", "models/target/classes");
    }
  }

  @Test
  void shouldLeaveCoreNlpsModelsJarOut() {
    // Files only CoreNLP's models jar holds: the POS tagger CoreNlpRecognizer does without, and the
    // default pipeline configuration.
    assertThat(LOADER.getResource("edu/stanford/nlp/models/pos-tagger/english-left3words-distsim.tagger")).isNull();
    assertThat(LOADER.getResource("StanfordCoreNLP.properties")).isNull();
  }
}
