package io.k8sm.executor.pod;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import java.time.Duration;

/**
 * Runs one probe (liveness or readiness) of one container run, kubelet's prober worker: waits the
 * initial delay, then probes once per period with {@link Prober}, one probe at a time, and folds the
 * outcomes with {@link ProbeTracker}. It tells its parent only when the verdict flips, as a
 * {@link Result} naming the container the probe ran against. A liveness worker also stops the
 * container once the probe fails for good (the exit then follows the usual way, as a die event);
 * should that stop fail, the counts start over and the probe must fail its threshold again.
 *
 * <p>Protocol: none inbound; the parent stops it when the run ends. Invariant: every result is
 * about {@code target.appId()}, so a parent that has moved on to a new container can tell a late
 * result from a current one.
 */
final class ProbeWorker extends AbstractBehavior<ProbeWorker.Command> {
  sealed interface Command {}

  /** The probe's verdict flipped: {@code passing} (alive/ready) or not, with the last outcome. */
  record Result(ProbeTracker.Kind kind, String containerId, boolean passing, String detail) {}

  private record Done(Prober.Outcome outcome) implements Command {}

  private record StopFailed(String message) implements Command {}

  private enum Tick implements Command { PROBE, STOP_SENT }

  private final io.k8sm.executor.docker.DockerRuntime docker;
  private final Duration stopGrace;
  private final Prober prober;
  private final io.k8sm.protocol.pod.Probe probe;
  private final ProbeTracker tracker;
  private final Prober.Target target;
  private final ActorRef<Result> replyTo;
  private final TimerScheduler<Command> timers;

  /** {@code stopGrace}: SIGTERM to SIGKILL when a liveness failure stops the container. */
  static Behavior<Command> create(PodEnv env, io.k8sm.protocol.pod.Probe probe, ProbeTracker tracker,
      Prober.Target target, Duration stopGrace, ActorRef<Result> replyTo) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new ProbeWorker(ctx, env, probe, tracker, target, stopGrace, replyTo, timers)));
  }

  private ProbeWorker(ActorContext<Command> ctx, PodEnv env, io.k8sm.protocol.pod.Probe probe,
      ProbeTracker tracker, Prober.Target target, Duration stopGrace, ActorRef<Result> replyTo,
      TimerScheduler<Command> timers) {
    super(ctx);
    this.docker = env.docker();
    this.stopGrace = stopGrace;
    this.prober = env.prober();
    this.probe = probe;
    this.tracker = tracker;
    this.target = target;
    this.replyTo = replyTo;
    this.timers = timers;
    tracker.reset();
    timers.startSingleTimer(Tick.PROBE, tracker.initialDelay());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessageEquals(Tick.PROBE, this::onProbe)
        .onMessage(Done.class, this::onDone)
        .onMessageEquals(Tick.STOP_SENT, () -> this) // The run ends; the parent stops this worker.
        .onMessage(StopFailed.class, this::onStopFailed)
        .build();
  }

  private Behavior<Command> onProbe() {
    getContext().pipeToSelf(prober.run(probe, target, tracker.timeout()), (outcome, failure) ->
        new Done(failure == null ? outcome : new Prober.Outcome(false, Failures.message(failure))));
    return this;
  }

  private Behavior<Command> onDone(Done done) {
    if (tracker.record(done.outcome().success())) {
      replyTo.tell(new Result(tracker.kind(), target.appId(), tracker.passing(), done.outcome().detail()));
      if (tracker.kind() == ProbeTracker.Kind.LIVENESS && !tracker.passing()) {
        // Told before the stop: the parent knows why the container died before the die event comes.
        getContext().pipeToSelf(docker.stop(target.appId(), stopGrace),
            (v, failure) -> failure == null ? Tick.STOP_SENT : new StopFailed(Failures.message(failure)));
        return this;
      }
    }
    // The next probe waits a full period after this one ended: probes never overlap.
    timers.startSingleTimer(Tick.PROBE, tracker.period());
    return this;
  }

  /** The container still runs: alive again as far as its parent knows, counting from zero. */
  private Behavior<Command> onStopFailed(StopFailed failed) {
    tracker.reset();
    replyTo.tell(new Result(tracker.kind(), target.appId(), true, "could not stop it: " + failed.message()));
    timers.startSingleTimer(Tick.PROBE, tracker.period());
    return this;
  }
}
