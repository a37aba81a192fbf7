package io.k8sm.framework.offers;

import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;

/**
 * Resources of one offer set aside for one pod until it commits (with its TaskInfo) or releases
 * them. {@code resources} go into the TaskInfo as they are; {@code executorResources} into its
 * ExecutorInfo (shaped like the offered resources, so the master finds them contained).
 */
public record Reservation(String id, String podKey, OfferID offerId, AgentID agentId, String hostname,
    List<Resource> resources, List<Integer> hostPorts, List<Resource> executorResources) {
  public Reservation {
    resources = List.copyOf(resources);
    hostPorts = List.copyOf(hostPorts);
    executorResources = List.copyOf(executorResources);
  }
}
