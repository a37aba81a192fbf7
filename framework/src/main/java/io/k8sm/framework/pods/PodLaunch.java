package io.k8sm.framework.pods;

import akka.actor.typed.ActorRef;
import akka.persistence.typed.javadsl.Effect;
import io.k8sm.framework.mesos.MesosCalls;
import io.k8sm.framework.offers.OfferPool;
import io.k8sm.framework.offers.Reservation;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.TaskID;

/**
 * The launch path of one {@link PodActor}: ask the offer pool, take a reservation, commit the task,
 * and make sure Mesos confirms the launch. Part of the pod actor (its handlers run on the actor's
 * thread); owns the launch bookkeeping that is not persisted: the reservation held, the retry
 * count, and why the pod waits.
 *
 * <p>Invariants: at most one reservation is held; the task id and agent are persisted before the
 * Commit that leads to the ACCEPT (write-ahead); a launch Mesos never confirms is asked about once
 * (explicit reconciliation) and then killed and scheduled again.
 */
final class PodLaunch extends PodPath {
  private final ActorRef<OfferPool.Reply> poolReplies;
  private Optional<String> reservation = Optional.empty();
  private int attempts;
  /** Why a pending pod waits (not persisted: the next offer round says it again). */
  private String waiting = "";

  PodLaunch(Parts parts) {
    super(parts);
    this.poolReplies = ctx.messageAdapter(OfferPool.Reply.class, PodActor.FromPool::new);
  }

  /** Why a pending pod waits ("" when it does not). */
  String waiting() {
    return waiting;
  }

  void requestOffer(PodState s) {
    deps.pool().tell(new OfferPool.RequestOffer(s.spec().key(), s.spec().shape(), poolReplies));
  }

  /** A recovered launching pod waits for Mesos' word about its task as a fresh launch does. */
  void awaitConfirmation(PodState s) {
    timers.startSingleTimer(PodActor.LaunchTimedOut.class, new PodActor.LaunchTimedOut(s.task(), false),
        deps.timings().launchTimeout());
  }

  /** Mesos spoke about the current task: the launch is over, whatever it said. */
  void confirmed() {
    reservation = Optional.empty();
    timers.cancel(PodActor.LaunchTimedOut.class);
  }

  Effect<PodEvent, PodState> onRetry(PodState s) {
    if (s.exists() && s.phase() == PodPhase.PENDING) requestOffer(s);
    return effects.none();
  }

  Effect<PodEvent, PodState> onPool(PodState s, OfferPool.Reply reply) {
    if (reply instanceof OfferPool.OfferReserved r) {
      return onReserved(s, r.reservation());
    } else if (reply instanceof OfferPool.NoFit n && s.phase() == PodPhase.PENDING) {
      waiting = "waiting: " + n.reason();
      // The backoff is built when needed, not kept: a field of every pod for a rare path.
      Backoff retry = new Backoff(deps.timings().retryMin(), deps.timings().retryMax());
      timers.startSingleTimer(PodActor.Retry.class, new PodActor.Retry(), retry.delay(attempts++));
      publish.accept(s);
    } else if (reply instanceof OfferPool.ReservationLost l && reservation.equals(Optional.of(l.reservationId()))) {
      reservation = Optional.empty();
      timers.cancel(PodActor.LaunchTimedOut.class);
      if (s.phase() == PodPhase.TERMINATING) {
        return effects.persist(new PodEvent.PodRemoved("deleted before its launch")).thenRun(gone::accept).thenStop();
      }
      return effects.persist(new PodEvent.LaunchAbandoned(s.task(), "waiting: " + l.reason())).thenRun(ns -> {
        requestOffer(ns);
        publish.accept(ns);
      });
    }
    return effects.none();
  }

  /** Write-ahead: the task id and agent are in the journal before the Commit leads to an ACCEPT. */
  private Effect<PodEvent, PodState> onReserved(PodState s, Reservation r) {
    if (!s.exists() || s.phase() != PodPhase.PENDING || reservation.isPresent()) {
      deps.pool().tell(new OfferPool.Release(r.id()));
      return effects.none();
    }
    timers.cancel(PodActor.Retry.class);
    TaskID id = TaskIds.next(s.spec());
    reservation = Optional.of(r.id());
    return effects.persist(List.of(new PodEvent.ResourcesReserved(r.agentId().getValue(), r.hostname(), r.hostPorts()),
        new PodEvent.TaskLaunched(id.getValue()))).thenRun(ns -> {
          ExecutorInfo executor = r.executorResources().isEmpty() ? deps.executor()
              : deps.executor().toBuilder().clearResources().addAllResources(r.executorResources()).build();
          deps.pool().tell(new OfferPool.Commit(r.id(), PodTasks.taskInfo(ns.spec(), id, r.agentId(), r.resources(),
              executor, deps.timings().killGrace().toSeconds())));
          attempts = 0;
          waiting = "";
          awaitConfirmation(ns);
          ctx.getLog().info("pod {} launching as task {} on {}", ns.spec().key(), id.getValue(), ns.host());
          publish.accept(ns);
        });
  }

  /**
   * Mesos said nothing of a launched task: ask it once (explicit reconciliation answers even for
   * a task it never saw), then, still silent, kill it to be sure and schedule the pod again.
   */
  Effect<PodEvent, PodState> onLaunchTimedOut(PodState s, PodActor.LaunchTimedOut m) {
    if (s.phase() != PodPhase.LAUNCHING || !s.task().equals(m.task())) return effects.none();
    TaskID task = TaskID.newBuilder().setValue(m.task()).build();
    Optional<AgentID> agent = s.agent().isEmpty() ? Optional.empty()
        : Optional.of(AgentID.newBuilder().setValue(s.agent()).build());
    if (!m.reconciled()) {
      ctx.getLog().info("pod {}: no word from Mesos about task {}; asking", s.spec().key(), m.task());
      deps.bridge().tell(new MesosCalls.Reconcile(List.of(new MesosCalls.KnownTask(task, agent))));
      timers.startSingleTimer(PodActor.LaunchTimedOut.class, new PodActor.LaunchTimedOut(m.task(), true),
          deps.timings().launchTimeout());
      return effects.none();
    }
    ctx.getLog().warn("pod {}: no word from Mesos about task {} within {}; scheduling again", s.spec().key(),
        m.task(), deps.timings().launchTimeout());
    deps.bridge().tell(new MesosCalls.Kill(task, agent, Duration.ZERO));
    deps.pool().tell(new OfferPool.Withdraw(s.spec().key()));
    reservation = Optional.empty();
    return effects.persist(new PodEvent.LaunchAbandoned(m.task(), "waiting: Mesos did not confirm the launch of "
        + m.task() + " within " + deps.timings().launchTimeout().toSeconds() + " s; trying again")).thenRun(ns -> {
          requestOffer(ns);
          publish.accept(ns);
        });
  }
}
