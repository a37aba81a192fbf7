package io.k8sm.framework.pods;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.RecoveryFailed;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.Effect;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import akka.persistence.typed.javadsl.RetentionCriteria;
import akka.persistence.typed.javadsl.SignalHandler;
import io.k8sm.framework.mesos.MesosBridge;
import io.k8sm.framework.mesos.MesosCalls;
import io.k8sm.framework.offers.OfferPool;
import io.k8sm.framework.offers.Reservation;
import io.k8sm.framework.store.ObjectStore;
import io.k8sm.framework.store.PodRecord;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * One pod, event-sourced ({@link PodEvent} folded by {@link PodState}). Negotiates resources with
 * the offer pool (RequestOffer, then Commit with the TaskInfo), follows its task's status updates
 * through {@link PodLifecycle}, restarts it under a new task id when the restart policy says so,
 * and on delete kills the task (or withdraws the request) and goes away after the terminal update.
 *
 * <p>Invariants: at most one task per pod is live; a task id is never reused; the task id and
 * agent are persisted before the Commit that leads to the ACCEPT; an update is receipted to the
 * bridge (which then acknowledges it to Mesos) only after its event is persisted; every change is
 * published to the object store. After a crash the actor recovers from the journal and carries on:
 * pending pods ask for offers again, launching ones wait for Mesos' word (reconciliation), running
 * ones keep their task.
 */
public final class PodActor extends EventSourcedBehavior<PodActor.Command, PodEvent, PodState> {

  public sealed interface Command {}

  /** A status update for one of this pod's tasks; receipt goes to {@code ackTo}. */
  public record TaskUpdate(TaskStatus status, ActorRef<MesosBridge.Command> ackTo) implements Command {}

  public record Delete(ActorRef<PodSupervisor.DeleteResult> replyTo) implements Command {}

  /** Every task of the framework is gone (framework removed): no update will ever come for ours. */
  public record TasksLost(String reason) implements Command {}

  record Init(PodSpec spec) implements Command {}

  private record FromPool(OfferPool.Reply reply) implements Command {}

  private record FirstStored(PodRecord record) implements Command {}

  private record Retry() implements Command {}

  private record KillAgain(int attempt) implements Command {}

  private record LaunchTimedOut(String task, boolean reconciled) implements Command {}

  private record Vanish() implements Command {}

  private static final int KILL_ATTEMPTS = 3;

  private final ActorContext<Command> ctx;
  private final TimerScheduler<Command> timers;
  private final PodDeps deps;
  private final PodPersistence persistence;
  private final Optional<PodSpec> fresh;
  private final ActorRef<PodSupervisor.CreateResult> creator;
  private final ActorRef<PodSupervisor.Command> supervisor;
  private final ActorRef<OfferPool.Reply> poolReplies;
  private final Backoff retry;
  private final Backoff restart;
  private Optional<String> reservation = Optional.empty();
  private int attempts;
  /** Why a pending pod waits (not persisted: the next offer round says it again). */
  private String waiting = "";

