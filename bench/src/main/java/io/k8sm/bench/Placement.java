package io.k8sm.bench;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Placement quality from the hosts the API shows for Running pods: agents used, pods per agent and
 * cpu utilisation of the used agents (pods' cpus plus one executor per agent, over the agents'
 * cpus). Pure.
 */
public final class Placement {
  private Placement() {}

  public static void report(Result r, Collection<String> hosts, int agents, double agentCpus, double podCpus,
      double executorCpus) {
    Map<String, Integer> perAgent = new HashMap<>();
    for (String h : hosts) perAgent.merge(h, 1, Integer::sum);
    int used = perAgent.size();
    int max = perAgent.values().stream().mapToInt(Integer::intValue).max().orElse(0);
    int min = perAgent.values().stream().mapToInt(Integer::intValue).min().orElse(0);
    double util = used == 0 ? 0 : (hosts.size() * podCpus + used * executorCpus) / (used * agentCpus);
    r.value("agents used", used, used + " of " + agents);
    r.value("pods per used agent", hosts.size() / (double) Math.max(1, used),
        String.format("%.1f (min %d, max %d)", hosts.size() / (double) Math.max(1, used), min, max));
    r.value("cpu utilisation of used agents", util, String.format("%.0f %%", util * 100));
  }
}
