package io.k8sm.local.agent;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.http.javadsl.model.HttpResponse;
import akka.stream.Materializer;
import akka.util.ByteString;
import io.k8sm.local.http.Responses;
import io.k8sm.protocol.codec.Encoding;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import org.apache.mesos.v1.Protos.ContainerID;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;

/**
 * One executor run on the real agent: starts its process in a fresh sandbox, serves its v1
 * executor API calls, and reports its tasks to the master's {@link AgentListener}.
 *
 * <p>Life: STARTING (process being spawned) → REGISTERING (waiting for SUBSCRIBE, bounded by the
 * registration timeout) → SUBSCRIBED (events flow; a dropped stream makes a checkpointed executor
 * DISCONNECTED, waiting for a re-SUBSCRIBE, and any other one TERMINATING) → TERMINATING (SHUTDOWN
 * sent, process destroyed after the grace period) → stopped once the process has exited. Whatever
 * the path, exit ends the same way: every non-terminal task is reported TASK_FAILED by the agent,
 * then {@code executorTerminated}. Invariants: an update uuid reaches the listener at most once; a
 * task is sent as LAUNCH only after SUBSCRIBED; process work runs on the blocking dispatcher.
 */
public final class ExecutorSupervisor extends AbstractBehavior<ExecutorSupervisor.Command> {

  public sealed interface Command {}

  /** New tasks for this executor (already accounted by the master). */
  public record Launch(List<TaskInfo> tasks) implements Command {}

  public record Kill(TaskID task, Optional<KillPolicy> killPolicy) implements Command {}

  /** SHUTDOWN, then destruction after the grace period. */
  public record Shutdown() implements Command {}

  public record FrameworkMessage(ByteString data) implements Command {}

  /** A decoded, shape-checked executor API call; the reply is the HTTP response. */
  public record ExecutorCall(Call call, Encoding encoding, ActorRef<HttpResponse> replyTo) implements Command {}

  /** Sent by the agent once it has forgotten this executor (after {@link Finished}). */
  public record Stop() implements Command {}

  /** Told to the agent when the executor has exited and everything is reported. */
  public record Finished(ActorRef<Command> executor) {}

  private record Started(Process process) implements Command {}

  private record StartFailed(String reason) implements Command {}

  private record Exited(int waitStatus) implements Command {}

  private record RegistrationTimedOut() implements Command {}

  private record GraceExpired() implements Command {}

  private record StreamClosed(long streamId) implements Command {}

  private record Heartbeat() implements Command {}

  private enum Phase { STARTING, REGISTERING, SUBSCRIBED, DISCONNECTED, TERMINATING }

  private final ExecutorRun run;
  private final ActorRef<Finished> parent;
  private final TimerScheduler<Command> timers;
  private final TaskBook tasks = new TaskBook();
  private final TaskReports reports;
  private final ExecutorOutbox outbox;
  private final ExecutorProcessSlot process;
  private Phase phase = Phase.STARTING;
  private boolean subscribedOnce;
  private boolean graceStarted;
  private TaskStatus.Reason terminationReason = TaskStatus.Reason.REASON_EXECUTOR_TERMINATED;

  public static Behavior<Command> create(ExecutorRun.Spec spec, List<TaskInfo> initialTasks,
      ActorRef<Finished> parent) {
    // Resume on a failed message: restarting would lose the process handle and orphan the executor.
    return Behaviors.supervise(Behaviors.<Command>setup(ctx -> Behaviors.withTimers(
            timers -> new ExecutorSupervisor(ctx, timers, spec, initialTasks, parent))))
        .onFailure(SupervisorStrategy.resume());
  }

  private ExecutorSupervisor(ActorContext<Command> ctx, TimerScheduler<Command> timers,
      ExecutorRun.Spec spec, List<TaskInfo> initialTasks, ActorRef<Finished> parent) {
    super(ctx);
    this.parent = parent;
    this.timers = timers;
    Executor blocking = ctx.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
    this.outbox = new ExecutorOutbox(Materializer.matFromSystem(ctx.getSystem()));
    ContainerID container = ContainerID.newBuilder().setValue(UUID.randomUUID().toString()).build();
    this.run = new ExecutorRun(spec, container);
    this.reports = new TaskReports(run, tasks);
    this.process = new ExecutorProcessSlot(spec.processes(), blocking);
    initialTasks.forEach(tasks::add);
    timers.startSingleTimer(new RegistrationTimedOut(), spec.settings().executorRegistrationTimeout());
    startProcess();
  }

