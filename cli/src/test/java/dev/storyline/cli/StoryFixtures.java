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
import java.util.List;

/** Story clusters for the CLI's story tests, with fixed timestamps. */
final class StoryFixtures {

  static final String CLUSTERER = "0.1.0-SNAPSHOT+a1b2c3";
  static final Instant T0 = Instant.parse("2025-03-16T08:00:00Z");
  static final Instant T1 = Instant.parse("2025-03-16T09:30:00Z");
  static final Instant T2 = Instant.parse("2025-03-16T11:15:00Z");

  private StoryFixtures() {}

  /** A full story: a duplicate member, entities, a conflicting figure group and a date group. */
  static StoryCluster deportations(long version) {
    return StoryCluster.newBuilder()
        .setStoryId("story-deport")
        .setVersion(version)
        .setHeadline("US deports 238 Venezuelans to El Salvador")
        .setFirstPublished(T0)
        .setLastPublished(T2)
        .setCoverage(2)
        .setSources(List.of("AP", "BBC", "Reuters"))
        .setMembers(List.of(
            new StoryMember("a-1", "Reuters", "US deports 238 Venezuelans to El Salvador", "https://reuters.example/a-1",
                T0, null),
            new StoryMember("a-2", "AP", "US deports 238 Venezuelans to El Salvador", null, T1, "a-1"),
            new StoryMember("a-3", "BBC", "Over 200 Venezuelans sent to Salvadoran prison", "https://bbc.example/a-3",
                T2, null)))
        .setEntities(List.of(
            new StoryEntity("Donald Trump", EntityType.PERSON, 2, 5),
            new StoryEntity("El Salvador", EntityType.LOCATION, 2, 3)))
        .setFigureGroups(List.of(
            new FigureGroup(FigureKind.COUNT, "Venezuelans", "Venezuelans deported", true, List.of(
                new FigureReport("a-1", "Reuters", FigureQualifier.EXACT, 238.0, null, null, "238",
                    "The US deported 238 Venezuelans on Sunday."),
                new FigureReport("a-3", "BBC", FigureQualifier.LOWER_BOUND, 200.0, null, null, "over 200",
                    "Over 200 Venezuelans were flown out."))),
            new FigureGroup(FigureKind.DATE, null, "flight date", false, List.of(
                new FigureReport("a-1", "Reuters", FigureQualifier.EXACT, null, null, "2025-03-15", "Saturday",
                    "The flights left on Saturday.")))))
        .setClosed(false)
        .setClustererVersion(CLUSTERER)
        .build();
  }

  /** A small story: one member per source, the given people, no figures. */
  static StoryCluster simple(String storyId, long version, String headline, Instant published, List<String> sources,
      List<String> people) {
    List<StoryMember> members = sources.stream()
        .map(source -> new StoryMember(storyId + "-" + source, source, headline, null, published, null))
        .toList();
    return StoryCluster.newBuilder()
        .setStoryId(storyId)
        .setVersion(version)
        .setHeadline(headline)
        .setFirstPublished(published)
        .setLastPublished(published)
        .setCoverage(members.size())
        .setSources(sources)
        .setMembers(members)
        .setEntities(people.stream().map(name -> new StoryEntity(name, EntityType.PERSON, 1, 1)).toList())
        .setFigureGroups(List.of())
        .setClosed(false)
        .setClustererVersion(CLUSTERER)
        .build();
  }
}
