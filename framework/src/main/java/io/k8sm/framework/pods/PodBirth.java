package io.k8sm.framework.pods;

import akka.actor.typed.ActorRef;
import java.util.Optional;

/**
 * How one {@link PodActor} came to be: the spec of a pod created now (empty when it is brought back
 * from the journal) and who waits for the answer to the create. The actor's restart factory keeps
 * this for the pod's whole life, so both are dropped once the create is answered: an answered ask
 * would otherwise stay reachable with its answer (a few hundred bytes a pod). Used on the pod
 * actor's thread only.
 */
final class PodBirth {
  private Optional<PodSpec> spec;
  private ActorRef<PodSupervisor.CreateResult> creator;

  PodBirth(Optional<PodSpec> spec, ActorRef<PodSupervisor.CreateResult> creator) {
    this.spec = spec;
    this.creator = creator;
  }

  /** The spec to create the pod with, until the create is answered. */
  Optional<PodSpec> spec() {
    return spec;
  }

  /** Answers the create (once; later calls do nothing) and forgets it. */
  void answer(PodSupervisor.CreateResult result) {
    if (creator == null) return;
    creator.tell(result);
    creator = null;
    spec = Optional.empty();
  }
}
