package io.k8sm.local.sim;

import akka.util.ByteString;
import io.k8sm.local.agent.Agent;
import io.k8sm.local.agent.AgentListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * An agent with no processes: a launched task reports TASK_STARTING at once and TASK_RUNNING after
 * the configured delay, as an executor would (16-byte uuid, SOURCE_EXECUTOR, executor id set). A
 * kill answers TASK_KILLED; a scheduler MESSAGE is echoed back to the scheduler as an executor
 * MESSAGE. Thousands fit in one JVM: all simulated agents share one timer thread, and every state
 * change runs on it, so an agent needs no lock and no thread of its own.
 *
 * <p>Fault hooks ({@link #failTask}, {@link #finishTask}, {@link #terminateExecutor}) let tests
 * drive what real executors would do. uuids come from a seeded random: runs are reproducible.
 */
public final class SimulatedAgent implements Agent {
  private final AgentInfo info;
  private final AgentListener listener;
  private final ScheduledExecutorService timer;
  private final Duration startDelay;
  private final Random random;
  private final Map<TaskID, SimTask> tasks = new HashMap<>();
  private boolean stopped;

  private static final class SimTask {
    final FrameworkID framework;
    final ExecutorID executor;
    TaskState state = TaskState.TASK_STAGING;
    ScheduledFuture<?> running;

    SimTask(FrameworkID framework, ExecutorID executor) {
      this.framework = framework;
      this.executor = executor;
    }
  }

  public SimulatedAgent(AgentInfo info, AgentListener listener, ScheduledExecutorService timer, Duration startDelay,
      long seed) {
    this.info = info;
    this.listener = listener;
    this.timer = timer;
    this.startDelay = startDelay;
    this.random = new Random(seed);
  }

  @Override
  public AgentInfo info() {
    return info;
  }

  @Override
  public void launch(FrameworkInfo framework, ExecutorInfo executor, List<TaskInfo> launched) {
    timer.execute(() -> {
      for (TaskInfo t : launched) {
        SimTask st = new SimTask(framework.getId(), executor.getExecutorId());
        tasks.put(t.getTaskId(), st);
        report(t.getTaskId(), st, TaskState.TASK_STARTING, null, null);
        st.running = timer.schedule(() -> {
          if (st.state == TaskState.TASK_STARTING) {
            report(t.getTaskId(), st, TaskState.TASK_RUNNING, null, null);
          }
        }, startDelay.toNanos(), TimeUnit.NANOSECONDS);
      }
    });
  }

  @Override
  public void kill(FrameworkID framework, TaskID task, Optional<KillPolicy> killPolicy) {
    timer.execute(() -> {
      SimTask st = tasks.get(task);
      if (st == null || !st.framework.equals(framework)) {
        SimTask unknown = new SimTask(framework, ExecutorID.getDefaultInstance());
        report(task, unknown, TaskState.TASK_LOST, TaskStatus.Reason.REASON_RECONCILIATION, "Task is unknown to the agent",
            TaskStatus.Source.SOURCE_AGENT);
        return;
      }
      boolean launching = st.state == TaskState.TASK_STARTING || st.state == TaskState.TASK_STAGING;
      end(task, st, TaskState.TASK_KILLED,
          launching ? TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH : null, "Killed on request");
    });
  }

  @Override
  public void shutdownExecutor(FrameworkID framework, ExecutorID executor) {
    timer.execute(() -> {
      boolean any = endAll(framework, executor, TaskState.TASK_KILLED, null, "Executor shut down");
      if (any) {
        listener.executorTerminated(framework, executor, info.getId(), 0);
      }
    });
  }

  @Override
  public void shutdownFramework(FrameworkID framework) {
    timer.execute(() -> endAll(framework, null, TaskState.TASK_KILLED, null, "Framework shut down"));
  }

  @Override
  public void frameworkMessage(FrameworkID framework, ExecutorID executor, ByteString data) {
    timer.execute(() -> {
      if (!stopped) {
        listener.executorMessage(framework, executor, info.getId(), data);
      }
    });
  }

  @Override
  public void stop() {
    timer.execute(() -> {
      stopped = true;
      tasks.values().forEach(t -> cancel(t));
      tasks.clear();
    });
  }

  /** Fault: the task fails with {@code message} (TASK_FAILED from its executor). */
  public void failTask(TaskID task, String message) {
    timer.execute(() -> {
      SimTask st = tasks.get(task);
      if (st != null) {
        end(task, st, TaskState.TASK_FAILED, null, message);
      }
    });
  }

  /** The task completes successfully (TASK_FINISHED). */
  public void finishTask(TaskID task) {
    timer.execute(() -> {
      SimTask st = tasks.get(task);
      if (st != null) {
        end(task, st, TaskState.TASK_FINISHED, null, "Task finished");
      }
    });
  }

  /**
   * Fault: the executor exits with POSIX wait status {@code waitStatus}; its live tasks fail with
   * REASON_EXECUTOR_TERMINATED and the master hears of the exit.
   */
  public void terminateExecutor(FrameworkID framework, ExecutorID executor, int waitStatus) {
    timer.execute(() -> {
      endAll(framework, executor, TaskState.TASK_FAILED, TaskStatus.Reason.REASON_EXECUTOR_TERMINATED,
          "Executor terminated");
      listener.executorTerminated(framework, executor, info.getId(), waitStatus);
    });
  }

  private boolean endAll(FrameworkID framework, ExecutorID executor, TaskState state, TaskStatus.Reason reason,
      String message) {
    List<TaskID> ids = new ArrayList<>();
    tasks.forEach((id, t) -> {
      if (t.framework.equals(framework) && (executor == null || t.executor.equals(executor))) {
        ids.add(id);
      }
    });
    ids.forEach(id -> end(id, tasks.get(id), state, reason, message));
    return !ids.isEmpty();
  }

  private void end(TaskID id, SimTask st, TaskState state, TaskStatus.Reason reason, String message) {
    cancel(st);
    tasks.remove(id);
    report(id, st, state, reason, message);
  }

  private static void cancel(SimTask st) {
    if (st.running != null) {
      st.running.cancel(false);
    }
  }

  private void report(TaskID id, SimTask st, TaskState state, TaskStatus.Reason reason, String message) {
    report(id, st, state, reason, message, TaskStatus.Source.SOURCE_EXECUTOR);
  }

  private void report(TaskID id, SimTask st, TaskState state, TaskStatus.Reason reason, String message,
      TaskStatus.Source source) {
    if (stopped) {
      return;
    }
    st.state = state;
    byte[] uuid = new byte[16];
    random.nextBytes(uuid);
    TaskStatus.Builder b = TaskStatus.newBuilder()
        .setTaskId(id)
        .setState(state)
        .setSource(source)
        .setAgentId(info.getId())
        .setTimestamp(System.currentTimeMillis() / 1000.0)
        .setUuid(com.google.protobuf.ByteString.copyFrom(uuid));
    if (st.executor.hasValue()) {
      b.setExecutorId(st.executor);
    }
    if (reason != null) {
      b.setReason(reason);
    }
    if (message != null) {
      b.setMessage(message);
    }
    listener.statusUpdate(st.framework, b.build());
  }
}
