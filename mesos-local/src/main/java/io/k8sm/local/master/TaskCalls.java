package io.k8sm.local.master;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KILL, SHUTDOWN, ACKNOWLEDGE, RECONCILE and MESSAGE. A kill of a task the master does not know as
 * live is answered by reconciliation, as Mesos does. An acknowledgement releases the next queued
 * update of its task; a terminal one lets the master forget the task.
 */
final class TaskCalls {
  private static final Logger log = LoggerFactory.getLogger(TaskCalls.class);

  private final MasterState s;

  TaskCalls(MasterState s) {
    this.s = s;
  }

  void kill(FrameworkState fw, Call.Kill kill) {
    TaskRecord t = fw.tasks.get(kill.getTaskId());
    AgentState a = t == null ? null : s.agents.get(t.agent);
    if (t == null || t.terminal() || a == null) {
      Call.Reconcile.Task.Builder rt = Call.Reconcile.Task.newBuilder().setTaskId(kill.getTaskId());
      if (kill.hasAgentId()) {
        rt.setAgentId(kill.getAgentId());
      }
      reconcile(fw, Call.Reconcile.newBuilder().addTasks(rt).build());
      return;
    }
    a.agent.kill(fw.id, kill.getTaskId(), kill.hasKillPolicy() ? Optional.of(kill.getKillPolicy()) : Optional.empty());
  }

  void shutdown(FrameworkState fw, Call.Shutdown shutdown) {
    AgentState a = s.agents.get(shutdown.getAgentId());
    if (a == null) {
      log.info("{}: SHUTDOWN for executor {} on unknown agent {}", fw.name(),
          shutdown.getExecutorId().getValue(), shutdown.getAgentId().getValue());
      return;
    }
    a.agent.shutdownExecutor(fw.id, shutdown.getExecutorId());
  }

  void acknowledge(FrameworkState fw, Call.Acknowledge ack) {
    var result = fw.updates.acknowledge(ack.getTaskId(), ack.getUuid(), s.clockMillis.getAsLong());
    if (result instanceof StatusUpdateQueue.AckResult.Rejected r) {
      log.info("{}: ignoring ACKNOWLEDGE: {}", fw.name(), r.reason());
      return;
    }
    var acked = (StatusUpdateQueue.AckResult.Acked) result;
    acked.next().ifPresent(next -> s.sendUpdate(fw, next));
    TaskRecord t = fw.tasks.get(ack.getTaskId());
    if (t != null) {
      s.forgetIfDone(fw, t);
    }
  }

  void reconcile(FrameworkState fw, Call.Reconcile reconcile) {
    Map<TaskID, TaskStatus> latest = new LinkedHashMap<>();
    fw.tasks.forEach((id, t) -> latest.put(id, t.latest));
    for (TaskStatus answer : Reconciler.answer(reconcile, latest, this::knowledge, fw.partitionAware(), s.nowSeconds())) {
      s.sendUpdate(fw, answer);
    }
  }

  private Reconciler.AgentKnowledge knowledge(org.apache.mesos.v1.Protos.AgentID agent) {
    if (s.agents.containsKey(agent)) {
      return Reconciler.AgentKnowledge.REGISTERED;
    }
    return s.lostAgents.contains(agent) ? Reconciler.AgentKnowledge.UNREACHABLE : Reconciler.AgentKnowledge.UNKNOWN;
  }

  void message(FrameworkState fw, Call.Message message) {
    AgentState a = s.agents.get(message.getAgentId());
    if (a == null) {
      log.info("{}: MESSAGE for unknown agent {} dropped", fw.name(), message.getAgentId().getValue());
      return;
    }
    a.agent.frameworkMessage(fw.id, message.getExecutorId(),
        akka.util.ByteString.fromArrayUnsafe(message.getData().toByteArray()));
  }
}
