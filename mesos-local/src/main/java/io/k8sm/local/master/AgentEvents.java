package io.k8sm.local.master;

import akka.util.ByteString;
import io.k8sm.local.agent.Agent;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What agents report, turned into master state and scheduler events: status updates (latest state
 * recorded at once for accounting and reconciliation; uuid-bearing ones queued for reliable
 * delivery), executor exits (resources freed, FAILURE), executor messages, and agents joining or
 * being lost (offers rescinded, tasks TASK_UNREACHABLE or TASK_LOST with REASON_AGENT_REMOVED).
 */
final class AgentEvents {
  private static final Logger log = LoggerFactory.getLogger(AgentEvents.class);

  private final MasterState s;

  AgentEvents(MasterState s) {
    this.s = s;
  }

  void added(Agent agent) {
    AgentState a = new AgentState(agent, agent.info(), s.nowSeconds());
    s.agents.put(agent.info().getId(), a);
    s.lostAgents.remove(agent.info().getId());
    log.debug("agent {} ({}) registered with {}", agent.info().getId().getValue(), agent.info().getHostname(), a.total);
    s.effects.allocateSoon();
  }

  void statusUpdate(FrameworkID framework, TaskStatus status) {
    FrameworkState fw = s.frameworks.get(framework);
    if (fw == null) {
      fw = s.orphans.get(framework);
    }
    if (fw == null) {
      log.debug("update {} of task {} for unknown framework {} dropped", status.getState(),
          status.getTaskId().getValue(), framework.getValue());
      return;
    }
    TaskRecord t = fw.tasks.get(status.getTaskId());
    if (t != null) {
      if (!t.terminal()) {
        t.record(status);
      }
      if (t.terminal()) {
        s.release(fw, t);
      }
    }
    if (status.hasUuid()) {
      fw.updates.enqueue(status, s.clockMillis.getAsLong()).ifPresent(now -> sendIfKnown(framework, now));
    } else {
      sendIfKnown(framework, status);
      if (t != null) {
        s.forgetIfDone(fw, t);
      }
    }
  }

  private void sendIfKnown(FrameworkID framework, TaskStatus status) {
    FrameworkState fw = s.frameworks.get(framework);
    if (fw != null) {
      s.sendUpdate(fw, status);
    }
  }

  void executorTerminated(FrameworkID framework, ExecutorID executor, AgentID agent, int waitStatus) {
    AgentState a = s.agents.get(agent);
    if (a != null && a.removeExecutor(framework, executor)) {
      s.effects.allocateSoon();
    }
    FrameworkState fw = s.frameworks.get(framework);
    if (fw != null) {
      s.send(fw, Event.newBuilder().setType(Event.Type.FAILURE).setFailure(Event.Failure.newBuilder()
          .setAgentId(agent).setExecutorId(executor).setStatus(waitStatus)).build());
    }
  }

  void executorMessage(FrameworkID framework, ExecutorID executor, AgentID agent, ByteString data) {
    FrameworkState fw = s.frameworks.get(framework);
    if (fw != null) {
      s.send(fw, Event.newBuilder().setType(Event.Type.MESSAGE).setMessage(Event.Message.newBuilder()
          .setAgentId(agent).setExecutorId(executor)
          .setData(com.google.protobuf.ByteString.copyFrom(data.toArrayUnsafe()))).build());
    }
  }

  /** The agent is gone (partitioned, crashed): rescind its offers, report its tasks, stop it. */
  boolean lost(AgentID agentId) {
    AgentState a = s.agents.get(agentId);
    if (a == null) {
      return false;
    }
    log.info("agent {} lost", agentId.getValue());
    s.offers.values().stream().filter(o -> o.agent().equals(agentId)).toList().forEach(s::rescind);
    s.agents.remove(agentId);
    s.lostAgents.add(agentId);
    for (FrameworkState fw : s.frameworks.values()) {
      fw.filters.forget(agentId);
      for (TaskRecord t : fw.tasks.values().stream().filter(t -> t.agent.equals(agentId)).toList()) {
        fw.updates.forget(t.task.getTaskId());
        t.released = true;
        if (t.terminal()) {
          fw.tasks.remove(t.task.getTaskId());
          fw.complete(t);
          continue;
        }
        TaskStatus.Builder b = TaskStatus.newBuilder()
            .setTaskId(t.task.getTaskId())
            .setAgentId(agentId)
            .setExecutorId(t.executor)
            .setSource(TaskStatus.Source.SOURCE_MASTER)
            .setReason(TaskStatus.Reason.REASON_AGENT_REMOVED)
            .setMessage("Agent " + agentId.getValue() + " was removed")
            .setTimestamp(s.nowSeconds());
        if (fw.partitionAware()) {
          b.setState(TaskState.TASK_UNREACHABLE);
          b.getUnreachableTimeBuilder().setNanoseconds(System.currentTimeMillis() * 1_000_000L);
        } else {
          b.setState(TaskState.TASK_LOST);
        }
        t.record(b.build());
        s.sendUpdate(fw, t.latest);
        s.forgetIfDone(fw, t);
      }
      s.send(fw, Event.newBuilder().setType(Event.Type.FAILURE)
          .setFailure(Event.Failure.newBuilder().setAgentId(agentId)).build());
    }
    a.agent.stop();
    return true;
  }
}
