package io.k8sm.local.master;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskID;

/**
 * What the master holds for one framework: its info, its current subscription (absent while
 * disconnected), suppressed roles, decline filters, tasks, unacknowledged status updates, and the
 * latest {@value #MAX_COMPLETED_TASKS} completed tasks (Mesos's default
 * {@code --max_completed_tasks_per_framework}), oldest dropped first. Owned by the master actor;
 * never shared.
 */
final class FrameworkState {
  static final int MAX_COMPLETED_TASKS = 1000;

  final FrameworkID id;
  FrameworkInfo info;
  Subscription stream;
  final Set<String> suppressedRoles = new HashSet<>();
  final OfferFilters filters = new OfferFilters();
  final Map<TaskID, TaskRecord> tasks = new LinkedHashMap<>();
  final StatusUpdateQueue updates;
  final Deque<TaskRecord> completed = new ArrayDeque<>();

  FrameworkState(FrameworkID id, FrameworkInfo info, Duration retryBackoff, Duration retryBackoffMax) {
    this.id = id;
    this.info = info;
    this.updates = new StatusUpdateQueue(retryBackoff, retryBackoffMax);
  }

  /** A task the master no longer tracks as live (terminal and acknowledged, or removed with its framework). */
  void complete(TaskRecord t) {
    if (completed.size() == MAX_COMPLETED_TASKS) {
      completed.removeFirst();
    }
    completed.addLast(t);
  }

  boolean connected() {
    return stream != null && stream.isOpen();
  }

  boolean partitionAware() {
    return FrameworkRoles.has(info, FrameworkInfo.Capability.Type.PARTITION_AWARE);
  }

  /** The role offers go to: the first role that is not suppressed, if any. */
  Optional<String> offerRole() {
    List<String> roles = FrameworkRoles.of(info);
    return roles.stream().filter(r -> !suppressedRoles.contains(r)).findFirst();
  }

  String name() {
    return info.getName() + " (" + id.getValue() + ")";
  }
}
