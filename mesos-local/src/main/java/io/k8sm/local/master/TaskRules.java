package io.k8sm.local.master;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * The per-task rules of a LAUNCH (Mesos's task and executor validation) and the resource check of
 * one task against what is left of the offers. Every "no" is a sentence for TaskStatus.message.
 */
final class TaskRules {
  private TaskRules() {}

  /** Where a valid task lands: its executor, whether that is new, and the resources left after it. */
  record Placement(Optional<String> problem, ExecutorInfo executor, boolean newExecutor, Resources left) {
    static Placement no(String reason) {
      return new Placement(Optional.of(reason), null, false, null);
    }
  }

  static Optional<String> check(TaskInfo t, AgentID offerAgent, Set<TaskID> earlier, Predicate<TaskID> inUse) {
    Optional<String> bad = Ids.invalid("Task", t.getTaskId().getValue());
    if (bad.isPresent()) {
      return bad;
    }
    if (earlier.contains(t.getTaskId()) || inUse.test(t.getTaskId())) {
      return Optional.of("Task has duplicate ID: " + t.getTaskId().getValue());
    }
    if (!t.getAgentId().equals(offerAgent)) {
      return Optional.of("Task uses invalid agent: " + t.getAgentId().getValue()
          + " (the offers are of agent " + offerAgent.getValue() + ")");
    }
    if (t.hasExecutor() == t.hasCommand()) {
      return Optional.of("Task should have at least one (but not both) of CommandInfo or ExecutorInfo present");
    }
    if (t.getResourcesCount() == 0) {
      return Optional.of("Task uses no resources");
    }
    if (t.hasExecutor()) {
      ExecutorInfo e = t.getExecutor();
      bad = Ids.invalid("Executor", e.getExecutorId().getValue());
      if (bad.isPresent()) {
        return bad;
      }
      if (!e.hasCommand() && e.getType() != ExecutorInfo.Type.DEFAULT) {
        return Optional.of("Executor '" + e.getExecutorId().getValue() + "' has no CommandInfo");
      }
    }
    return Optional.empty();
  }

  static Placement place(TaskInfo t, FrameworkID framework, Map<ExecutorID, ExecutorInfo> executors, Resources left) {
    ExecutorInfo executor = t.hasExecutor() ? withFramework(t.getExecutor(), framework) : commandExecutor(t, framework);
    if (t.hasExecutor() && t.getExecutor().hasFrameworkId() && !t.getExecutor().getFrameworkId().equals(framework)) {
      return Placement.no("ExecutorInfo has an invalid FrameworkID: " + t.getExecutor().getFrameworkId().getValue());
    }
    ExecutorInfo known = executors.get(executor.getExecutorId());
    if (known != null && !known.equals(executor)) {
      return Placement.no("ExecutorInfo is not compatible with the ExecutorInfo of executor '"
          + executor.getExecutorId().getValue() + "' already known to the agent");
    }
    boolean newExecutor = known == null;
    Resources needed;
    try {
      needed = Resources.of(t.getResourcesList());
      if (newExecutor) {
        needed = needed.plus(Resources.of(executor.getResourcesList()));
      }
    } catch (IllegalArgumentException e) {
      return Placement.no("Task uses invalid resources: " + e.getMessage());
    }
    if (Resources.of(t.getResourcesList()).isEmpty()) {
      return Placement.no("Task uses no resources");
    }
    if (!left.contains(needed)) {
      return Placement.no("Task uses more resources " + needed + " than available " + left);
    }
    return new Placement(Optional.empty(), executor, newExecutor, left.minus(needed));
  }

  private static ExecutorInfo withFramework(ExecutorInfo e, FrameworkID framework) {
    return e.hasFrameworkId() ? e : e.toBuilder().setFrameworkId(framework).build();
  }

  /** The built-in command executor Mesos would run for a command task: id = task id, no resources. */
  private static ExecutorInfo commandExecutor(TaskInfo t, FrameworkID framework) {
    return ExecutorInfo.newBuilder()
        .setType(ExecutorInfo.Type.DEFAULT)
        .setExecutorId(ExecutorID.newBuilder().setValue(t.getTaskId().getValue()))
        .setFrameworkId(framework)
        .setName("Command Executor (Task: " + t.getTaskId().getValue() + ")")
        .setCommand(t.hasCommand() ? t.getCommand() : CommandInfo.getDefaultInstance())
        .build();
  }
}
