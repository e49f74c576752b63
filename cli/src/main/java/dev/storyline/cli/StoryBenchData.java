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
import java.util.List;

/** Generated story clusters of a realistic shape, for {@code storyline bench sink}. */
final class StoryBenchData {

  static final String CLUSTERER = "bench";
  private static final Instant T0 = Instant.parse("2025-03-16T08:00:00Z");
  private static final String[] OUTLETS =
      {"Reuters", "AP", "BBC", "Le Monde", "El País", "Der Spiegel", "NHK", "Al Jazeera"};

  private StoryBenchData() {}

  /**
   * A story of the realistic shape the sink benchmark writes: {@code members} articles (every
   * fourth a syndicated copy), five entities, two figure groups of two reports each.
   *
   * @param index distinguishes stories; the same index and version give the same story
   */
  static StoryCluster realistic(String storyId, long version, int index, int members) {
    Instant first = T0.plusSeconds(60L * index);
    List<StoryMember> memberList = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (int m = 0; m < members; m++) {
      String source = OUTLETS[m % OUTLETS.length];
      if (!sources.contains(source)) {
        sources.add(source);
      }
      String articleId = storyId + "-a" + m;
      memberList.add(new StoryMember(articleId, source,
          "Storm " + index + " hits the coast: update " + version + " from " + source,
          m % 3 == 0 ? null : "https://news.example/" + articleId, first.plusSeconds(300L * m),
          m % 4 == 3 ? storyId + "-a0" : null));
    }
    sources.sort(null);
    int coverage = (int) memberList.stream().filter(member -> member.getDuplicateOf() == null).count();
    return StoryCluster.newBuilder()
        .setStoryId(storyId)
        .setVersion(version)
        .setHeadline("Storm " + index + " hits the coast, thousands without power")
        .setFirstPublished(first)
        .setLastPublished(first.plusSeconds(300L * (members - 1)))
        .setCoverage(coverage)
        .setSources(sources)
        .setMembers(memberList)
        .setEntities(List.of(
            new StoryEntity("Storm " + index, EntityType.MISC, members, members * 2),
            new StoryEntity("National Weather Service", EntityType.ORGANIZATION, members - 1, members),
            new StoryEntity("Florida", EntityType.LOCATION, members, members * 3),
            new StoryEntity("Ron DeSantis", EntityType.PERSON, 2, 3),
            new StoryEntity("Tampa", EntityType.LOCATION, 1, 1)))
        .setFigureGroups(List.of(
            new FigureGroup(FigureKind.COUNT, "homes", "homes without power", true, List.of(
                new FigureReport(storyId + "-a0", sources.get(0), FigureQualifier.EXACT, 120_000.0, null, null,
                    "120,000", "About 120,000 homes were without power on Tuesday."),
                new FigureReport(storyId + "-a1", sources.get(1 % sources.size()), FigureQualifier.LOWER_BOUND,
                    150_000.0, null, null, "more than 150,000", "More than 150,000 homes lost power."))),
            new FigureGroup(FigureKind.MONEY, "USD", "damage estimate", false, List.of(
                new FigureReport(storyId + "-a0", sources.get(0), FigureQualifier.APPROXIMATE, 2.0e9, null, null,
                    "$2 billion", "Damage is estimated at $2 billion."),
                new FigureReport(storyId + "-a2", sources.get(2 % sources.size()), FigureQualifier.RANGE, 1.5e9,
                    2.5e9, null, "$1.5-2.5 billion", "Insurers put the damage at $1.5-2.5 billion.")))))
        .setClosed(false)
        .setClustererVersion(CLUSTERER)
        .build();
  }
}
