package dev.storyline.cli;

import dev.storyline.avro.EntityType;
import dev.storyline.avro.FigureGroup;
import dev.storyline.avro.FigureKind;
import dev.storyline.avro.FigureQualifier;
import dev.storyline.avro.FigureReport;
import dev.storyline.avro.StoryCluster;
import dev.storyline.avro.StoryEntity;
import dev.storyline.avro.StoryMember;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Generated story clusters of a realistic shape, for {@code storyline bench sink}. */
final class StoryBenchData {

  static final String CLUSTERER = "bench";
  private static final Instant T0 = Instant.parse("2025-03-16T08:00:00Z");
  private static final String[] OUTLETS =
      {"Reuters", "AP", "BBC", "Le Monde", "El País", "Der Spiegel", "NHK", "Al Jazeera"};

  private StoryBenchData() {}

  /**
   * Version {@code version} of a story of realistic shape, as the clustering stage publishes it:
   * version 1 has {@code firstMembers} articles, and each later version is the previous one
   * with one more article joined (published after the others, so appended to the members,
   * earliest first). Every fourth member is a syndicated copy; the originals determine the
   * counts of five entities (most covered first, so their order can change) and each adds one
   * report to one of two figure groups. What changes from one version to the next is therefore
   * what changes in the real pipeline: one new member row, a new source now and then (sources are
   * sorted, so a new one shifts the ordinals after it), coverage and entity counts, and a new
   * figure report for an original; member titles and the rest stay as they were.
   *
   * @param index distinguishes stories; the same index and version give the same story
   */
  static StoryCluster realistic(String storyId, long version, int index, int firstMembers) {
    int members = firstMembers + (int) version - 1;
    Instant first = T0.plusSeconds(60L * index);
    List<StoryMember> memberList = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    List<Integer> originals = new ArrayList<>();
    for (int m = 0; m < members; m++) {
      String source = OUTLETS[m % OUTLETS.length];
      if (!sources.contains(source)) {
        sources.add(source);
      }
      String articleId = storyId + "-a" + m;
      boolean copy = m % 4 == 3;
      if (!copy) {
        originals.add(m);
      }
      memberList.add(new StoryMember(articleId, source,
          "Storm " + index + " hits the coast: report " + m + " from " + source,
          m % 3 == 0 ? null : "https://news.example/" + articleId, first.plusSeconds(300L * m),
          copy ? storyId + "-a" + (m - 1) : null));
    }
    sources.sort(null);
    int n = originals.size();
    List<StoryEntity> entities = new ArrayList<>(List.of(
        new StoryEntity("Storm " + index, EntityType.MISC, n, n * 2),
        new StoryEntity("National Weather Service", EntityType.ORGANIZATION, n - 1, n + 1),
        new StoryEntity("Florida", EntityType.LOCATION, Math.max(1, n - 2), n * 3),
        new StoryEntity("Ron DeSantis", EntityType.PERSON, 1 + n / 2, 2 + n / 2),
        new StoryEntity("Tampa", EntityType.LOCATION, 1 + n / 3, 1 + n / 3)));
    entities.sort(Comparator.comparingInt(StoryEntity::getArticleCount).reversed()
        .thenComparing(StoryEntity::getName));
    List<FigureReport> homes = new ArrayList<>();
    List<FigureReport> damage = new ArrayList<>();
    for (int m : originals) {
      String articleId = storyId + "-a" + m;
      String source = OUTLETS[m % OUTLETS.length];
      if (m % 2 == 0) {
        double homesOut = 120_000.0 + 10_000.0 * m;
        homes.add(new FigureReport(articleId, source, m == 0 ? FigureQualifier.EXACT : FigureQualifier.LOWER_BOUND,
            homesOut, null, null, String.format(Locale.ROOT, "%,.0f", homesOut),
            String.format(Locale.ROOT, "About %,.0f homes were without power, %s reported.", homesOut, source)));
      } else {
        damage.add(new FigureReport(articleId, source, FigureQualifier.RANGE, 1.5e9 + 1e8 * m, 2.5e9 + 1e8 * m,
            null, "$" + (15 + m) / 10.0 + "-" + (25 + m) / 10.0 + " billion",
            "Insurers put the damage at $" + (15 + m) / 10.0 + "-" + (25 + m) / 10.0 + " billion."));
      }
    }
    List<FigureGroup> figureGroups = new ArrayList<>();
    figureGroups.add(new FigureGroup(FigureKind.COUNT, "homes", "homes without power", homes.size() > 1, homes));
    if (!damage.isEmpty()) {
      figureGroups.add(new FigureGroup(FigureKind.MONEY, "USD", "damage estimate", damage.size() > 1, damage));
    }
    return StoryCluster.newBuilder()
        .setStoryId(storyId)
        .setVersion(version)
        .setHeadline("Storm " + index + " hits the coast, thousands without power")
        .setFirstPublished(first)
        .setLastPublished(first.plusSeconds(300L * (members - 1)))
        .setCoverage(n)
        .setSources(sources)
        .setMembers(memberList)
        .setEntities(entities)
        .setFigureGroups(figureGroups)
        .setClosed(false)
        .setClustererVersion(CLUSTERER)
        .build();
  }
}
