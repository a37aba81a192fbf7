package io.k8sm.local.sim;

import io.k8sm.local.agent.AgentFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.Resource;

/**
 * Makes {@code count} simulated agents sharing one timer thread. Agent {@code i} is named
 * {@code sim-<i>.mesos-local}, has {@code resources}, and seeds its uuids with {@code seed + i}.
 * Closing stops the shared thread.
 */
public final class SimulatedAgents implements AutoCloseable {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "mesos-local-simulated-agents");
    t.setDaemon(true);
    return t;
  });

  public List<AgentFactory> factories(int count, List<Resource> resources, Duration startDelay, long seed) {
    List<AgentFactory> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String hostname = "sim-" + i + ".mesos-local";
      long agentSeed = seed + i;
      out.add((id, listener) -> new SimulatedAgent(
          AgentInfo.newBuilder().setId(id).setHostname(hostname).setPort(5051).addAllResources(resources).build(),
          listener, timer, startDelay, agentSeed));
    }
    return out;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
