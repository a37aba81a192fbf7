package io.k8sm.framework.testing;

import io.k8sm.framework.pods.TaskIds;
import io.k8sm.local.agent.Agent;
import io.k8sm.local.agent.AgentFactory;
import io.k8sm.local.agent.AgentListener;
import io.k8sm.local.sim.SimulatedAgents;
import akka.util.ByteString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * mesos-local's simulated agents with a witness: every launch and every terminal status is
 * counted per pod, so a test sees the ground truth a master would show — how many tasks of a pod
 * live at once (never two), and how many were ever launched.
 */
public final class CountingAgents implements AutoCloseable {
  private static final Set<TaskState> ENDED = Set.of(TaskState.TASK_FINISHED, TaskState.TASK_FAILED,
      TaskState.TASK_KILLED, TaskState.TASK_ERROR, TaskState.TASK_LOST, TaskState.TASK_DROPPED, TaskState.TASK_GONE,
      TaskState.TASK_GONE_BY_OPERATOR);

  private final SimulatedAgents simulated = new SimulatedAgents();
  private final Map<String, List<String>> launched = new HashMap<>();
  private final Map<String, String> liveTaskPod = new HashMap<>();
  private final Map<String, String> taskAgent = new HashMap<>();
  private final List<Witnessed> agents = new ArrayList<>();
  private final List<String> violations = new ArrayList<>();

  public List<AgentFactory> factories(int count, List<Resource> resources, Duration startDelay, long seed) {
    return simulated.factories(count, resources, startDelay, seed).stream()
        .<AgentFactory>map(f -> (id, listener) -> {
          Witnessed w = new Witnessed(f.start(id, new Listening(listener)));
          synchronized (this) {
            agents.add(w);
          }
          return w;
        }).toList();
  }

  /** Task ids ever launched for {@code podKey}, in order. */
  public synchronized List<String> launches(String podKey) {
    return List.copyOf(launched.getOrDefault(podKey, List.of()));
  }

  /** Live tasks per pod right now. */
  public synchronized Map<String, Long> live() {
    Map<String, Long> m = new HashMap<>();
    liveTaskPod.values().forEach(p -> m.merge(p, 1L, Long::sum));
    return m;
  }

  /** Every moment a pod had two live tasks, described. */
  public synchronized List<String> violations() {
    return List.copyOf(violations);
  }

  /** The agent holding the live task of {@code podKey}, if any. */
  public synchronized Optional<String> agentOf(String podKey) {
    return liveTaskPod.entrySet().stream().filter(e -> e.getValue().equals(podKey)).map(e -> taskAgent.get(e.getKey()))
        .findFirst();
  }

  /** The master declared {@code agentId} lost: its tasks no longer count as live. */
  public synchronized void markLost(String agentId) {
    taskAgent.entrySet().stream().filter(e -> e.getValue().equals(agentId)).map(Map.Entry::getKey).toList()
        .forEach(liveTaskPod::remove);
  }

  /** Every executor on every agent exits with {@code waitStatus} (9: killed by SIGKILL). */
  public void killExecutors(int waitStatus) {
    List<Witnessed> all;
    synchronized (this) {
      all = List.copyOf(agents);
    }
    for (Witnessed w : all) {
      w.executors.forEach((fw, ex) -> ((io.k8sm.local.sim.SimulatedAgent) w.inner).terminateExecutor(fw, ex,
          waitStatus));
    }
  }

  private synchronized void onLaunch(TaskInfo t) {
    String pod = TaskIds.podKey(t.getTaskId()).orElse("?");
    long alive = liveTaskPod.values().stream().filter(pod::equals).count();
    if (alive > 0) violations.add("pod " + pod + " launched " + t.getTaskId().getValue() + " while " + alive + " live");
    launched.computeIfAbsent(pod, k -> new ArrayList<>()).add(t.getTaskId().getValue());
    liveTaskPod.put(t.getTaskId().getValue(), pod);
    taskAgent.put(t.getTaskId().getValue(), t.getAgentId().getValue());
  }

  private synchronized void onStatus(TaskStatus s) {
    if (ENDED.contains(s.getState())) liveTaskPod.remove(s.getTaskId().getValue());
  }

  @Override
  public void close() {
    simulated.close();
  }

  private final class Listening implements AgentListener {
    private final AgentListener inner;

    Listening(AgentListener inner) {
      this.inner = inner;
    }

    @Override
    public void statusUpdate(FrameworkID framework, TaskStatus status) {
      onStatus(status);
      inner.statusUpdate(framework, status);
    }

    @Override
    public void executorTerminated(FrameworkID framework, ExecutorID executor, AgentID agent, int waitStatus) {
      inner.executorTerminated(framework, executor, agent, waitStatus);
    }

    @Override
    public void executorMessage(FrameworkID framework, ExecutorID executor, AgentID agent, ByteString data) {
      inner.executorMessage(framework, executor, agent, data);
    }
  }

  private final class Witnessed implements Agent {
    private final Agent inner;
    final Map<FrameworkID, ExecutorID> executors = new java.util.concurrent.ConcurrentHashMap<>();

    Witnessed(Agent inner) {
      this.inner = inner;
    }

    @Override
    public org.apache.mesos.v1.Protos.AgentInfo info() {
      return inner.info();
    }

    @Override
    public void launch(FrameworkInfo framework, ExecutorInfo executor, List<TaskInfo> tasks) {
      tasks.forEach(CountingAgents.this::onLaunch);
      executors.put(framework.getId(), executor.getExecutorId());
      inner.launch(framework, executor, tasks);
    }

    @Override
    public void kill(FrameworkID framework, TaskID task, Optional<KillPolicy> killPolicy) {
      inner.kill(framework, task, killPolicy);
    }

    @Override
    public void shutdownExecutor(FrameworkID framework, ExecutorID executor) {
      inner.shutdownExecutor(framework, executor);
    }

    @Override
    public void shutdownFramework(FrameworkID framework) {
      inner.shutdownFramework(framework);
    }

    @Override
    public void frameworkMessage(FrameworkID framework, ExecutorID executor, ByteString data) {
      inner.frameworkMessage(framework, executor, data);
    }

    @Override
    public void stop() {
      inner.stop();
    }
  }
}
