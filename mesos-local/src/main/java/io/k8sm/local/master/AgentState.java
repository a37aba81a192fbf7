package io.k8sm.local.master;

import io.k8sm.local.agent.Agent;
import java.util.HashMap;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;

/**
 * The master's view of one registered agent: its total resources, what tasks and executors use,
 * what is out in offers, and the executors of each framework. free = total - used - offered.
 */
final class AgentState {
  final Agent agent;
  final AgentInfo info;
  final Resources total;
  final double registeredTime;
  Resources used = Resources.empty();
  Resources offered = Resources.empty();
  final Map<FrameworkID, Map<ExecutorID, ExecutorInfo>> executors = new HashMap<>();

  AgentState(Agent agent, AgentInfo info, double registeredTime) {
    this.agent = agent;
    this.registeredTime = registeredTime;
    this.info = info;
    this.total = Resources.of(info.getResourcesList());
  }

  Resources free() {
    return total.minus(used).minus(offered);
  }

  Map<ExecutorID, ExecutorInfo> executorsOf(FrameworkID framework) {
    return executors.getOrDefault(framework, Map.of());
  }

  /** Releases what an executor holds and forgets it; false when it was not known. */
  boolean removeExecutor(FrameworkID framework, ExecutorID executor) {
    Map<ExecutorID, ExecutorInfo> of = executors.get(framework);
    ExecutorInfo info = of == null ? null : of.remove(executor);
    if (info == null) {
      return false;
    }
    used = used.minus(Resources.of(info.getResourcesList()));
    if (of.isEmpty()) {
      executors.remove(framework);
    }
    return true;
  }
}
