package io.k8sm.framework.pods;

import akka.actor.typed.ActorRef;
import akka.actor.typed.BackoffSupervisorStrategy;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
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
import io.k8sm.framework.offers.OfferPool;
import io.k8sm.framework.persistence.StoreFailures;
import io.k8sm.framework.store.ObjectStore;
import io.k8sm.framework.store.PodRecord;
import java.time.Duration;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * One pod, event-sourced ({@link PodEvent} folded by {@link PodState}). Negotiates resources with
 * the offer pool (RequestOffer, then Commit with the TaskInfo: {@link PodLaunch}), follows its
 * task's status updates through {@link PodLifecycle} ({@link PodUpdates}), restarts it under a new
 * task id when the restart policy says so, and on delete kills the task (or withdraws the request)
 * and goes away after the terminal update ({@link PodDeletion}). This class wires them: protocol,
 * recovery, creation, and what every change publishes.
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

  /** From the supervisor after it restarted and adopted this pod: say which task it holds. */
  record ReportTask() implements Command {}

  record Init(PodSpec spec) implements Command {}

  record FromPool(OfferPool.Reply reply) implements Command {}

  private record FirstStored(PodRecord record) implements Command {}

  record Retry() implements Command {}

  record KillAgain(int attempt) implements Command {}

  record LaunchTimedOut(String task, boolean reconciled) implements Command {}

  private record Vanish() implements Command {}

  /** Restarts after a failed journal call; one instance for every pod (it holds no state). */
  private static final BackoffSupervisorStrategy JOURNAL_BACKOFF = SupervisorStrategy.restartWithBackoff(
      Duration.ofMillis(200), Duration.ofSeconds(10), 0.2);
  private static final EventHandler<PodState, PodEvent> EVENTS = PodState::apply;

  private final ActorContext<Command> ctx;
  private final PodDeps deps;
  private final PodPersistence persistence;
  private final PodBirth birth;
  private final ActorRef<PodSupervisor.Command> supervisor;
  private final PodLaunch launch;
  private final PodUpdates updates;
  private final PodDeletion deletion;

  /**
   * {@code fresh} is the spec of a pod being created now; empty when the pod is brought back from
   * the journal at start.
   */
  public static Behavior<Command> create(String persistenceId, Optional<PodSpec> fresh, PodDeps deps,
      PodPersistence persistence, ActorRef<PodSupervisor.CreateResult> creator, ActorRef<PodSupervisor.Command> supervisor) {
    PodBirth birth = new PodBirth(fresh, creator);
    return Behaviors.setup(ctx -> Behaviors.withTimers(t ->
        new PodActor(ctx, t, persistenceId, birth, deps, persistence, supervisor)));
  }

  private PodActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, String persistenceId, PodBirth birth,
      PodDeps deps, PodPersistence persistence, ActorRef<PodSupervisor.Command> supervisor) {
    // A journal call that fails (a slow store under load) restarts this actor with backoff; it
    // then recovers what was stored. Without it the failure would stop the pod for good.
    super(PersistenceId.ofUniqueId(persistenceId), JOURNAL_BACKOFF);
    this.ctx = ctx;
    this.deps = deps;
    this.persistence = persistence;
    this.birth = birth;
    this.supervisor = supervisor;
    PodPath.Parts parts = new PodPath.Parts(ctx, timers, deps, Effect(), this::publish, this::gone);
    this.launch = new PodLaunch(parts);
    this.updates = new PodUpdates(parts, launch);
    this.deletion = new PodDeletion(parts);
  }

  @Override
  public PodState emptyState() {
    return PodState.EMPTY;
  }

  @Override
  public EventHandler<PodState, PodEvent> eventHandler() {
    return EVENTS;
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
        .onSignal(RecoveryFailed.class, (state, f) -> {
          if (StoreFailures.isTransient(f.getFailure())) {
            ctx.getLog().warn("pod {}: the store did not answer in time ({}); recovering again after a backoff",
                persistenceId().id(), f.getFailure().toString());
          } else {
            persistence.fatal().accept("cannot read pod " + persistenceId().id() + " from the store: "
                + f.getFailure().getMessage());
          }
        })
        .build();
  }

  /**
   * One dispatch method instead of Akka's handler builder, whose cases and lambdas are built for
   * every actor and kept for its life (about 1 KB a pod). Each command goes to one handler.
   */
  @Override
  public CommandHandler<Command, PodEvent, PodState> commandHandler() {
    return this::onCommand;
  }

  private Effect<PodEvent, PodState> onCommand(PodState s, Command c) {
    if (c instanceof TaskUpdate m) return updates.onUpdate(s, m);
    if (c instanceof FromPool m) return launch.onPool(s, m.reply());
    if (c instanceof Init m) return onInit(s, m);
    if (c instanceof FirstStored m) return onFirstStored(m);
    if (c instanceof ReportTask) return onReportTask(s);
    if (c instanceof Delete m) return deletion.onDelete(s, m, launch.waiting());
    if (c instanceof TasksLost m) return updates.onTasksLost(s, m);
    if (c instanceof Retry) return launch.onRetry(s);
    if (c instanceof KillAgain m) return deletion.onKillAgain(s, m);
    if (c instanceof LaunchTimedOut m) return launch.onLaunchTimedOut(s, m);
    if (c instanceof Vanish) return Effect().stop();
    throw new IllegalArgumentException("unknown pod command " + c);
  }

  private void onRecovered(PodState s) {
    if (!s.exists()) {
      Optional<PodSpec> fresh = birth.spec();
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
      case PENDING -> launch.requestOffer(s);
      case LAUNCHING -> launch.awaitConfirmation(s);
      case TERMINATING -> deletion.kill(s, 0);
      default -> { }
    }
  }

  private Effect<PodEvent, PodState> onInit(PodState s, Init m) {
    if (s.exists()) return Effect().none();
    return Effect().persist(new PodEvent.PodCreated(m.spec())).thenRun(ns -> {
      deps.store().tell(new ObjectStore.Upsert(ns.record(""), ctx.messageAdapter(ObjectStore.Stored.class,
          st -> new FirstStored(st.record()))));
      ctx.getLog().info("pod {} created; needs {}", ns.spec().key(), ns.spec().shape().describe());
      launch.requestOffer(ns);
    });
  }

  private Effect<PodEvent, PodState> onReportTask(PodState s) {
    if (s.exists()) supervisor.tell(new PodSupervisor.PodTask(s.spec().key(), s.task(), s.agent(), s.phase()));
    return Effect().none();
  }

  /** The create is answered with the record as first stored; the pod forgets who asked. */
  private Effect<PodEvent, PodState> onFirstStored(FirstStored m) {
    birth.answer(new PodSupervisor.Created(m.record()));
    deps.onChanged().accept(m.record());
    return Effect().none();
  }

  private void gone(PodState s) {
    deps.store().tell(new ObjectStore.Remove(s.spec().key()));
    deps.onRemoved().accept(s.spec().key());
    supervisor.tell(new PodSupervisor.PodGone(s.spec().key(), persistenceId().id()));
    ctx.getLog().info("pod {} is gone", s.spec().key());
  }

  private void publish(PodState s) {
    PodRecord r = s.record(s.phase() == PodPhase.PENDING ? launch.waiting() : "");
    deps.store().tell(new ObjectStore.Upsert(r, ctx.getSystem().ignoreRef()));
    deps.onChanged().accept(r);
    supervisor.tell(new PodSupervisor.PodTask(s.spec().key(), s.task(), s.agent(), s.phase()));
  }
}
