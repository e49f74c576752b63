package dev.storyline.sink;

import dev.storyline.avro.EntityType;
import dev.storyline.avro.FigureGroup;
import dev.storyline.avro.FigureKind;
import dev.storyline.avro.FigureQualifier;
import dev.storyline.avro.FigureReport;
import dev.storyline.avro.StoryCluster;
import dev.storyline.avro.StoryEntity;
import dev.storyline.avro.StoryMember;
import java.time.Instant;
import java.util.List;

/** Story clusters for the sink tests, with fixed timestamps. */
final class TestStories {

  static final String CLUSTERER = "0.1.0-SNAPSHOT+a1b2c3";
  static final Instant T0 = Instant.parse("2025-03-16T08:00:00Z");
  static final Instant T1 = Instant.parse("2025-03-16T09:30:00Z");
  static final Instant T2 = Instant.parse("2025-03-16T11:15:00Z");

  private TestStories() {}

  /** A full story: a duplicate member, entities, two figure groups, optional fields set and not. */
  static StoryCluster deportations(long version) {
    return StoryCluster.newBuilder()
        .setStoryId("story-deport")
        .setVersion(version)
        .setHeadline("US deports 238 Venezuelans to El Salvador")
        .setFirstPublished(T0)
        .setLastPublished(T2)
        .setCoverage(2)
        .setSources(List.of("AP", "BBC", "Reuters"))
        .setMembers(
            List.of(
                new StoryMember("a-1", "Reuters", "US deports 238 Venezuelans to El Salvador",
                    "https://reuters.example/a-1", T0, null),
                new StoryMember("a-2", "AP", "US deports 238 Venezuelans to El Salvador", null, T1,
                    "a-1"),
                new StoryMember("a-3", "BBC", "Over 200 Venezuelans sent to Salvadoran prison",
                    "https://bbc.example/a-3", T2, null)))
        .setEntities(
            List.of(
                new StoryEntity("Donald Trump", EntityType.PERSON, 2, 5),
                new StoryEntity("El Salvador", EntityType.LOCATION, 2, 3),
                new StoryEntity("Tren de Aragua", EntityType.ORGANIZATION, 1, 1)))
        .setFigureGroups(
            List.of(
                new FigureGroup(FigureKind.COUNT, "Venezuelans", "Venezuelans deported", true,
                    List.of(
                        new FigureReport("a-1", "Reuters", FigureQualifier.EXACT, 238.0, null, null,
                            "238", "The US deported 238 Venezuelans on Sunday."),
                        new FigureReport("a-3", "BBC", FigureQualifier.LOWER_BOUND, 200.0, null,
                            null, "over 200", "Over 200 Venezuelans were flown out."))),
                new FigureGroup(FigureKind.DATE, null, "flight date", false,
                    List.of(
                        new FigureReport("a-1", "Reuters", FigureQualifier.EXACT, null, null,
                            "2025-03-15", "Saturday", "The flights left on Saturday.")))))
        .setClosed(false)
        .setClustererVersion(CLUSTERER)
        .build();
  }

