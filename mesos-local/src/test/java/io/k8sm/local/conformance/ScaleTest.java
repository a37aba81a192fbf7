package io.k8sm.local.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k8sm.local.MesosLocalSettings;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

/** Thousands of simulated agents in one JVM: all offered, tasks launched on many of them run. */
class ScaleTest extends ConformanceBase {
  private static final int AGENTS = 2000;
  private static final int TASKS = 100;

  @Override
  MesosLocalSettings.Builder settings() {
    return super.settings().simulatedAgents(AGENTS).heartbeatInterval(java.time.Duration.ofSeconds(5));
  }

  @Test
  void everyAgentIsOfferedAndTasksRunAcrossMany() throws Exception {
    Subscribed sub = subscribe(proto, "big");
    List<Offer> offers = awaitOffers(sub.stream(), AGENTS);
    Set<String> agents = new HashSet<>();
    offers.forEach(o -> agents.add(o.getAgentId().getValue()));
    assertEquals(AGENTS, agents.size());
    for (int i = 0; i < TASKS; i++) {
      Launching.launchOne(proto, sub, offers.get(i), "task-" + i);
    }
    Set<String> running = new HashSet<>();
    while (running.size() < TASKS) {
      Event e = sub.stream().await(Event.Type.UPDATE);
      TaskStatus s = e.getUpdate().getStatus();
      if (s.hasUuid()) {
        Launching.ack(proto, sub, s);
      }
      if (s.getState() == TaskState.TASK_RUNNING) {
        running.add(s.getTaskId().getValue());
      }
    }
    assertEquals(AGENTS, mesos.agents().size());
  }
}
