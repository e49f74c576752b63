package dev.storyline.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storyline.avro.StoryCluster;
import dev.storyline.avro.StoryMember;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link ChildRowChanges}, {@link StoryRows} and {@link StoryDigest} without a database. */
class ChildRowChangesTest {

  private final RowHasher hasher = new RowHasher(42);

  @Test
  void shouldInsertTheNewMemberAndUpdateOnlyTheRowsThatChanged() {
    // Given version 1 and a version 2 where an article joined and the entity counts changed
    List<StoryCluster> versions = TestStories.evolving("s");
    StoryRows v1 = StoryRows.of(versions.get(0));
    StoryRows v2 = StoryRows.of(versions.get(1));

    // When the changes from v1 to v2 are computed
    ChildRowChanges changes = new ChildRowChanges();
    changes.change(v2, v1.digest(1, hasher), v2.digest(2, hasher));

    // Then exactly the new and changed rows are listed, by table
    assertThat(keys(changes.inserts(ChildTable.SOURCES))).containsExactly(List.of("s", 3));
    assertThat(keys(changes.updates(ChildTable.SOURCES))).containsExactly(List.of("s", 2));
    assertThat(changes.updates(ChildTable.SOURCES).get(0)).containsExactly("s", 2, "CNN");
    assertThat(keys(changes.inserts(ChildTable.ARTICLES))).containsExactly(List.of("s", "a-4"));
    assertThat(changes.updates(ChildTable.ARTICLES)).isEmpty();
    assertThat(keys(changes.updates(ChildTable.ENTITIES)))
        .containsExactly(List.of("s", 0), List.of("s", 1));
    assertThat(keys(changes.inserts(ChildTable.ENTITIES))).containsExactly(List.of("s", 3));
    assertThat(changes.updates(ChildTable.FIGURE_GROUPS)).isEmpty();
    assertThat(keys(changes.inserts(ChildTable.FIGURE_VALUES)))
        .containsExactly(List.of("s", 0, 2));
    for (ChildTable table : ChildTable.values()) {
      assertThat(changes.deletes(table)).as(table.table()).isEmpty();
    }
    assertThat(changes.size()).isEqualTo(7);
  }

  @Test
  void shouldDeleteTheRowsWhoseKeysAreGoneByTheirKeys() {
    // Given version 3 and version 4, which keeps one member and drops everything else
    List<StoryCluster> versions = TestStories.evolving("s");
    StoryRows v3 = StoryRows.of(versions.get(2));
    StoryRows v4 = StoryRows.of(versions.get(3));

    // When the changes are computed
    ChildRowChanges changes = new ChildRowChanges();
    changes.change(v4, v3.digest(3, hasher), v4.digest(4, hasher));

    // Then the gone rows are deleted by their whole key, two-column keys unpacked
    assertThat(changes.deletes(ChildTable.SOURCES))
        .containsExactly(new Object[] {"s", 1}, new Object[] {"s", 2}, new Object[] {"s", 3});
    assertThat(keys(changes.deletes(ChildTable.ARTICLES)))
        .containsExactly(List.of("s", "a-0"), List.of("s", "a-2"), List.of("s", "a-3"),
            List.of("s", "a-4"));
    assertThat(changes.deletes(ChildTable.FIGURE_VALUES))
        .containsExactly(new Object[] {"s", 0, 0}, new Object[] {"s", 1, 0});
    // And the member that stays moved to ordinal 0: an update
    assertThat(changes.updates(ChildTable.ARTICLES)).hasSize(1);
    assertThat(changes.updates(ChildTable.ARTICLES).get(0)[2]).isEqualTo(0);
    assertThat(changes.inserts(ChildTable.ARTICLES)).isEmpty();
  }

  @Test
  void shouldChangeNothingBetweenEqualRows() {
    // Given the same rows under two versions
    StoryCluster story = TestStories.deportations(1);
    StoryRows rows = StoryRows.of(story);

    // When the changes are computed
    ChildRowChanges changes = new ChildRowChanges();
    changes.change(rows, rows.digest(1, hasher), StoryRows.of(story).digest(2, hasher));

    // Then there are none
    assertThat(changes.size()).isZero();
  }

  @Test
  void shouldNoticeAChangeInAnyColumnIncludingANullOne() {
    // Given a member whose url goes from absent to present, and one whose title changes by one
    // character
    StoryCluster before = TestStories.deportations(1);
    StoryCluster after = TestStories.deportations(2);
    List<StoryMember> members = new ArrayList<>(after.getMembers());
    members.set(1, StoryMember.newBuilder(members.get(1)).setUrl("https://ap.example/a-2").build());
    members.set(2, StoryMember.newBuilder(members.get(2))
        .setTitle(members.get(2).getTitle().replace("200", "201")).build());
    after.setMembers(members);

    // When the changes are computed
    ChildRowChanges changes = new ChildRowChanges();
    StoryRows rows = StoryRows.of(after);
    changes.change(rows, StoryRows.of(before).digest(1, hasher), rows.digest(2, hasher));

    // Then both members are updated, nothing else
    assertThat(keys(changes.updates(ChildTable.ARTICLES)))
        .containsExactly(List.of("story-deport", "a-2"), List.of("story-deport", "a-3"));
    assertThat(changes.size()).isEqualTo(2);
  }

  @Test
  void shouldInsertEveryRowOfAStoryWrittenWhole() {
    StoryCluster story = TestStories.deportations(1);
    ChildRowChanges changes = new ChildRowChanges();

    changes.insertAll(StoryRows.of(story));

    assertThat(changes.size()).isEqualTo(TestStories.rowCount(story));
    assertThat(changes.inserts(ChildTable.FIGURE_VALUES)).hasSize(3);
  }

  /** The key columns of each row. */
  private static List<List<Object>> keys(List<Object[]> rows) {
    return rows.stream()
        .map(row -> Arrays.asList(row).subList(0, row.length >= 11 ? 3 : 2))
        .toList();
  }
}
