package io.k8sm.framework.pods;

import akka.persistence.typed.javadsl.Effect;
import io.k8sm.framework.offers.OfferPool;
import io.k8sm.framework.store.PodRecord;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import io.k8sm.framework.mesos.MesosCalls;

/**
 * The delete path of one {@link PodActor}: a pod without a live task goes at once; one with a
 * task is marked terminating, its task killed (again after a while, {@link #KILL_ATTEMPTS} times)
 * until the terminal update ends it. Part of the pod actor (its handlers run on the actor's thread).
 *
 * <p>Invariants: the delete request is persisted before the first kill; a pod is forgotten without
 * a terminal update only after {@link #KILL_ATTEMPTS} kills went unanswered.
 */
final class PodDeletion extends PodPath {
  static final int KILL_ATTEMPTS = 3;


  PodDeletion(Parts parts) {
    super(parts);
  }

  /** {@code waiting} is why the pod waits, for the record the deleter gets back. */
  Effect<PodEvent, PodState> onDelete(PodState s, PodActor.Delete m, String waiting) {
    if (!s.exists()) {
      m.replyTo().tell(new PodSupervisor.NotFound("pod is gone"));
      return effects.none();
    }
    ctx.getLog().info("pod {} deleted while {}", s.spec().key(), s.phase());
    PodRecord before = s.record(waiting);
    switch (s.phase()) {
      case PENDING, SUCCEEDED, FAILED -> {
        deps.pool().tell(new OfferPool.Withdraw(s.spec().key()));
        return effects.persist(List.of(new PodEvent.DeleteRequested(), new PodEvent.PodRemoved("deleted")))
            .thenRun(ns -> {
              m.replyTo().tell(new PodSupervisor.Deleted(before));
              gone.accept(ns);
            }).thenStop();
      }
      case LAUNCHING, RUNNING -> {
        deps.pool().tell(new OfferPool.Withdraw(s.spec().key()));
        return effects.persist(new PodEvent.DeleteRequested()).thenRun(ns -> {
          kill(ns, 0);
          publish.accept(ns);
          m.replyTo().tell(new PodSupervisor.Deleted(ns.record("")));
        });
      }
      default -> {
        m.replyTo().tell(new PodSupervisor.Deleted(before));
        return effects.none();
      }
    }
  }

  Effect<PodEvent, PodState> onKillAgain(PodState s, PodActor.KillAgain m) {
    if (s.phase() != PodPhase.TERMINATING) return effects.none();
    if (m.attempt() >= KILL_ATTEMPTS) {
      ctx.getLog().warn("pod {}: no terminal update after {} kills of {}; forgetting the pod", s.spec().key(),
          KILL_ATTEMPTS, s.task());
      return effects.persist(new PodEvent.PodRemoved("no terminal update after " + KILL_ATTEMPTS + " kills"))
          .thenRun(gone::accept).thenStop();
    }
    kill(s, m.attempt());
    return effects.none();
  }

  /** Kills the current task (if any) and asks again after twice the kill grace and 5 s. */
  void kill(PodState s, int attempt) {
    if (s.hasTask()) {
      Optional<AgentID> agent = s.agent().isEmpty() ? Optional.empty()
          : Optional.of(AgentID.newBuilder().setValue(s.agent()).build());
      deps.bridge().tell(new MesosCalls.Kill(TaskID.newBuilder().setValue(s.task()).build(), agent,
          deps.timings().killGrace()));
    }
    timers.startSingleTimer(new PodActor.KillAgain(attempt + 1), deps.timings().killGrace().multipliedBy(2).plusSeconds(5));
  }
}
