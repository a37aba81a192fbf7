package io.k8sm.local.agent;

import com.google.protobuf.ByteString;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * What one executor's supervisor knows about its tasks: each task's info, whether its LAUNCH went
 * out on a subscription, its latest state, and the uuids of every update the agent already holds
 * (updates are de-duplicated by uuid, as the Mesos status update manager does). Owned by a single
 * actor; not thread-safe.
 *
 * <p>{@link #toLaunch} decides which tasks a (re-)subscribing executor is sent as LAUNCH: the ones
 * that never went out, and the ones that went out but that the executor shows no sign of knowing
 * (not in its unacknowledged tasks, no update from it) because their LAUNCH was lost with the
 * previous stream.
 */
final class TaskBook {
  /** One task: {@code state} is empty until the first update (Mesos' TASK_STAGING). */
  static final class Entry {
    final TaskInfo info;
    boolean delivered;
    Optional<TaskState> state = Optional.empty();

    Entry(TaskInfo info) {
      this.info = info;
    }

    String id() {
      return info.getTaskId().getValue();
    }

    boolean terminal() {
      return state.map(TaskBook::isTerminal).orElse(false);
    }
  }

  private final Map<String, Entry> tasks = new LinkedHashMap<>();
  private final Set<ByteString> heldUuids = new HashSet<>();

  void add(TaskInfo task) {
    tasks.put(task.getTaskId().getValue(), new Entry(task));
  }

  Optional<Entry> get(String taskId) {
    return Optional.ofNullable(tasks.get(taskId));
  }

  /** Records an update; false when its uuid is already held (a duplicate that must not travel on). */
  boolean record(TaskStatus status) {
    if (!heldUuids.add(status.getUuid())) {
      return false;
    }
    Entry entry = tasks.get(status.getTaskId().getValue());
    if (entry != null) {
      entry.state = Optional.of(status.getState());
    }
    return true;
  }

  boolean holds(ByteString uuid) {
    return heldUuids.contains(uuid);
  }

  /** A task the agent itself ended (killed before delivery, failed with its executor). */
  void end(String taskId, TaskState state) {
    Entry entry = tasks.get(taskId);
    if (entry != null) {
      entry.state = Optional.of(state);
    }
  }

  /** What a KILL means for a task; see {@link #kill}. */
  enum KillOutcome { UNKNOWN, ALREADY_ENDED, KILLED_BEFORE_LAUNCH, FORWARD }

  /**
   * Applies a KILL: a task not yet delivered to the executor ends here as TASK_KILLED (the agent
   * reports it); a delivered one is the executor's to kill (FORWARD).
   */
  KillOutcome kill(String taskId) {
    Entry entry = tasks.get(taskId);
    if (entry == null) {
      return KillOutcome.UNKNOWN;
    }
    if (entry.delivered) {
      return KillOutcome.FORWARD;
    }
    if (entry.terminal()) {
      return KillOutcome.ALREADY_ENDED;
    }
    end(taskId, TaskState.TASK_KILLED);
    return KillOutcome.KILLED_BEFORE_LAUNCH;
  }

  List<Entry> nonTerminal() {
    return tasks.values().stream().filter(e -> !e.terminal()).toList();
  }

  boolean hasNonTerminal() {
    return tasks.values().stream().anyMatch(e -> !e.terminal());
  }

  /**
   * Tasks to send as LAUNCH after a SUBSCRIBE whose call listed {@code unackedTaskIds} and carried
   * updates for {@code updatedTaskIds}; marks them delivered.
   */
  List<TaskInfo> toLaunch(Set<String> unackedTaskIds, Set<String> updatedTaskIds) {
    List<TaskInfo> out = new ArrayList<>();
    for (Entry e : nonTerminal()) {
      boolean knownToExecutor = e.delivered
          && (e.state.isPresent() || unackedTaskIds.contains(e.id()) || updatedTaskIds.contains(e.id()));
      if (!knownToExecutor) {
        e.delivered = true;
        out.add(e.info);
      }
    }
    return out;
  }

  /** Queued tasks whose LAUNCH has not gone out yet; marks them delivered. */
  List<TaskInfo> deliverQueued() {
    List<TaskInfo> out = new ArrayList<>();
    for (Entry e : nonTerminal()) {
      if (!e.delivered) {
        e.delivered = true;
        out.add(e.info);
      }
    }
    return out;
  }

  static boolean isTerminal(TaskState state) {
    return switch (state) {
      case TASK_FINISHED, TASK_FAILED, TASK_KILLED, TASK_ERROR, TASK_LOST, TASK_DROPPED, TASK_GONE,
          TASK_GONE_BY_OPERATOR -> true;
      default -> false;
    };
  }
}
