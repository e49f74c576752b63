package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code storyline eval clusters} on a four-article file through the real pipeline. */
class EvalClustersCommandIT {

  @TempDir Path dir;

  @Test
  void shouldScoreTheClustersThePipelineFindsAgainstTheGoldLabels() throws Exception {
    // Given two stories of two articles each
    Path file = dir.resolve("tiny.jsonl");
    Files.write(file, List.of(
        line("r1", "Reuters", "US deports Venezuelans to El Salvador prison", "2025-03-16",
            "The United States deported 238 Venezuelan migrants to a maximum security prison in El "
                + "Salvador, accusing them of belonging to the Tren de Aragua gang.", "deport"),
        line("a1", "AP", "El Salvador takes in Venezuelan deportees", "2025-03-16",
            "More than 200 Venezuelans deported by the United States arrived in El Salvador, where "
                + "they were locked in the CECOT prison; officials named the Tren de Aragua gang.",
            "deport"),
        line("b1", "BBC", "Bank of England holds interest rates", "2025-03-20",
            "The Bank of England kept interest rates unchanged at 4.5% as policymakers weighed "
                + "stubborn inflation against a weakening economy.", "rates"),
        line("g1", "Guardian", "Bank of England keeps interest rates on hold", "2025-03-20",
            "Interest rates stay at 4.5%, the Bank of England said, as inflation stays stubborn "
                + "and the economy weakens.", "rates")));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Storyline.commandLine();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));

    // When
    int code = cli.execute("eval", "clusters", file.toString(), "--json", "--partitions", "2");

    // Then
    assertThat(code).as(err.toString()).isZero();
    ObjectNode result = (ObjectNode) new ObjectMapper().readTree(out.toString());
    assertThat(result.get("articles_per_second").asDouble()).isPositive();
    result.remove("articles_per_second");
    assertThat(result.toString())
        .isEqualTo("{\"bcubed\":{\"precision\":1.0,\"recall\":1.0,\"f1\":1.0},"
            + "\"pairwise\":{\"precision\":1.0,\"recall\":1.0,\"f1\":1.0},\"ari\":1.0,"
            + "\"stories\":2,\"gold_stories\":2,\"articles\":4}");
  }

  private static String line(String id, String source, String title, String published, String body,
      String story) throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode node = mapper.createObjectNode();
    node.put("id", id).put("source", source).put("url", "https://news.example/" + id)
        .put("title", title).put("published", published).put("body", body).put("story", story);
    return mapper.writeValueAsString(node);
  }
}
