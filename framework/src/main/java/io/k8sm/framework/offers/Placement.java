package io.k8sm.framework.offers;

import java.util.List;
import org.apache.mesos.v1.Protos.Resource;

/** The answer of {@link OfferMatcher}: a pod fits an offer (with what it gets), or why not. */
public sealed interface Placement {

  /**
   * The pod fits. {@code taskResources} go into its TaskInfo; {@code executorCharged} says this pod
   * paid for the executor on that agent; {@code remaining} is the offer after the pod.
   */
  record Fit(List<Resource> taskResources, List<Integer> hostPorts, boolean executorCharged, OfferView remaining)
      implements Placement {
    public Fit {
      taskResources = List.copyOf(taskResources);
      hostPorts = List.copyOf(hostPorts);
    }
  }

  /** The pod does not fit; {@code reason} is for the user ("needs 2 cpus, the largest offer has 1.5"). */
  record NoFit(String reason) implements Placement {}
}
