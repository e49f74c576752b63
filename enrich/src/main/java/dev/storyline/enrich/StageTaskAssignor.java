package dev.storyline.enrich;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.assignment.ApplicationState;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsAssignment.AssignedTask;
import org.apache.kafka.streams.processor.assignment.KafkaStreamsState;
import org.apache.kafka.streams.processor.assignment.ProcessId;
import org.apache.kafka.streams.processor.assignment.TaskAssignor;
import org.apache.kafka.streams.processor.assignment.TaskInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the enrichment stage's tasks to the Streams clients tagged {@code stage=enrich} and the
 * clustering stage's tasks to those tagged {@code stage=cluster} ({@code client.tag.stage}), so
 * that in one process the clustering stage runs on a stream thread of its own instead of sharing
 * the tagging threads (see {@link EnrichService}). Tasks of a stage no client is tagged for go to
 * any client.
 *
 * <p>The enrichment stage is subtopology {@value #ENRICHMENT_SUBTOPOLOGY}: {@link EnrichApp#topology}
 * adds it first. Within a stage, a stateful task stays with the client that had it (its stores
 * are there), or goes to the least loaded one; stateless tasks go to the least loaded client by
 * tasks per stream thread, the previous owner winning a tie. Active tasks only: the app runs no
 * standby replicas.
 */
public final class StageTaskAssignor implements TaskAssignor {

  private static final Logger LOG = LoggerFactory.getLogger(StageTaskAssignor.class);

  /** The client tag naming the stage a client runs. */
  public static final String STAGE_TAG = "stage";

  /** Tag value of a client that runs the enrichment stage. */
  public static final String ENRICH = "enrich";

  /** Tag value of a client that runs the clustering stage. */
  public static final String CLUSTER = "cluster";

  /** The subtopology of the enrichment stage; every other one belongs to clustering. */
  public static final int ENRICHMENT_SUBTOPOLOGY = 0;

  @Override
  public TaskAssignment assign(ApplicationState state) {
    Map<ProcessId, KafkaStreamsState> clients = new TreeMap<>(state.kafkaStreamsStates(false));
    Map<ProcessId, Set<AssignedTask>> assigned = new TreeMap<>();
    clients.keySet().forEach(client -> assigned.put(client, new HashSet<>()));
    List<TaskInfo> stateful = new ArrayList<>();
    List<TaskInfo> stateless = new ArrayList<>();
    new TreeMap<>(state.allTasks()).values()
        .forEach(task -> (task.isStateful() ? stateful : stateless).add(task));
    for (TaskInfo task : stateful) {
      List<KafkaStreamsState> candidates = candidates(clients, task.id());
      KafkaStreamsState owner = candidates.stream()
          .filter(client -> client.previousActiveTasks().contains(task.id()))
          .findFirst()
          .orElseGet(() -> leastLoaded(candidates, assigned, task.id()));
      assigned.get(owner.processId()).add(new AssignedTask(task.id(), AssignedTask.Type.ACTIVE));
    }
    for (TaskInfo task : stateless) {
      KafkaStreamsState owner = leastLoaded(candidates(clients, task.id()), assigned, task.id());
      assigned.get(owner.processId()).add(new AssignedTask(task.id(), AssignedTask.Type.ACTIVE));
    }
    List<KafkaStreamsAssignment> assignment = new ArrayList<>();
    assigned.forEach((client, tasks) -> {
      assignment.add(KafkaStreamsAssignment.of(client, tasks));
      LOG.debug("Client {} ({}): tasks {}", client, clients.get(client).clientTags(),
          new TreeSet<>(tasks.stream().map(AssignedTask::id).toList()));
    });
    return new TaskAssignment(assignment);
  }

  /** The stage a task belongs to. */
  static String stageOf(TaskId task) {
    return task.subtopology() == ENRICHMENT_SUBTOPOLOGY ? ENRICH : CLUSTER;
  }

  /** The clients tagged for the task's stage, in process id order; all clients when none is. */
  private static List<KafkaStreamsState> candidates(Map<ProcessId, KafkaStreamsState> clients, TaskId task) {
    String stage = stageOf(task);
    List<KafkaStreamsState> tagged = clients.values().stream()
        .filter(client -> stage.equals(client.clientTags().get(STAGE_TAG)))
        .toList();
    return tagged.isEmpty() ? List.copyOf(clients.values()) : tagged;
  }

  /**
   * The candidate with the fewest tasks per stream thread once it takes this one; among equals, the
   * task's previous owner, then the first in process id order.
   */
  private static KafkaStreamsState leastLoaded(
      List<KafkaStreamsState> candidates, Map<ProcessId, Set<AssignedTask>> assigned, TaskId task) {
    KafkaStreamsState best = null;
    double bestLoad = Double.MAX_VALUE;
    for (KafkaStreamsState client : candidates) {
      double load = (assigned.get(client.processId()).size() + 1.0)
          / Math.max(1, client.numProcessingThreads());
      boolean better = load < bestLoad
          || (load == bestLoad && client.previousActiveTasks().contains(task)
              && !best.previousActiveTasks().contains(task));
      if (better) {
        best = client;
        bestLoad = load;
      }
    }
    return best;
  }
}
