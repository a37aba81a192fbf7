package io.k8sm.framework.mesos;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * The part of {@link MesosBridge}'s protocol the other actors use: calls to send to the master,
 * and the receipt a pod actor gives back for a status update. Kept apart so the offer pool and pod
 * actors depend on this narrow interface (tests stand in for the bridge with a probe).
 */
public interface MesosCalls {

  /** One ACCEPT: every operation on {@code offerIds}; unused resources declined for {@code refuseSeconds}. */
  record Accept(List<OfferID> offerIds, List<Offer.Operation> operations, double refuseSeconds)
      implements MesosBridge.Command {}

  record Decline(List<OfferID> offerIds, double refuseSeconds) implements MesosBridge.Command {}

  /** Stop offers: nobody waits for resources. */
  record Suppress() implements MesosBridge.Command {}

  /** Resume offers and clear decline filters: a pod waits. */
  record Revive() implements MesosBridge.Command {}

  record Kill(TaskID taskId, Optional<AgentID> agentId, Duration grace) implements MesosBridge.Command {}

  /** A task we believe exists, as reconciliation names it. */
  record KnownTask(TaskID taskId, Optional<AgentID> agentId) {}

  /** Explicit reconciliation of {@code tasks}, once (a pod asking about its silent launch). */
  record Reconcile(List<KnownTask> tasks) implements MesosBridge.Command {}

  /** Every task our pods hold: start a reconciliation round (explicit until answered, then implicit). */
  record KnownTasks(List<KnownTask> tasks) implements MesosBridge.Command {}

  /**
   * The pod actor has taken and persisted this update: now it may be
   * acknowledged to Mesos, if it carries a uuid.
   */
  record UpdateTaken(TaskStatus status) implements MesosBridge.Command {}
}
