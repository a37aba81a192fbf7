package io.k8sm.local.master;

import java.time.Duration;
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
 * disconnected), suppressed roles, decline filters, tasks and unacknowledged status updates.
 * Owned by the master actor; never shared.
 */
final class FrameworkState {
  final FrameworkID id;
  FrameworkInfo info;
  Subscription stream;
  final Set<String> suppressedRoles = new HashSet<>();
  final OfferFilters filters = new OfferFilters();
  final Map<TaskID, TaskRecord> tasks = new LinkedHashMap<>();
  final StatusUpdateQueue updates;

  FrameworkState(FrameworkID id, FrameworkInfo info, Duration retryBackoff, Duration retryBackoffMax) {
    this.id = id;
    this.info = info;
    this.updates = new StatusUpdateQueue(retryBackoff, retryBackoffMax);
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