  private void startProcess() {
    getContext().getLog().info("Launching {} in {}", run.label(), run.sandboxOrNull());
    getContext().pipeToSelf(process.launch(run, getContext().getLog()),
        (p, err) -> err == null ? new Started(p) : new StartFailed(ExecutorProcess.rootMessage(err)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Started.class, this::onStarted)
        .onMessage(StartFailed.class, this::onStartFailed)
        .onMessage(Exited.class, this::onExited)
        .onMessage(ExecutorCall.class, this::onCall)
        .onMessage(Launch.class, this::onLaunch)
        .onMessage(Kill.class, this::onKill)
        .onMessage(Shutdown.class, m -> onShutdown())
        .onMessage(FrameworkMessage.class, this::onFrameworkMessage)
        .onMessage(RegistrationTimedOut.class, m -> onRegistrationTimedOut())
        .onMessage(GraceExpired.class, m -> destroy())
        .onMessage(StreamClosed.class, this::onStreamClosed)
        .onMessage(Heartbeat.class, m -> send(Events.heartbeat()))
        .onMessage(Stop.class, m -> Behaviors.stopped())
        .build();
  }

  private Behavior<Command> onStarted(Started m) {
    if (phase == Phase.STARTING) {
      phase = Phase.REGISTERING;
    }
    getContext().getLog().info("{} started as pid {}", run.label(), m.process().pid());
    getContext().pipeToSelf(m.process().onExit(),
        (p, err) -> new Exited(err == null ? ExecutorProcess.waitStatus(p.exitValue()) : -1));
    process.started(m.process());
    return this;
  }

  private Behavior<Command> onStartFailed(StartFailed m) {
    getContext().getLog().warn("{} could not start: {}", run.label(), m.reason());
    terminationReason = TaskStatus.Reason.REASON_CONTAINER_LAUNCH_FAILED;
    return terminated(-1, "Failed to launch the executor: " + m.reason());
  }

  private Behavior<Command> onExited(Exited m) {
    process.exited();
    getContext().getLog().info("{} {}", run.label(),
        ExecutorProcess.describe(m.waitStatus()));
    return terminated(m.waitStatus(), "Executor " + ExecutorProcess.describe(m.waitStatus()));
  }

  private Behavior<Command> terminated(int waitStatus, String message) {
    reports.failAll(terminationReason, message);
    run.spec().listener().executorTerminated(run.frameworkId(), run.executorId(), run.agentId(), waitStatus);
    outbox.close();
    timers.cancelAll();
    parent.tell(new Finished(getContext().getSelf()));
    return ExitedExecutor.behavior(tasks, reports);
  }

  private Behavior<Command> onCall(ExecutorCall m) {
    Call call = m.call();
    if (call.getType() == Call.Type.SUBSCRIBE) {
      m.replyTo().tell(subscribe(call, m.encoding()));
      return this;
    }
    m.replyTo().tell(ExecutorCalls.answer(call, subscribedOnce, this::accept,
        data -> run.spec().listener().executorMessage(run.frameworkId(), run.executorId(), run.agentId(), data)));
    return this;
  }

  private HttpResponse subscribe(Call call, Encoding encoding) {
    EventStream stream = outbox.open(encoding);
    long id = stream.id();
    getContext().pipeToSelf(stream.terminated(), (done, err) -> new StreamClosed(id));
    if (phase == Phase.TERMINATING) {
      send(Events.shutdown());
      return Responses.stream(encoding, stream.body());
    }
    boolean resubscribe = subscribedOnce;
    phase = Phase.SUBSCRIBED;
    subscribedOnce = true;
    timers.cancel(new RegistrationTimedOut());
    getContext().getLog().info("{} {}", run.label(),
        resubscribe ? "re-subscribed" : "subscribed");
    send(Events.subscribed(run));
    SubscribeReplay replay = SubscribeReplay.of(call);
    replay.ignored().forEach(reason -> getContext().getLog().warn(
        "Ignoring an unacknowledged update of executor '{}': {}", run.executorId().getValue(), reason));
    replay.updates().forEach(this::accept);
    tasks.toLaunch(replay.unacknowledgedTasks(), replay.updatedTasks()).forEach(t -> send(Events.launch(t)));
    outbox.release().forEach(this::send);
    Duration interval = run.spec().settings().executorHeartbeatInterval();
    timers.startTimerWithFixedDelay(new Heartbeat(), interval, interval);
    return Responses.stream(encoding, stream.body());
  }

  /** Takes custody of an executor update: forwarded once per uuid, acknowledged every time. */
  private void accept(TaskStatus raw) {
    reports.fromExecutor(raw);
    send(Events.acknowledged(raw.getTaskId(), raw.getUuid()));
  }

  private Behavior<Command> onLaunch(Launch m) {
    for (TaskInfo task : m.tasks()) {
      if (phase == Phase.TERMINATING) {
        reports.dropped(task.getTaskId(), "Executor terminating");
        continue;
      }
      tasks.add(task);
      if (phase == Phase.SUBSCRIBED) {
        tasks.deliverQueued().forEach(t -> send(Events.launch(t)));
      }
    }
    return this;
  }

  private Behavior<Command> onKill(Kill m) {
    switch (tasks.kill(m.task().getValue())) {
      case UNKNOWN -> reports.dropped(m.task(), "Cannot find task");
      case FORWARD -> send(Events.kill(m.task(), m.killPolicy()));
      case KILLED_BEFORE_LAUNCH -> {
        reports.fromAgent(m.task(), TaskState.TASK_KILLED, TaskStatus.Reason.REASON_TASK_KILLED_DURING_LAUNCH,
            "Task killed before it was launched");
        if (!subscribedOnce && !tasks.hasNonTerminal()) {
          // Like Mesos: an executor that never registered and has nothing left to run is not waited for.
          return onShutdown();
        }
      }
      case ALREADY_ENDED -> { }
    }
    return this;
  }

  private Behavior<Command> onShutdown() {
    if (!graceStarted) {
      graceStarted = true;
      phase = Phase.TERMINATING;
      send(Events.shutdown());
      timers.startSingleTimer(new GraceExpired(), run.gracePeriod());
    }
    return this;
  }

  private Behavior<Command> onFrameworkMessage(FrameworkMessage m) {
    send(Events.message(m.data()));
    return this;
  }

  private Behavior<Command> onRegistrationTimedOut() {
    if (!subscribedOnce && phase != Phase.TERMINATING) {
      getContext().getLog().warn("{} did not subscribe within {}; destroying it", run.label(), run.spec().settings().executorRegistrationTimeout());
      phase = Phase.TERMINATING;
      terminationReason = TaskStatus.Reason.REASON_EXECUTOR_REGISTRATION_TIMEOUT;
      return destroy();
    }
    return this;
  }

  private Behavior<Command> onStreamClosed(StreamClosed m) {
    if (!outbox.ended(m.streamId())) {
      return this;
    }
    timers.cancel(new Heartbeat());
    if (phase == Phase.SUBSCRIBED && run.checkpoint()) {
      phase = Phase.DISCONNECTED;
      getContext().getLog().info("{} disconnected; waiting for it to re-subscribe", run.label());
    } else if (phase == Phase.SUBSCRIBED) {
      // Not checkpointed: the executor is expected to exit on its own; make sure it does.
      getContext().getLog().info("{} disconnected and is not checkpointed; shutting it down", run.label());
      return onShutdown();
    }
    return this;
  }

  private Behavior<Command> destroy() {
    process.destroy();
    return this;
  }

  /**
   * Sends on the live stream. While a checkpointed executor is away (or its stream has just gone
   * without our knowing), events wait in the outbox for its return.
   */
  private Behavior<Command> send(Event event) {
    boolean away = phase == Phase.DISCONNECTED || (phase == Phase.SUBSCRIBED && run.checkpoint());
    if (outbox.send(event, away) == ExecutorOutbox.Outcome.DROPPED) {
      getContext().getLog().warn("Event {} to {} dropped: stream closed or full", event.getType(), run.label());
    }
    return this;
  }
}
