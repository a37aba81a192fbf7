package io.k8sm.local.master;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * Answers RECONCILE as a Mesos master does. Explicit: per listed task its latest state when known,
 * otherwise a verdict from what the master knows of the agent (GONE, UNREACHABLE, GONE_BY_OPERATOR
 * or UNKNOWN; all TASK_LOST for frameworks without PARTITION_AWARE). Implicit (no tasks listed):
 * the latest state of every task the master knows. Answers come from the master: no uuid (never
 * acknowledged), {@code REASON_RECONCILIATION}, without {@code data} and {@code labels}.
 */
public final class Reconciler {
  /** What the master knows of an agent named in a reconciliation request. */
  public enum AgentKnowledge { REGISTERED, UNREACHABLE, REMOVED, UNKNOWN }

  private Reconciler() {}

  public static List<TaskStatus> answer(
      Call.Reconcile request,
      Map<TaskID, TaskStatus> latest,
      Function<AgentID, AgentKnowledge> agents,
      boolean partitionAware,
      double nowSeconds) {
    List<TaskStatus> out = new ArrayList<>();
    if (request.getTasksCount() == 0) {
      latest.values().forEach(s -> out.add(known(s, nowSeconds)));
      return out;
    }
    for (Call.Reconcile.Task t : request.getTasksList()) {
      TaskStatus s = latest.get(t.getTaskId());
      if (s != null) {
        out.add(known(s, nowSeconds));
        continue;
      }
      AgentKnowledge k = t.hasAgentId() ? agents.apply(t.getAgentId()) : AgentKnowledge.UNKNOWN;
      TaskState state = switch (k) {
        case REGISTERED -> TaskState.TASK_GONE;
        case UNREACHABLE -> TaskState.TASK_UNREACHABLE;
        case REMOVED -> TaskState.TASK_GONE_BY_OPERATOR;
        case UNKNOWN -> TaskState.TASK_UNKNOWN;
      };
      TaskStatus.Builder b = TaskStatus.newBuilder()
          .setTaskId(t.getTaskId())
          .setState(partitionAware ? state : TaskState.TASK_LOST)
          .setSource(TaskStatus.Source.SOURCE_MASTER)
          .setReason(TaskStatus.Reason.REASON_RECONCILIATION)
          .setMessage("Reconciliation: task is unknown to the master")
          .setTimestamp(nowSeconds);
      if (t.hasAgentId()) {
        b.setAgentId(t.getAgentId());
      }
      out.add(b.build());
    }
    return out;
  }

  private static TaskStatus known(TaskStatus latest, double nowSeconds) {
    return latest.toBuilder()
        .clearUuid()
        .clearData()
        .clearLabels()
        .setSource(TaskStatus.Source.SOURCE_MASTER)
        .setReason(TaskStatus.Reason.REASON_RECONCILIATION)
        .setMessage("Reconciliation: latest task state")
        .setTimestamp(nowSeconds)
        .build();
  }
}