  /**
   * {@code fresh} is the spec of a pod being created now; empty when the pod is brought back from
   * the journal at start.
   */
  public static Behavior<Command> create(String persistenceId, Optional<PodSpec> fresh, PodDeps deps,
      PodPersistence persistence, ActorRef<PodSupervisor.CreateResult> creator, ActorRef<PodSupervisor.Command> supervisor) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(t ->
        new PodActor(ctx, t, persistenceId, fresh, deps, persistence, creator, supervisor)));
  }

  private PodActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, String persistenceId,
      Optional<PodSpec> fresh, PodDeps deps, PodPersistence persistence, ActorRef<PodSupervisor.CreateResult> creator,
      ActorRef<PodSupervisor.Command> supervisor) {
    super(PersistenceId.ofUniqueId(persistenceId));
    this.ctx = ctx;
    this.timers = timers;
    this.deps = deps;
    this.persistence = persistence;
    this.fresh = fresh;
    this.creator = creator;
    this.supervisor = supervisor;
    this.poolReplies = ctx.messageAdapter(OfferPool.Reply.class, FromPool::new);
    this.retry = new Backoff(deps.timings().retryMin(), deps.timings().retryMax());
    this.restart = new Backoff(deps.timings().restartMin(), deps.timings().restartMax());
  }

  @Override
  public PodState emptyState() {
    return PodState.EMPTY;
  }

  @Override
  public EventHandler<PodState, PodEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(PodState::apply);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(persistence.snapshotEvery(), persistence.keepSnapshots())
        .withDeleteEventsOnSnapshot();
  }

  @Override
  public SignalHandler<PodState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::onRecovered)
        .onSignal(RecoveryFailed.class, (state, f) -> persistence.fatal().accept("cannot read pod "
            + persistenceId().id() + " from the store: " + f.getFailure().getMessage()))
        .build();
  }

  @Override
  public CommandHandler<Command, PodEvent, PodState> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Init.class, this::onInit)
        .onCommand(Vanish.class, (s, m) -> Effect().stop())
        .onCommand(FirstStored.class, (s, m) -> {
          creator.tell(new PodSupervisor.Created(m.record()));
          deps.onChanged().accept(m.record());
          return Effect().none();
        })
        .onCommand(FromPool.class, this::onPool)
        .onCommand(TaskUpdate.class, this::onUpdate)
        .onCommand(Delete.class, this::onDelete)
        .onCommand(TasksLost.class, this::onTasksLost)
        .onCommand(Retry.class, (s, m) -> {
          if (s.exists() && s.phase() == PodPhase.PENDING) requestOffer(s);
          return Effect().none();
        })
        .onCommand(KillAgain.class, this::onKillAgain)
        .onCommand(LaunchTimedOut.class, this::onLaunchTimedOut)
        .build();
  }

  private void onRecovered(PodState s) {
    if (!s.exists()) {
      if (fresh.isPresent() && !s.removed()) {
        ctx.getSelf().tell(new Init(fresh.get()));
        return;
      }
      // Registered but never created, or removed before it was unregistered: drop the entry.
      supervisor.tell(new PodSupervisor.PodGone(s.spec() == null ? "" : s.spec().key(), persistenceId().id()));
      ctx.getSelf().tell(new Vanish());
      return;
    }
    // Recovered at start, or restarted after a failure (timers are gone either way): carry on.
    ctx.getLog().info("pod {} recovered: {} {}", s.spec().key(), s.phase(), s.task());
    publish(s);
    switch (s.phase()) {
      case PENDING -> requestOffer(s);
      case LAUNCHING -> timers.startSingleTimer(LaunchTimedOut.class, new LaunchTimedOut(s.task(), false),
          deps.timings().launchTimeout());
      case TERMINATING -> kill(s, 0);
      default -> { }
    }
  }

  private Effect<PodEvent, PodState> onInit(PodState s, Init m) {
    if (s.exists()) return Effect().none();
    return Effect().persist(new PodEvent.PodCreated(m.spec())).thenRun(ns -> {
      deps.store().tell(new ObjectStore.Upsert(ns.record(""), ctx.messageAdapter(ObjectStore.Stored.class,
          st -> new FirstStored(st.record()))));
      ctx.getLog().info("pod {} created; needs {}", ns.spec().key(), ns.spec().shape().describe());
      requestOffer(ns);
    });
  }

  private Effect<PodEvent, PodState> onPool(PodState s, FromPool m) {
    if (m.reply() instanceof OfferPool.OfferReserved r) {
      return onReserved(s, r.reservation());
    } else if (m.reply() instanceof OfferPool.NoFit n && s.phase() == PodPhase.PENDING) {
      waiting = "waiting: " + n.reason();
      timers.startSingleTimer(Retry.class, new Retry(), retry.delay(attempts++));
      publish(s);
    } else if (m.reply() instanceof OfferPool.ReservationLost l && reservation.equals(Optional.of(l.reservationId()))) {
      reservation = Optional.empty();
      timers.cancel(LaunchTimedOut.class);
      if (s.phase() == PodPhase.TERMINATING) {
        return Effect().persist(new PodEvent.PodRemoved("deleted before its launch")).thenRun(this::gone).thenStop();
      }
      return Effect().persist(new PodEvent.LaunchAbandoned(s.task(), "waiting: " + l.reason())).thenRun(ns -> {
        requestOffer(ns);
        publish(ns);
      });
    }
    return Effect().none();
  }

  /** Write-ahead: the task id and agent are in the journal before the Commit leads to an ACCEPT. */
  private Effect<PodEvent, PodState> onReserved(PodState s, Reservation r) {
    if (!s.exists() || s.phase() != PodPhase.PENDING || reservation.isPresent()) {
      deps.pool().tell(new OfferPool.Release(r.id()));
      return Effect().none();
    }
    timers.cancel(Retry.class);
    TaskID id = TaskIds.next(s.spec());
    reservation = Optional.of(r.id());
    return Effect().persist(List.of(new PodEvent.ResourcesReserved(r.agentId().getValue(), r.hostname(), r.hostPorts()),
        new PodEvent.TaskLaunched(id.getValue()))).thenRun(ns -> {
          ExecutorInfo executor = r.executorResources().isEmpty() ? deps.executor()
              : deps.executor().toBuilder().clearResources().addAllResources(r.executorResources()).build();
          deps.pool().tell(new OfferPool.Commit(r.id(), PodTasks.taskInfo(ns.spec(), id, r.agentId(), r.resources(),
              executor, deps.timings().killGrace().toSeconds())));
          attempts = 0;
          waiting = "";
          timers.startSingleTimer(LaunchTimedOut.class, new LaunchTimedOut(id.getValue(), false),
              deps.timings().launchTimeout());
          ctx.getLog().info("pod {} launching as task {} on {}", ns.spec().key(), id.getValue(), ns.host());
          publish(ns);
        });
  }

  private Effect<PodEvent, PodState> onUpdate(PodState s, TaskUpdate m) {
    TaskStatus st = m.status();
    Reconciliation.Verdict verdict = s.exists()
        ? Reconciliation.judge(s.task(), s.phase(), s.spec().restartPolicy(), st.getTaskId().getValue(), st.getState())
        : Reconciliation.judge(null, s.phase(), PodSpec.RestartPolicy.NEVER, st.getTaskId().getValue(), st.getState());
    if (verdict instanceof Reconciliation.Verdict.Kill k) {
      // e.g. an earlier task of this pod is alive again (its agent came back): one live task per pod.
      ctx.getLog().warn("killing: {}", k.why());
      deps.bridge().tell(new MesosCalls.Kill(st.getTaskId(), st.hasAgentId() ? Optional.of(st.getAgentId())
          : Optional.empty(), deps.timings().killGrace()));
    }
    if (!(verdict instanceof Reconciliation.Verdict.Apply apply)) {
      m.ackTo().tell(new MesosCalls.UpdateTaken(st));
      return Effect().none();
    }
    reservation = Optional.empty();
    timers.cancel(LaunchTimedOut.class);
    PodLifecycle.Next next = apply.next();
    PodEvent.TaskStatusChanged changed = PodState.changed(st);
    if (next instanceof PodLifecycle.Next.Gone) {
      return Effect().persist(List.of(changed, new PodEvent.PodRemoved("its task ended after delete"))).thenRun(ns -> {
        m.ackTo().tell(new MesosCalls.UpdateTaken(st));
        gone(ns);
      }).thenStop();
    }
    return Effect().persist(changed).thenRun(ns -> {
      if (next instanceof PodLifecycle.Next.Run && s.phase() != PodPhase.RUNNING) {
        ctx.getLog().info("pod {} running on {}", ns.spec().key(), ns.host());
      } else if (next instanceof PodLifecycle.Next.Reschedule r) {
        Duration delay = restart.delay(ns.restarts() - 1);
        ctx.getLog().info("pod {}: {}; restart {} in {}", ns.spec().key(), ns.message(), ns.restarts(), delay);
        timers.startSingleTimer(Retry.class, new Retry(), delay);
      } else if (next instanceof PodLifecycle.Next.End) {
        ctx.getLog().info("pod {} ended {}: {}", ns.spec().key(), ns.phase(), ns.message());
      }
      publish(ns);
      m.ackTo().tell(new MesosCalls.UpdateTaken(st));
    });
  }

  /** Treated as a TASK_LOST from the master for the current task: the restart policy decides. */
  private Effect<PodEvent, PodState> onTasksLost(PodState s, TasksLost m) {
    if (!s.hasTask()) return Effect().none();
    TaskStatus lost = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(s.task()))
        .setState(TaskState.TASK_LOST).setSource(TaskStatus.Source.SOURCE_MASTER).setMessage(m.reason()).build();
    return onUpdate(s, new TaskUpdate(lost, ctx.getSystem().ignoreRef()));
  }

  private Effect<PodEvent, PodState> onDelete(PodState s, Delete m) {
    if (!s.exists()) {
      m.replyTo().tell(new PodSupervisor.NotFound("pod is gone"));
      return Effect().none();
    }
    ctx.getLog().info("pod {} deleted while {}", s.spec().key(), s.phase());
    PodRecord before = s.record(waiting);
    switch (s.phase()) {
      case PENDING, SUCCEEDED, FAILED -> {
        deps.pool().tell(new OfferPool.Withdraw(s.spec().key()));
        return Effect().persist(List.of(new PodEvent.DeleteRequested(), new PodEvent.PodRemoved("deleted")))
            .thenRun(ns -> {
              m.replyTo().tell(new PodSupervisor.Deleted(before));
              gone(ns);
            }).thenStop();
      }
      case LAUNCHING, RUNNING -> {
        deps.pool().tell(new OfferPool.Withdraw(s.spec().key()));
        return Effect().persist(new PodEvent.DeleteRequested()).thenRun(ns -> {
          kill(ns, 0);
          publish(ns);
          m.replyTo().tell(new PodSupervisor.Deleted(ns.record("")));
        });
      }
      default -> {
        m.replyTo().tell(new PodSupervisor.Deleted(before));
        return Effect().none();
      }
    }
  }

  /**
   * Mesos said nothing of a launched task: ask it once (explicit reconciliation answers even for
   * a task it never saw), then, still silent, kill it to be sure and schedule the pod again.
   */
  private Effect<PodEvent, PodState> onLaunchTimedOut(PodState s, LaunchTimedOut m) {
    if (s.phase() != PodPhase.LAUNCHING || !s.task().equals(m.task())) return Effect().none();
    TaskID task = TaskID.newBuilder().setValue(m.task()).build();
    Optional<AgentID> agent = s.agent().isEmpty() ? Optional.empty()
        : Optional.of(AgentID.newBuilder().setValue(s.agent()).build());
    if (!m.reconciled()) {
      ctx.getLog().info("pod {}: no word from Mesos about task {}; asking", s.spec().key(), m.task());
      deps.bridge().tell(new MesosCalls.Reconcile(List.of(new MesosCalls.KnownTask(task, agent))));
      timers.startSingleTimer(LaunchTimedOut.class, new LaunchTimedOut(m.task(), true), deps.timings().launchTimeout());
      return Effect().none();
    }
    ctx.getLog().warn("pod {}: no word from Mesos about task {} within {}; scheduling again", s.spec().key(),
        m.task(), deps.timings().launchTimeout());
    deps.bridge().tell(new MesosCalls.Kill(task, agent, Duration.ZERO));
    deps.pool().tell(new OfferPool.Withdraw(s.spec().key()));
    reservation = Optional.empty();
    return Effect().persist(new PodEvent.LaunchAbandoned(m.task(), "waiting: Mesos did not confirm the launch of "
        + m.task() + " within " + deps.timings().launchTimeout().toSeconds() + " s; trying again")).thenRun(ns -> {
          requestOffer(ns);
          publish(ns);
        });
  }

  private Effect<PodEvent, PodState> onKillAgain(PodState s, KillAgain m) {
    if (s.phase() != PodPhase.TERMINATING) return Effect().none();
    if (m.attempt() >= KILL_ATTEMPTS) {
      ctx.getLog().warn("pod {}: no terminal update after {} kills of {}; forgetting the pod", s.spec().key(),
          KILL_ATTEMPTS, s.task());
      return Effect().persist(new PodEvent.PodRemoved("no terminal update after " + KILL_ATTEMPTS + " kills"))
          .thenRun(this::gone).thenStop();
    }
    kill(s, m.attempt());
    return Effect().none();
  }

  private void kill(PodState s, int attempt) {
    if (s.hasTask()) {
      Optional<AgentID> agent = s.agent().isEmpty() ? Optional.empty()
          : Optional.of(AgentID.newBuilder().setValue(s.agent()).build());
      deps.bridge().tell(new MesosCalls.Kill(TaskID.newBuilder().setValue(s.task()).build(), agent,
          deps.timings().killGrace()));
    }
    timers.startSingleTimer(new KillAgain(attempt + 1), deps.timings().killGrace().multipliedBy(2).plusSeconds(5));
  }

  private void requestOffer(PodState s) {
    deps.pool().tell(new OfferPool.RequestOffer(s.spec().key(), s.spec().shape(), poolReplies));
  }

  private void gone(PodState s) {
    deps.store().tell(new ObjectStore.Remove(s.spec().key()));
    deps.onRemoved().accept(s.spec().key());
    supervisor.tell(new PodSupervisor.PodGone(s.spec().key(), persistenceId().id()));
    ctx.getLog().info("pod {} is gone", s.spec().key());
  }

  private void publish(PodState s) {
    PodRecord r = s.record(s.phase() == PodPhase.PENDING ? waiting : "");
    deps.store().tell(new ObjectStore.Upsert(r, ctx.getSystem().ignoreRef()));
    deps.onChanged().accept(r);
    supervisor.tell(new PodSupervisor.PodTask(s.spec().key(), s.task(), s.agent(), s.phase()));
  }
}
