package dev.storyline.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.assignment.ApplicationState;
import org.apache.kafka.streams.processor.assignment.AssignmentConfigs;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsState;
import org.apache.kafka.streams.processor.assignment.ProcessId;
import org.apache.kafka.streams.processor.assignment.TaskInfo;
import org.apache.kafka.streams.processor.assignment.TaskTopicPartition;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

class StageTaskAssignorTest {

  /** The app's tasks: enrichment 0_0..0_2, the re-keying 1_0..1_2, story assignment 2_0 (stateful). */
  private static final List<TaskId> ENRICHMENT = List.of(task(0, 0), task(0, 1), task(0, 2));
  private static final List<TaskId> REKEYING = List.of(task(1, 0), task(1, 1), task(1, 2));
  private static final TaskId ASSIGNMENT = task(2, 0);

  @Test
  void shouldGiveEachStageToTheClientsTaggedForIt() {
    // Given: one process's two clients
    Client enrich = new Client(1, StageTaskAssignor.ENRICH, 2, Set.of());
    Client cluster = new Client(2, StageTaskAssignor.CLUSTER, 1, Set.of());

    // When
    Map<ProcessId, Set<TaskId>> assigned = assign(enrich, cluster);

    // Then
    assertThat(assigned.get(enrich.processId())).containsExactlyInAnyOrderElementsOf(ENRICHMENT);
    assertThat(assigned.get(cluster.processId()))
        .containsExactlyInAnyOrder(task(1, 0), task(1, 1), task(1, 2), ASSIGNMENT);
  }

  @Test
  void shouldBalanceAStageOverItsClientsAndKeepTheStatefulTaskWhereItsStoresAre() {
    // Given: two processes; the story assignment ran on the second one's clustering client
    Client enrichA = new Client(1, StageTaskAssignor.ENRICH, 2, Set.of(task(0, 0), task(0, 1), task(0, 2)));
    Client clusterA = new Client(2, StageTaskAssignor.CLUSTER, 1, Set.of());
    Client enrichB = new Client(3, StageTaskAssignor.ENRICH, 2, Set.of());
    Client clusterB = new Client(4, StageTaskAssignor.CLUSTER, 1, Set.of(ASSIGNMENT));

    // When
    Map<ProcessId, Set<TaskId>> assigned = assign(enrichA, clusterA, enrichB, clusterB);

    // Then: enrichment split 2/1 (the earlier owner keeping its tasks), story assignment stays put
    assertThat(assigned.get(enrichA.processId())).hasSize(2).isSubsetOf(ENRICHMENT);
    assertThat(assigned.get(enrichB.processId())).hasSize(1).isSubsetOf(ENRICHMENT);
    assertThat(assigned.get(clusterB.processId())).contains(ASSIGNMENT);
    assertThat(assigned.get(clusterA.processId())).isSubsetOf(REKEYING).isNotEmpty();
    assertThat(assigned.values().stream().mapToInt(Set::size).sum()).isEqualTo(7);
  }

  @Test
  void shouldGiveAStageWithoutClientsToAnyClient() {
    // Given: a process whose clustering client is gone, and an untagged client of an older version
    Client enrich = new Client(1, StageTaskAssignor.ENRICH, 2, Set.of());
    Client untagged = new Client(2, null, 1, Set.of());

    // When
    Map<ProcessId, Set<TaskId>> assigned = assign(enrich, untagged);

    // Then: enrichment on its client; clustering's tasks balanced over both by tasks per thread
    assertThat(assigned.get(enrich.processId())).containsAll(ENRICHMENT);
    assertThat(assigned.get(untagged.processId())).isNotEmpty();
    assertThat(assigned.values().stream().mapToInt(Set::size).sum()).isEqualTo(7);
  }

  private static Map<ProcessId, Set<TaskId>> assign(Client... clients) {
    Map<ProcessId, KafkaStreamsState> states = new TreeMap<>();
    for (Client client : clients) {
      states.put(client.processId(), client);
    }
    Map<TaskId, TaskInfo> tasks = new TreeMap<>();
    for (TaskId task : ENRICHMENT) {
      tasks.put(task, new Task(task, false));
    }
    for (TaskId task : REKEYING) {
      tasks.put(task, new Task(task, false));
    }
    tasks.put(ASSIGNMENT, new Task(ASSIGNMENT, true));
    ApplicationState state = new ApplicationState() {
      @Override
      public Map<ProcessId, KafkaStreamsState> kafkaStreamsStates(boolean computeTaskLags) {
        return states;
      }

      @Override
      public AssignmentConfigs assignmentConfigs() {
        throw new UnsupportedOperationException();
      }

      @Override
      public Map<TaskId, TaskInfo> allTasks() {
        return tasks;
      }
    };
    Map<ProcessId, Set<TaskId>> assigned = new HashMap<>();
    for (KafkaStreamsAssignment assignment : new StageTaskAssignor().assign(state).assignment()) {
      assertThat(assigned).doesNotContainKey(assignment.processId());
      assigned.put(assignment.processId(), new TreeSet<>(assignment.tasks().keySet()));
    }
    Set<TaskId> all = new TreeSet<>();
    assigned.values().forEach(owned -> owned.forEach(task -> assertThat(all.add(task)).isTrue()));
    assertThat(all).isEqualTo(tasks.keySet());
    return assigned;
  }

  private static TaskId task(int subtopology, int partition) {
    return new TaskId(subtopology, partition);
  }

  private record Task(TaskId id, boolean isStateful) implements TaskInfo {
    @Override
    public Set<String> stateStoreNames() {
      return Set.of();
    }

    @Override
    public Set<TaskTopicPartition> topicPartitions() {
      return Set.of();
    }
  }

  private record Client(int number, String stage, int threads, Set<TaskId> previous)
      implements KafkaStreamsState {
    @Override
    public ProcessId processId() {
      return new ProcessId(new UUID(0, number));
    }

    @Override
    public int numProcessingThreads() {
      return threads;
    }

    @Override
    public SortedSet<String> consumerClientIds() {
      return new TreeSet<>();
    }

    @Override
    public SortedSet<TaskId> previousActiveTasks() {
      return new TreeSet<>(previous);
    }

    @Override
    public SortedSet<TaskId> previousStandbyTasks() {
      return new TreeSet<>();
    }

    @Override
    public long lagFor(TaskId task) {
      throw new UnsupportedOperationException();
    }

    @Override
    public SortedSet<TaskId> prevTasksByLag(String consumerClientId) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Map<TaskId, Long> statefulTasksToLagSums() {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<HostInfo> hostInfo() {
      return Optional.empty();
    }

    @Override
    public Map<String, String> clientTags() {
      return stage == null ? Map.of() : Map.of(StageTaskAssignor.STAGE_TAG, stage);
    }

    @Override
    public Optional<String> rackId() {
      return Optional.empty();
    }
  }
}
