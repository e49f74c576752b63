package dev.storyline.cli;

import dev.storyline.avro.Article;
import dev.storyline.avro.EnrichedArticle;
import dev.storyline.avro.Entity;
import dev.storyline.avro.EntityType;
import dev.storyline.enrich.ClusteringSettings;
import dev.storyline.enrich.FingerprintSettings;
import dev.storyline.enrich.Fingerprinter;
import dev.storyline.enrich.InMemoryStoryBook;
import dev.storyline.enrich.StoryClusterer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code storyline bench cluster}: the clustering stage alone, on one thread, on pre-enriched
 * synthetic articles (fingerprints and entities computed before timing): first enough articles to
 * open the requested number of live stories, then the measured articles, which join those stories
 * or open new ones. Also times rebuilding the clusterer's index from its book, which is what a
 * restart does after the stores are restored.
 */
@Command(
    name = "cluster",
    description = "Clustering stage alone on one thread with N live stories: articles/s, and the time to rebuild "
        + "the in-memory index from the stores on restart.")
final class BenchClusterCommand extends StorylineSubcommand {

  private static final Instant START = Instant.parse("2025-03-01T00:00:00Z");

  @Option(names = "--stories", paramLabel = "N", defaultValue = "10000",
      description = "Live stories before the measured run (default: ${DEFAULT-VALUE}).")
  int stories;

  @Option(names = "--articles", paramLabel = "N", defaultValue = "50000",
      description = "Measured articles (default: ${DEFAULT-VALUE}).")
  int articles;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    SyntheticNews news = new SyntheticNews(seed, stories);
    List<EnrichedArticle> warmUp = new ArrayList<>();
    for (int i = 0; i < stories; i++) {
      warmUp.add(news.article(i, i));
    }
    List<EnrichedArticle> measured = new ArrayList<>();
    for (int i = 0; i < articles; i++) {
      measured.add(news.article(stories + i, news.storyFor(i)));
    }
    InMemoryStoryBook book = new InMemoryStoryBook();
    StoryClusterer clusterer = new StoryClusterer(ClusteringSettings.DEFAULTS, book);
    warmUp.forEach(clusterer::add);
    int liveBefore = clusterer.openStories();

    long start = System.nanoTime();
    measured.forEach(clusterer::add);
    double seconds = (System.nanoTime() - start) / 1e9;

    long rebuildStart = System.nanoTime();
    StoryClusterer restarted = new StoryClusterer(ClusteringSettings.DEFAULTS, book);
    double rebuildSeconds = (System.nanoTime() - rebuildStart) / 1e9;

    out().printf(Locale.ROOT,
        "cluster: %d articles in %.2f s = %.0f articles/s on one thread (%d live stories before, %d after)%n",
        articles, seconds, articles / seconds, liveBefore, clusterer.openStories());
    out().printf(Locale.ROOT,
        "restart: index rebuilt from %d open stories / %d members in %.2f s%n",
        restarted.openStories(), book.memberCount(), rebuildSeconds);
    out().flush();
    return 0;
  }

  /**
   * Deterministic synthetic news: each story has its own topic words and entities; articles mix
   * them with words from a shared Zipf-like vocabulary, so the inverted index sees realistic
   * posting lengths.
   */
  static final class SyntheticNews {
    private static final int VOCABULARY = 50_000;
    private final SplittableRandom random;
    private final int stories;
    private final Fingerprinter fingerprinter = new Fingerprinter(FingerprintSettings.DEFAULTS);

    SyntheticNews(long seed, int stories) {
      this.random = new SplittableRandom(seed);
      this.stories = stories;
    }

    /** Which story the i-th measured article is about: recent stories more often. */
    int storyFor(int i) {
      return stories + i - 1 - (int) Math.min(stories + i - 1, Math.abs(random.nextGaussian()) * stories / 3);
    }

    EnrichedArticle article(int number, int story) {
      StringBuilder title = new StringBuilder();
      for (int i = 0; i < 4; i++) {
        title.append(topicWord(story, random.nextInt(6))).append(' ');
      }
      title.append(commonWord()).append(' ').append(commonWord());
      StringBuilder body = new StringBuilder();
      for (int i = 0; i < 120; i++) {
        body.append(random.nextInt(10) < 3 ? topicWord(story, random.nextInt(30)) : commonWord())
            .append(i % 15 == 14 ? ". " : " ");
      }
      Instant published = START.plus(Duration.ofSeconds(number));
      Article article = Article.newBuilder()
          .setId("bench-" + number)
          .setUrl(null)
          .setSource("outlet-" + random.nextInt(50))
          .setTitle(title.toString().strip())
          .setPublished(published)
          .setPublishedInferred(false)
          .setBody(body.toString())
          .setLanguage("en")
          .setOrigin("bench")
          .setIngestedAt(published)
          .build();
      List<Entity> entities = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        entities.add(Entity.newBuilder()
            .setName("Entity" + story + "x" + i)
            .setType(EntityType.values()[i])
            .setMentionCount(1 + random.nextInt(4))
            .setFirstPosition(random.nextInt(500))
            .setMentions(List.of())
            .build());
      }
      return EnrichedArticle.newBuilder()
          .setArticle(article)
          .setLanguage("eng")
          .setEntities(entities)
          .setFigures(List.of())
          .setFingerprints(fingerprinter.fingerprint(article.getTitle(), article.getBody()))
          .setEnricherVersion("bench")
          .setEnrichedAt(published)
          .build();
    }

    private static String topicWord(int story, int i) {
      return "topic" + Integer.toString(story * 31 + i, 36);
    }

    private String commonWord() {
      // Zipf-like: rank ~ VOCABULARY^u, so a few words are very common.
      int rank = (int) Math.pow(VOCABULARY, random.nextDouble());
      return "word" + Integer.toString(rank, 36);
    }
  }
}