  /** What {@link StoryQueries#story} reads back for {@link #deportations} stored at updatedAt. */
  static StoryDetail deportationsDetail(long version, Instant updatedAt) {
    return new StoryDetail(
        "story-deport",
        version,
        "US deports 238 Venezuelans to El Salvador",
        T0,
        T2,
        2,
        List.of("AP", "BBC", "Reuters"),
        List.of(
            new StoryDetail.Member("a-1", "Reuters", "US deports 238 Venezuelans to El Salvador",
                "https://reuters.example/a-1", T0, null),
            new StoryDetail.Member("a-2", "AP", "US deports 238 Venezuelans to El Salvador", null,
                T1, "a-1"),
            new StoryDetail.Member("a-3", "BBC", "Over 200 Venezuelans sent to Salvadoran prison",
                "https://bbc.example/a-3", T2, null)),
        List.of(
            new StoryDetail.Entity("Donald Trump", EntityType.PERSON, 2, 5),
            new StoryDetail.Entity("El Salvador", EntityType.LOCATION, 2, 3),
            new StoryDetail.Entity("Tren de Aragua", EntityType.ORGANIZATION, 1, 1)),
        List.of(
            new StoryDetail.FigureGroup(FigureKind.COUNT, "Venezuelans", "Venezuelans deported",
                true,
                List.of(
                    new StoryDetail.FigureValue("a-1", "Reuters", FigureQualifier.EXACT, 238.0,
                        null, null, "238", "The US deported 238 Venezuelans on Sunday."),
                    new StoryDetail.FigureValue("a-3", "BBC", FigureQualifier.LOWER_BOUND, 200.0,
                        null, null, "over 200", "Over 200 Venezuelans were flown out."))),
            new StoryDetail.FigureGroup(FigureKind.DATE, null, "flight date", false,
                List.of(
                    new StoryDetail.FigureValue("a-1", "Reuters", FigureQualifier.EXACT, null,
                        null, "2025-03-15", "Saturday", "The flights left on Saturday.")))),
        false,
        CLUSTERER,
        updatedAt);
  }

  /** A small story: one member per source, the given entities, no figures. */
  static StoryCluster simple(
      String storyId,
      long version,
      String headline,
      Instant lastPublished,
      List<String> sources,
      List<String> people) {
    List<StoryMember> members =
        sources.stream()
            .map(
                source ->
                    new StoryMember(storyId + "-" + source, source, headline, null, lastPublished,
                        null))
            .toList();
    List<StoryEntity> entities =
        people.stream().map(name -> new StoryEntity(name, EntityType.PERSON, 1, 1)).toList();
    return StoryCluster.newBuilder()
        .setStoryId(storyId)
        .setVersion(version)
        .setHeadline(headline)
        .setFirstPublished(lastPublished)
        .setLastPublished(lastPublished)
        .setCoverage(members.size())
        .setSources(sources)
        .setMembers(members)
        .setEntities(entities)
        .setFigureGroups(List.of())
        .setClosed(false)
        .setClustererVersion(CLUSTERER)
        .build();
  }

  /** What {@link StoryQueries#story} reads back for {@code story} stored at {@code updatedAt}. */
  static StoryDetail detailOf(StoryCluster story, Instant updatedAt) {
    return new StoryDetail(
        story.getStoryId(),
        story.getVersion(),
        story.getHeadline(),
        story.getFirstPublished(),
        story.getLastPublished(),
        story.getCoverage(),
        story.getSources(),
        story.getMembers().stream()
            .map(m -> new StoryDetail.Member(m.getArticleId(), m.getSource(), m.getTitle(),
                m.getUrl(), m.getPublished(), m.getDuplicateOf()))
            .toList(),
        story.getEntities().stream()
            .map(e -> new StoryDetail.Entity(e.getName(), e.getType(), e.getArticleCount(),
                e.getMentionCount()))
            .toList(),
        story.getFigureGroups().stream()
            .map(g -> new StoryDetail.FigureGroup(g.getKind(), g.getUnit(), g.getLabel(),
                g.getConflicting(),
                g.getReports().stream()
                    .map(r -> new StoryDetail.FigureValue(r.getArticleId(), r.getSource(),
                        r.getQualifier(), r.getValue(), r.getUpperValue(), r.getDate(),
                        r.getText(), r.getSentence()))
                    .toList()))
            .toList(),
        story.getClosed(),
        story.getClustererVersion(),
        updatedAt);
  }

