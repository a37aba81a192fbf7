package io.k8sm.local.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;

/**
 * What an executor's SUBSCRIBE hands back to the agent: the unacknowledged updates the agent takes
 * custody of (those that pass validation; the others are ignored with a reason, as Mesos does), and
 * the task ids it names, which decide the tasks to launch again ({@link TaskBook#toLaunch}).
 */
record SubscribeReplay(List<TaskStatus> updates, List<String> ignored, Set<String> unacknowledgedTasks,
    Set<String> updatedTasks) {

  static SubscribeReplay of(Call subscribeCall) {
    Call.Subscribe sub = subscribeCall.getSubscribe();
    List<TaskStatus> updates = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    for (Call.Update u : sub.getUnacknowledgedUpdatesList()) {
      CallValidator.status(u.getStatus(), subscribeCall).ifPresentOrElse(ignored::add, () -> updates.add(u.getStatus()));
    }
    Set<String> unacknowledged = sub.getUnacknowledgedTasksList().stream()
        .map(t -> t.getTaskId().getValue()).collect(Collectors.toSet());
    Set<String> updated = sub.getUnacknowledgedUpdatesList().stream()
        .map(u -> u.getStatus().getTaskId().getValue()).collect(Collectors.toSet());
    return new SubscribeReplay(List.copyOf(updates), List.copyOf(ignored), unacknowledged, updated);
  }
}
