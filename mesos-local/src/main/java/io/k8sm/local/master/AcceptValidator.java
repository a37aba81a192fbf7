package io.k8sm.local.master;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * Decides what an ACCEPT does, as a Mesos master would. First the offers: all outstanding, listed
 * once, this framework's, one agent (else every task is TASK_LOST, or TASK_DROPPED for
 * PARTITION_AWARE frameworks, with REASON_INVALID_OFFERS). Then each task in order against what is
 * left of the offers: a task that breaks a rule gets TASK_ERROR with REASON_TASK_INVALID and earlier
 * valid tasks still launch. A new executor costs its resources once; a running one costs nothing.
 */
public final class AcceptValidator {
  private AcceptValidator() {}

  /** One task to launch; {@code commandExecutor} when the executor was made for a command task. */
  public record Launch(TaskInfo task, ExecutorInfo executor, boolean newExecutor, boolean commandExecutor) {}

  /**
   * The outcome: offers consumed (removed from the outstanding set whatever else happens), launches,
   * master-generated rejections, and the unused resources to decline with the call's filters.
   */
  public record Result(List<OfferRecord> usedOffers, Optional<AgentID> agent, List<Launch> launches,
      List<TaskStatus> rejections, Resources unused, Optional<String> invalidOffers) {}

  /** What the validator needs to know of the master's state. */
  public record Context(FrameworkID framework, boolean partitionAware, Map<OfferID, OfferRecord> outstanding,
      Predicate<TaskID> taskIdInUse, Map<ExecutorID, ExecutorInfo> runningExecutorsOnAgent, double nowSeconds) {}

  public static Result validate(Call.Accept accept, Context ctx) {
    List<OfferRecord> used = new ArrayList<>();
    Optional<String> offerProblem = checkOffers(accept, ctx, used);
    List<TaskInfo> tasks = tasksOf(accept);
    if (offerProblem.isPresent()) {
      List<TaskStatus> lost = new ArrayList<>();
      TaskState state = ctx.partitionAware() ? TaskState.TASK_DROPPED : TaskState.TASK_LOST;
      for (TaskInfo t : tasks) {
        lost.add(status(t, state, TaskStatus.Reason.REASON_INVALID_OFFERS, offerProblem.get(), ctx));
      }
      Resources back = used.stream().map(OfferRecord::resources).reduce(Resources.empty(), Resources::plus);
      return new Result(used, Optional.empty(), List.of(), lost, back, offerProblem);
    }
    AgentID agent = used.get(0).agent();
    Resources left = used.stream().map(OfferRecord::resources).reduce(Resources.empty(), Resources::plus);
    List<Launch> launches = new ArrayList<>();
    List<TaskStatus> rejections = new ArrayList<>();
    Set<TaskID> seen = new HashSet<>();
    Map<ExecutorID, ExecutorInfo> executors = new HashMap<>(ctx.runningExecutorsOnAgent());
    for (Operation op : accept.getOperationsList()) {
      List<TaskInfo> opTasks = tasksOf(op);
      Optional<ExecutorInfo> groupExecutor = op.getType() == Operation.Type.LAUNCH_GROUP
          ? Optional.of(op.getLaunchGroup().getExecutor()) : Optional.empty();
      Optional<String> opProblem = op.hasId()
          ? Optional.of("An operation id must not be set on " + op.getType()) : Optional.empty();
      if (opProblem.isEmpty() && groupExecutor.isPresent() && !groupExecutor.get().hasType()) {
        opProblem = Optional.of("The executor of a task group must have 'type' set");
      }
      for (TaskInfo task : opTasks) {
        TaskInfo t = groupExecutor.isPresent() && !task.hasExecutor()
            ? task.toBuilder().setExecutor(groupExecutor.get()).build() : task;
        Optional<String> problem = opProblem.isPresent() ? opProblem : TaskRules.check(t, agent, seen, ctx.taskIdInUse());
        if (problem.isEmpty()) {
          TaskRules.Placement p = TaskRules.place(t, ctx.framework(), executors, left);
          if (p.problem().isPresent()) {
            problem = p.problem();
          } else {
            left = p.left();
            executors.put(p.executor().getExecutorId(), p.executor());
            launches.add(new Launch(t, p.executor(), p.newExecutor(), !t.hasExecutor()));
          }
        }
        seen.add(t.getTaskId());
        problem.ifPresent(reason -> rejections.add(
            status(t, TaskState.TASK_ERROR, TaskStatus.Reason.REASON_TASK_INVALID, reason, ctx)));
      }
    }
    return new Result(used, Optional.of(agent), launches, rejections, left, Optional.empty());
  }

  private static Optional<String> checkOffers(Call.Accept accept, Context ctx, List<OfferRecord> used) {
    if (accept.getOfferIdsCount() == 0) {
      return Optional.of("No offers specified");
    }
    Set<OfferID> distinct = new HashSet<>();
    String problem = null;
    for (OfferID id : accept.getOfferIdsList()) {
      if (!distinct.add(id)) {
        problem = problem != null ? problem : "Duplicate offer " + id.getValue() + " in the accept";
        continue;
      }
      OfferRecord o = ctx.outstanding().get(id);
      if (o == null) {
        problem = problem != null ? problem : "Offer " + id.getValue() + " is no longer valid";
      } else if (!o.framework().equals(ctx.framework())) {
        problem = problem != null ? problem : "Offer " + id.getValue() + " has invalid framework";
      } else {
        if (!used.isEmpty() && !used.get(0).agent().equals(o.agent())) {
          problem = problem != null ? problem : "Aggregated offers must belong to one single agent";
        } else if (!used.isEmpty() && !used.get(0).role().equals(o.role())) {
          problem = problem != null ? problem : "Aggregated offers must be allocated to the same role";
        }
        used.add(o);
      }
    }
    return Optional.ofNullable(problem);
  }

  private static List<TaskInfo> tasksOf(Call.Accept accept) {
    List<TaskInfo> out = new ArrayList<>();
    accept.getOperationsList().forEach(op -> out.addAll(tasksOf(op)));
    return out;
  }

  private static List<TaskInfo> tasksOf(Operation op) {
    return switch (op.getType()) {
      case LAUNCH -> op.getLaunch().getTaskInfosList();
      case LAUNCH_GROUP -> op.getLaunchGroup().getTaskGroup().getTasksList();
      default -> List.of();
    };
  }

  private static TaskStatus status(TaskInfo t, TaskState state, TaskStatus.Reason reason, String message, Context ctx) {
    TaskStatus.Builder b = TaskStatus.newBuilder()
        .setTaskId(t.getTaskId())
        .setState(state)
        .setSource(TaskStatus.Source.SOURCE_MASTER)
        .setReason(reason)
        .setMessage(message)
        .setTimestamp(ctx.nowSeconds());
    if (t.hasAgentId()) {
      b.setAgentId(t.getAgentId());
    }
    if (t.hasExecutor()) {
      b.setExecutorId(t.getExecutor().getExecutorId());
    }
    return b.build();
  }
}