  /**
   * Five versions of one story whose child rows are added, changed, reordered and removed from
   * one version to the next, in every child table.
   */
  static List<StoryCluster> evolving(String storyId) {
    StoryCluster v1 = deportations(1);
    v1.setStoryId(storyId);

    // v2: an article joins (new member, new source in the middle of the sorted sources), the
    // entity counts change and their order with them, a figure report is added.
    StoryCluster v2 = StoryCluster.newBuilder(v1).setVersion(2).setLastPublished(T2.plusSeconds(60))
        .setCoverage(3)
        .setSources(List.of("AP", "BBC", "CNN", "Reuters"))
        .setMembers(List.of(
            v1.getMembers().get(0), v1.getMembers().get(1), v1.getMembers().get(2),
            new StoryMember("a-4", "CNN", "Venezuelans arrive at CECOT", null, T2.plusSeconds(60),
                null)))
        .setEntities(List.of(
            new StoryEntity("El Salvador", EntityType.LOCATION, 3, 4),
            new StoryEntity("Donald Trump", EntityType.PERSON, 2, 5),
            new StoryEntity("Tren de Aragua", EntityType.ORGANIZATION, 1, 1),
            new StoryEntity("Nayib Bukele", EntityType.PERSON, 1, 2)))
        .setFigureGroups(List.of(
            withReports(v1.getFigureGroups().get(0), true, List.of(
                v1.getFigureGroups().get(0).getReports().get(0),
                v1.getFigureGroups().get(0).getReports().get(1),
                new FigureReport("a-4", "CNN", FigureQualifier.APPROXIMATE, 240.0, null, null,
                    "about 240", "About 240 men were flown in."))),
            v1.getFigureGroups().get(1)))
        .build();

    // v3: an earlier article arrives late (members shift), a member becomes a duplicate, the
    // first figure group is gone and a new one follows the date group, an entity is dropped.
    StoryCluster v3 = StoryCluster.newBuilder(v2).setVersion(3).setHeadline("Venezuelans in CECOT")
        .setFirstPublished(T0.minusSeconds(600))
        .setMembers(List.of(
            new StoryMember("a-0", "AP", "Flights to El Salvador planned", "https://ap.example/a-0",
                T0.minusSeconds(600), null),
            v2.getMembers().get(0),
            v2.getMembers().get(1),
            v2.getMembers().get(2),
            new StoryMember("a-4", "CNN", "Venezuelans arrive at CECOT", null, T2.plusSeconds(60),
                "a-3")))
        .setEntities(List.of(
            new StoryEntity("El Salvador", EntityType.LOCATION, 3, 5),
            new StoryEntity("Donald Trump", EntityType.PERSON, 2, 5),
            new StoryEntity("Nayib Bukele", EntityType.PERSON, 1, 2)))
        .setFigureGroups(List.of(
            v2.getFigureGroups().get(1),
            new FigureGroup(FigureKind.MONEY, "USD", "payment to El Salvador", false, List.of(
                new FigureReport("a-0", "AP", FigureQualifier.EXACT, 6.0e6, null, null, "$6 million",
                    "The US pays $6 million.")))))
        .build();

    // v4: members removed (a split), sources shrink, no entities nor figures left.
    StoryCluster v4 = StoryCluster.newBuilder(v3).setVersion(4).setCoverage(1)
        .setSources(List.of("Reuters"))
        .setMembers(List.of(v3.getMembers().get(1)))
        .setEntities(List.of())
        .setFigureGroups(List.of())
        .build();

    // v5: rows come back under the keys v4 removed, and the story closes.
    StoryCluster v5 = StoryCluster.newBuilder(v2).setVersion(5).setClosed(true).build();
    return List.of(v1, v2, v3, v4, v5);
  }

  private static FigureGroup withReports(
      FigureGroup group, boolean conflicting, List<FigureReport> reports) {
    return FigureGroup.newBuilder(group).setConflicting(conflicting).setReports(reports).build();
  }

  /** Child rows of a story over all tables. */
  static int rowCount(StoryCluster story) {
    return story.getSources().size() + story.getMembers().size() + story.getEntities().size()
        + story.getFigureGroups().size()
        + story.getFigureGroups().stream().mapToInt(g -> g.getReports().size()).sum();
  }
}
