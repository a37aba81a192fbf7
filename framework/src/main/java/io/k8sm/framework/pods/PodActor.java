package io.k8sm.framework.pods;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.k8sm.framework.mesos.MesosBridge;
import io.k8sm.framework.mesos.MesosCalls;
import io.k8sm.framework.offers.OfferPool;
import io.k8sm.framework.offers.Reservation;
import io.k8sm.framework.store.ObjectStore;
import io.k8sm.framework.store.PodRecord;
import io.k8sm.protocol.pod.PodStatusReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * One pod. Negotiates resources with the offer pool (RequestOffer, then Commit with the TaskInfo),
 * follows its task's status updates through {@link PodLifecycle}, restarts it under a new task id
 * when the restart policy says so, and on delete kills the task (or withdraws the request) and
 * goes away after the terminal update.
 *
 * <p>Invariants: at most one task per pod is live; a task id is never reused; an update is
 * receipted to the bridge (which then acknowledges it to Mesos) only after this actor has applied
 * it; every change is published to the object store.
 */
public final class PodActor extends AbstractBehavior<PodActor.Command> {

  public sealed interface Command {}

  /** A status update for one of this pod's tasks; receipt goes to {@code ackTo}. */
  public record TaskUpdate(TaskStatus status, ActorRef<MesosBridge.Command> ackTo) implements Command {}

  public record Delete(ActorRef<PodSupervisor.DeleteResult> replyTo) implements Command {}

  /** Every task of the framework is gone (framework removed): no update will ever come for ours. */
  public record TasksLost(String reason) implements Command {}

  private record FromPool(OfferPool.Reply reply) implements Command {}

  private record FirstStored(PodRecord record) implements Command {}

  private record Retry() implements Command {}

  private record KillAgain(int attempt) implements Command {}

  private record LaunchTimedOut(TaskID task) implements Command {}

  private static final int KILL_ATTEMPTS = 3;

  private final PodSpec spec;
  private final PodDeps deps;
  private final TimerScheduler<Command> timers;
  private final ActorRef<PodSupervisor.CreateResult> creator;
  private final ActorRef<OfferPool.Reply> poolReplies;
  private final Backoff retry;
  private final Backoff restart;
  private PodPhase phase = PodPhase.PENDING;
  private Optional<TaskID> task = Optional.empty();
  private Optional<AgentID> agent = Optional.empty();
  private String host = "";
  private List<Integer> hostPorts = List.of();
  private Optional<String> reservation = Optional.empty();
  private int restarts;
  private int attempts;
  private String message = "waiting for an offer";
  private Optional<PodStatusReport> report = Optional.empty();

