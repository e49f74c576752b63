package dev.storyline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.Article;
import dev.storyline.cli.reliability.ReliabilityChecker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reliability scenario 4: duplicate input. 10% of the articles are sent again verbatim (the same
 * id: half while the first copies are still in the clustering stage's reorder buffer, half after
 * their stories were stored; a second test resends articles of stories already closed), and 10%
 * arrive as near-copies from other sources (new ids, a syndication line added). A verbatim resend must change nothing; a near-copy is a member of its
 * original's story. The stories must equal a fault-free run of the articles and near-copies sent once.
 */
@ExtendWith(SharedBroker.class)
class DuplicateInputReliabilityIT {

  private static final int ARTICLES = 90;

  @TempDir Path dir;

  /**
   * Resends of articles whose stories are still open (published within the clustering horizon,
   * seven days, of the newest article): half at once, half after their stories were stored.
   */
  @Test
  void shouldNeitherDuplicateResentArticlesNorSeparateNearCopiesFromTheirOriginals() throws Exception {
    run("4. duplicate input (resends of open stories)", "duplicates", List.of(5, 15, 25, 35, 45, 55, 0, 10, 20));
  }

  /**
   * Resends, after everything was stored, of articles whose stories the horizon has closed (their
   * newest article is more than seven days older than the newest input). Known to fail: the
   * clustering stage forgets the members of closed stories, so a resent member starts a new story
   * and is then a member of two stories (docs/RELIABILITY.md).
   */
  @Test
  void shouldNotDuplicateAResentArticleWhoseStoryHasClosed() throws Exception {
    run("4b. duplicate input (late resends of closed stories)", "late-duplicates", List.of(75, 85));
  }

  /**
   * @param resend indices of the articles sent again: the first half right after everything was
   *     sent once, the rest after every input was accounted for
   */
  private void run(String scenario, String name, List<Integer> resend) throws Exception {
    // Given articles, near-copies of every tenth, and the fault-free stories of both
    List<Article> base = ReliabilityInputs.allsides(ARTICLES);
    List<Article> nearCopies = new ArrayList<>();
    for (int i = 0; i < ARTICLES; i += 10) {
      Article original = base.get(i);
      nearCopies.add(ReliabilityInputs.parsed("near-copy-" + i, "Syndicate Wire " + i, original.getTitle(),
          original.getBody() + "\n\nDistributed by Syndicate Wire " + i + ".", original.getPublished()));
    }
    List<Article> once = new ArrayList<>(base);
    once.addAll(nearCopies);
    List<List<String>> faultFree = FaultFreeRuns.members(dir, SharedBroker.bootstrapServers(), once);
    List<Article> resent = resend.stream().map(base::get).toList();
    try (ReliabilityRun run = new ReliabilityRun(dir, name, SharedBroker.bootstrapServers(), 2, (short) 1)) {
      run.startEnrich();
      run.startSink();
      // When everything is sent once, half the resends follow at once, the rest after the stories are stored
      run.publish(once);
      run.publish(resent.subList(0, resent.size() / 2));
      assertThat(run.awaitAccountedFor()).isNotNull();
      run.publish(resent.subList(resent.size() / 2, resent.size()));
      var accountedFor = run.awaitAccountedFor();

      // Then
      assertThat(run.acknowledged()).hasSize(once.size());
      ReliabilityReport.recordAndAssert(ReliabilityChecker.check(scenario, run.outcome(), faultFree,
          null, accountedFor), run);
      List<List<String>> stories = run.storyMembers();
      for (int n = 0; n < nearCopies.size(); n++) {
        String original = base.get(n * 10).getId();
        String copy = nearCopies.get(n).getId();
        assertThat(stories).as("the story of near-copy %s holds its original %s", copy, original)
            .anySatisfy(members -> assertThat(members).contains(original, copy));
      }
    }
  }
}