  public static Behavior<Command> create(PodSpec spec, PodDeps deps, ActorRef<PodSupervisor.CreateResult> creator) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(t -> new PodActor(ctx, t, spec, deps, creator)));
  }

  private PodActor(ActorContext<Command> ctx, TimerScheduler<Command> timers, PodSpec spec, PodDeps deps,
      ActorRef<PodSupervisor.CreateResult> creator) {
    super(ctx);
    this.spec = spec;
    this.deps = deps;
    this.timers = timers;
    this.creator = creator;
    this.poolReplies = ctx.messageAdapter(OfferPool.Reply.class, FromPool::new);
    this.retry = new Backoff(deps.timings().retryMin(), deps.timings().retryMax());
    this.restart = new Backoff(deps.timings().restartMin(), deps.timings().restartMax());
    deps.store().tell(new ObjectStore.Upsert(record(), ctx.messageAdapter(ObjectStore.Stored.class,
        s -> new FirstStored(s.record()))));
    ctx.getLog().info("pod {} created; needs {}", spec.key(), spec.shape().describe());
    requestOffer();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FirstStored.class, this::onFirstStored)
        .onMessage(FromPool.class, this::onPool)
        .onMessage(TaskUpdate.class, this::onUpdate)
        .onMessage(Delete.class, this::onDelete)
        .onMessage(TasksLost.class, this::onTasksLost)
        .onMessage(Retry.class, m -> {
          if (phase == PodPhase.PENDING) requestOffer();
          return this;
        })
        .onMessage(KillAgain.class, this::onKillAgain)
        .onMessage(LaunchTimedOut.class, this::onLaunchTimedOut)
        .build();
  }

  private Behavior<Command> onFirstStored(FirstStored m) {
    creator.tell(new PodSupervisor.Created(m.record()));
    deps.onChanged().accept(m.record());
    return this;
  }

  private Behavior<Command> onPool(FromPool m) {
    if (m.reply() instanceof OfferPool.OfferReserved r) {
      onReserved(r.reservation());
    } else if (m.reply() instanceof OfferPool.NoFit n && phase == PodPhase.PENDING) {
      message = "waiting: " + n.reason();
      timers.startSingleTimer(Retry.class, new Retry(), retry.delay(attempts++));
      publish();
    } else if (m.reply() instanceof OfferPool.ReservationLost l
        && reservation.equals(Optional.of(l.reservationId()))) {
      reservation = Optional.empty();
      if (phase == PodPhase.TERMINATING) return gone();
      clearTask(PodPhase.PENDING, "waiting: " + l.reason());
      requestOffer();
      publish();
    }
    return this;
  }

  private void onReserved(Reservation r) {
    if (phase != PodPhase.PENDING || reservation.isPresent()) {
      deps.pool().tell(new OfferPool.Release(r.id()));
      return;
    }
    timers.cancel(Retry.class);
    TaskID id = TaskIds.next(spec);
    ExecutorInfo executor = r.executorResources().isEmpty() ? deps.executor()
        : deps.executor().toBuilder().clearResources().addAllResources(r.executorResources()).build();
    deps.pool().tell(new OfferPool.Commit(r.id(), PodTasks.taskInfo(spec, id, r.agentId(), r.resources(),
        executor, deps.timings().killGrace().toSeconds())));
    phase = PodPhase.LAUNCHING;
    task = Optional.of(id);
    agent = Optional.of(r.agentId());
    host = r.hostname();
    hostPorts = r.hostPorts();
    reservation = Optional.of(r.id());
    attempts = 0;
    timers.startSingleTimer(LaunchTimedOut.class, new LaunchTimedOut(id), deps.timings().launchTimeout());
    message = "launching on " + host;
    getContext().getLog().info("pod {} launching as task {} on {}", spec.key(), id.getValue(), host);
    publish();
  }

  private Behavior<Command> onUpdate(TaskUpdate m) {
    TaskStatus s = m.status();
    if (task.isEmpty() || !task.get().equals(s.getTaskId())) {
      getContext().getLog().debug("pod {}: update {} for an old task {}", spec.key(), s.getState(), s.getTaskId().getValue());
      if (!PodLifecycle.terminal(s.getState()) && s.getState() != TaskState.TASK_UNREACHABLE) {
        // An earlier task of this pod is alive again (its agent came back): one live task per pod.
        deps.bridge().tell(new MesosCalls.Kill(s.getTaskId(), s.hasAgentId() ? Optional.of(s.getAgentId())
            : Optional.empty(), deps.timings().killGrace()));
      }
      m.ackTo().tell(new MesosCalls.UpdateTaken(s));
      return this;
    }
    reservation = Optional.empty();
    timers.cancel(LaunchTimedOut.class);
    report = StatusText.report(s).or(() -> report);
    PodLifecycle.Next next = PodLifecycle.onStatus(phase, s.getState(), spec.restartPolicy());
    String detail = StatusText.detail(s);
    Behavior<Command> after = this;
    if (next instanceof PodLifecycle.Next.Stay) {
      message = detail.isEmpty() ? message : detail;
    } else if (next instanceof PodLifecycle.Next.Run) {
      if (phase != PodPhase.RUNNING) getContext().getLog().info("pod {} running on {}", spec.key(), host);
      phase = PodPhase.RUNNING;
      // Only a problem the executor names (e.g. CrashLoopBackOff) is worth showing next to "running".
      boolean problem = report.map(r -> !r.getReason().isEmpty()).orElse(false);
      message = "running on " + host + (problem ? ": " + detail : "");
    } else if (next instanceof PodLifecycle.Next.Reschedule r) {
      restarts++;
      getContext().getLog().info("pod {}: {} ({}); restart {} in {}", spec.key(), r.why(), detail, restarts,
          restart.delay(restarts - 1));
      clearTask(PodPhase.PENDING, r.why() + (detail.isEmpty() ? "" : " (" + detail + ")"));
      timers.startSingleTimer(Retry.class, new Retry(), restart.delay(restarts - 1));
    } else if (next instanceof PodLifecycle.Next.End e) {
      phase = e.phase();
      message = e.why() + (detail.isEmpty() ? "" : " (" + detail + ")");
      getContext().getLog().info("pod {} ended {}: {}", spec.key(), phase, message);
    } else {
      after = gone();
    }
    if (after == this) publish();
    m.ackTo().tell(new MesosCalls.UpdateTaken(s));
    return after;
  }

  /** Treated as a TASK_LOST from the master for the current task: the restart policy decides. */
  private Behavior<Command> onTasksLost(TasksLost m) {
    if (task.isEmpty()) return this;
    TaskStatus lost = TaskStatus.newBuilder().setTaskId(task.get()).setState(TaskState.TASK_LOST)
        .setSource(TaskStatus.Source.SOURCE_MASTER).setMessage(m.reason()).build();
    return onUpdate(new TaskUpdate(lost, getContext().getSystem().ignoreRef()));
  }

  private Behavior<Command> onDelete(Delete m) {
    getContext().getLog().info("pod {} deleted while {}", spec.key(), phase);
    switch (phase) {
      case PENDING, SUCCEEDED, FAILED -> {
        deps.pool().tell(new OfferPool.Withdraw(spec.key()));
        m.replyTo().tell(new PodSupervisor.Deleted(record()));
        return gone();
      }
      case LAUNCHING, RUNNING -> {
        deps.pool().tell(new OfferPool.Withdraw(spec.key()));
        phase = PodPhase.TERMINATING;
        message = "deleting: stopping task " + task.map(TaskID::getValue).orElse("");
        kill(0);
        publish();
      }
      case TERMINATING -> { }
    }
    m.replyTo().tell(new PodSupervisor.Deleted(record()));
    return this;
  }

  /** Mesos never spoke of the task (a lost ACCEPT leaves no trace): kill it to be sure, try again. */
  private Behavior<Command> onLaunchTimedOut(LaunchTimedOut m) {
    if (phase != PodPhase.LAUNCHING || !task.equals(Optional.of(m.task()))) return this;
    getContext().getLog().warn("pod {}: no word from Mesos about task {} within {}; scheduling again", spec.key(),
        m.task().getValue(), deps.timings().launchTimeout());
    deps.bridge().tell(new MesosCalls.Kill(m.task(), agent, Duration.ZERO));
    deps.pool().tell(new OfferPool.Withdraw(spec.key()));
    reservation = Optional.empty();
    clearTask(PodPhase.PENDING, "waiting: Mesos did not confirm the launch of " + m.task().getValue()
        + " within " + deps.timings().launchTimeout().toSeconds() + " s; trying again");
    requestOffer();
    publish();
    return this;
  }

  private Behavior<Command> onKillAgain(KillAgain m) {
    if (phase != PodPhase.TERMINATING) return this;
    if (m.attempt() >= KILL_ATTEMPTS) {
      getContext().getLog().warn("pod {}: no terminal update after {} kills of {}; forgetting the pod", spec.key(),
          KILL_ATTEMPTS, task.map(TaskID::getValue).orElse(""));
      return gone();
    }
    kill(m.attempt());
    return this;
  }

  private void kill(int attempt) {
    task.ifPresent(t -> deps.bridge().tell(new MesosCalls.Kill(t, agent, deps.timings().killGrace())));
    timers.startSingleTimer(new KillAgain(attempt + 1), deps.timings().killGrace().multipliedBy(2).plusSeconds(5));
  }

  private void requestOffer() {
    deps.pool().tell(new OfferPool.RequestOffer(spec.key(), spec.shape(), poolReplies));
  }

  private void clearTask(PodPhase next, String why) {
    phase = next;
    task = Optional.empty();
    agent = Optional.empty();
    host = "";
    hostPorts = List.of();
    message = why;
  }

  private Behavior<Command> gone() {
    deps.store().tell(new ObjectStore.Remove(spec.key()));
    deps.onRemoved().accept(spec.key());
    getContext().getLog().info("pod {} is gone", spec.key());
    return Behaviors.stopped();
  }

  private void publish() {
    PodRecord r = record();
    deps.store().tell(new ObjectStore.Upsert(r, getContext().getSystem().ignoreRef()));
    deps.onChanged().accept(r);
  }

  private PodRecord record() {
    return new PodRecord(spec, new PodRecord.Status(phase, task.map(TaskID::getValue).orElse(""),
        agent.map(AgentID::getValue).orElse(""), host, hostPorts, restarts, message, report), 0);
  }
}
