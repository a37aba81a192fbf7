package io.k8sm.executor.pod;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.k8sm.executor.docker.ContainerNames.PodKey;
import io.k8sm.executor.docker.ContainerSnapshot;
import io.k8sm.executor.docker.DockerEventHub;
import io.k8sm.protocol.pod.Container;
import io.k8sm.protocol.pod.ContainerStatus;
import io.k8sm.protocol.pod.RestartPolicy;
import io.k8sm.protocol.pod.Running;
import io.k8sm.protocol.pod.Terminated;
import io.k8sm.protocol.pod.Waiting;
import java.time.Duration;
import java.util.Optional;

/**
 * One app container of one pod, kubelet-style. Creates (or adopts) and starts its Docker
 * container (a fresh one per restart), learns about exits from the executor's single events stream (an event is a hint; an
 * inspect is the truth), runs the liveness probe, and restarts the container as the pod's restart
 * policy and {@link RestartRules} say. Every change of its status goes to the pod as
 * {@link Reported}.
 *
 * <p>Protocol: {@link Stop} stops (grace, then force) and removes the container, answers
 * {@link Stopped} and ends the actor. A pending stop is never overridden: once stopping, exits are
 * not restarted and probes no longer run.
 */
public final class ContainerActor extends AbstractBehavior<ContainerActor.Command> {
  public sealed interface Command {}

  public record Stop(Duration grace, ActorRef<Stopped> replyTo) implements Command {}

  public record Stopped(String name) {}

  /** This container's latest status; {@code staysDown}: it ended and the policy keeps it down. */
  public record Reported(String name, ContainerStatus status, boolean staysDown) {}

  private record Created(String id) implements Command {}

  private record Failed(String reason, String message) implements Command {}

  private record Inspected(Optional<ContainerSnapshot> snapshot) implements Command {}

  private record Event(DockerEventHub.ContainerEvent event) implements Command {}

  private record ProbeDone(int generation, Prober.Outcome outcome) implements Command {}

  private enum Tick implements Command { RESTART, PROBE, STOP_SENT, REMOVED }

  private enum Phase { CREATING, STARTING, RUNNING, BACKOFF, DOWN, STOPPING }

  private final PodEnv env;
  private final PodKey key;
  private final Container spec;
  private final RestartPolicy policy;
  private final Prober.Target probeTarget;
  private final Duration podGrace;
  private final ActorRef<Reported> reportTo;
  private final TimerScheduler<Command> timers;
  private final RestartRules rules;
  private final io.k8sm.executor.docker.ContainerPlan plan;
  private String id;
  private Phase phase = Phase.CREATING;
  private ContainerStatus status;
  private long startedAt;
  private int restartCount;
  private int backoffStep = -1;
  private int probeGeneration;
  private final LivenessTracker liveness;
  private String livenessFailure;
  private Stop pendingStop;

  public static Behavior<Command> create(PodEnv env, PodKey key, Container spec, RestartPolicy policy,
      Prober.Target probeTarget, Duration podGrace, Optional<String> existingId, ActorRef<Reported> reportTo) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new ContainerActor(ctx, env, key, spec,
        policy, probeTarget, podGrace, existingId, reportTo, timers)));
  }

  private ContainerActor(ActorContext<Command> ctx, PodEnv env, PodKey key, Container spec,
      RestartPolicy policy, Prober.Target probeTarget, Duration podGrace, Optional<String> existingId,
      ActorRef<Reported> reportTo, TimerScheduler<Command> timers) {
    super(ctx);
    this.env = env;
    this.key = key;
    this.spec = spec;
    this.policy = policy;
    this.probeTarget = probeTarget;
    this.podGrace = podGrace;
    this.reportTo = reportTo;
    this.timers = timers;
    this.plan = ContainerPlans.app(spec, key, env.owner(), probeTarget.infraId());
    this.rules = new RestartRules(env.settings().restartBackoff(), env.settings().restartResetAfter());
    this.liveness = spec.hasLivenessProbe()
        ? new LivenessTracker(spec.getLivenessProbe(), env.settings().defaultProbeTimeout()) : null;
    this.status = base().setWaiting(Waiting.newBuilder().setReason("ContainerCreating")).build();
    if (existingId.isPresent()) {
      ctx.getLog().info("Adopting container {} ({}) of pod {}", spec.getName(), existingId.get(), key.name());
      attach(existingId.get());
      inspect();
    } else {
      createContainer(env.docker().create(plan));
    }
  }

  private void createContainer(java.util.concurrent.CompletionStage<String> creation) {
    phase = Phase.CREATING;
    getContext().pipeToSelf(creation, (createdId, failure) -> failure == null
        ? new Created(createdId) : new Failed("CreateContainerError", message(failure)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Created.class, this::onCreated)
        .onMessage(Failed.class, this::onFailed)
        .onMessage(Inspected.class, this::onInspected)
        .onMessage(Event.class, this::onEvent)
        .onMessageEquals(Tick.RESTART, this::onRestartDue)
        .onMessageEquals(Tick.PROBE, this::onProbeTick)
        .onMessageEquals(Tick.STOP_SENT, () -> this)
        .onMessage(ProbeDone.class, this::onProbeDone)
        .onMessage(Stop.class, this::onStop)
        .onMessageEquals(Tick.REMOVED, this::onRemoved)
        .build();
  }

  private Behavior<Command> onCreated(Created created) {
    attach(created.id());
    if (pendingStop != null) {
      return onStop(pendingStop);
    }
    startContainer();
    return this;
  }

  private void attach(String containerId) {
    id = containerId;
    env.events().tell(new DockerEventHub.Watch(id, getContext().messageAdapter(
        DockerEventHub.ContainerEvent.class, Event::new)));
  }

  private void startContainer() {
    phase = Phase.STARTING;
    getContext().pipeToSelf(env.docker().start(id).thenCompose(v -> env.docker().inspect(id)),
        (snapshot, failure) -> failure == null ? new Inspected(snapshot) : new Failed("StartError", message(failure)));
  }

  private void inspect() {
    getContext().pipeToSelf(env.docker().inspect(id), (snapshot, failure) -> failure == null
        ? new Inspected(snapshot) : new Failed("InspectError", message(failure)));
  }

  private Behavior<Command> onFailed(Failed failed) {
    if (phase == Phase.STOPPING) {
      return this;
    }
    getContext().getLog().warn("Container {} of pod {}: {}: {}", spec.getName(), key.name(), failed.reason(), failed.message());
    phase = Phase.DOWN;
    report(base().setTerminated(Terminated.newBuilder().setExitCode(128).setReason(failed.reason())
        .setMessage(failed.message()).setFinishedAtMillis(System.currentTimeMillis())).build(), true);
    return this;
  }

  private Behavior<Command> onInspected(Inspected inspected) {
    if (phase == Phase.STOPPING || phase == Phase.DOWN || phase == Phase.BACKOFF) {
      return this;
    }
    if (inspected.snapshot().isEmpty()) {
      return onFailed(new Failed("ContainerMissing", "container " + id + " no longer exists"));
    }
    ContainerSnapshot s = inspected.snapshot().get();
    if (!s.running()) {
      return onExited(s);
    }
    if (phase != Phase.RUNNING || s.startedAtMillis() != startedAt) {
      phase = Phase.RUNNING;
      startedAt = s.startedAtMillis();
      getContext().getLog().info("Container {} of pod {} is running (restarts: {})", spec.getName(), key.name(), restartCount);
      report(base().setRunning(Running.newBuilder().setStartedAtMillis(startedAt)).build(), false);
      scheduleFirstProbe();
    }
    return this;
  }

  private Behavior<Command> onEvent(Event event) {
    String action = event.event().action();
    if ((action.equals("die") || action.equals("destroy") || action.equals("oom"))
        && (phase == Phase.RUNNING || phase == Phase.STARTING)) {
      inspect();
    }
    return this;
  }

  private Behavior<Command> onExited(ContainerSnapshot s) {
    probeGeneration++;
    timers.cancel(Tick.PROBE);
    String reason = livenessFailure != null ? "Unhealthy"
        : s.oomKilled() ? "OOMKilled" : s.exitCode() == 0 ? "Completed" : "Error";
    Terminated ended = Terminated.newBuilder().setExitCode(s.exitCode()).setReason(reason)
        .setMessage(livenessFailure == null ? "" : "liveness probe failed: " + livenessFailure)
        .setStartedAtMillis(s.startedAtMillis()).setFinishedAtMillis(s.finishedAtMillis()).build();
    livenessFailure = null;
    Duration ranFor = Duration.ofMillis(Math.max(0, s.finishedAtMillis() - s.startedAtMillis()));
    RestartRules.Decision decision = rules.afterExit(policy, s.exitCode(), ranFor, backoffStep);
    getContext().getLog().info("Container {} of pod {} exited with code {} ({}): {}",
        spec.getName(), key.name(), s.exitCode(), reason, decision);
    if (decision instanceof RestartRules.Restart restart) {
      phase = Phase.BACKOFF;
      backoffStep = restart.step();
      timers.startSingleTimer(Tick.RESTART, restart.delay());
      report(base().setWaiting(Waiting.newBuilder().setReason("CrashLoopBackOff").setMessage(
          "back-off " + restart.delay().toMillis() + " ms restarting failed container " + spec.getName()))
          .setLastTermination(ended).build(), false);
    } else {
      phase = Phase.DOWN;
      report(base().setTerminated(ended).build(), true);
    }
    return this;
  }

  private Behavior<Command> onRestartDue() {
    if (phase == Phase.BACKOFF) {
      // Like kubelet, every restart is a fresh container from the image (a clean filesystem).
      restartCount++;
      String old = id;
      env.events().tell(new DockerEventHub.Unwatch(old));
      id = null;
      createContainer(env.docker().remove(old).thenCompose(v -> env.docker().create(plan)));
    }
    return this;
  }

  private void scheduleFirstProbe() {
    if (liveness != null) {
      liveness.reset();
      timers.startSingleTimer(Tick.PROBE, liveness.initialDelay());
    }
  }

  private Behavior<Command> onProbeTick() {
    if (phase != Phase.RUNNING || liveness == null) {
      return this;
    }
    int generation = probeGeneration;
    getContext().pipeToSelf(env.prober().run(spec.getLivenessProbe(), probeTarget.withApp(id), liveness.timeout()),
        (outcome, failure) -> new ProbeDone(generation, failure == null ? outcome : new Prober.Outcome(false, message(failure))));
    return this;
  }

  private Behavior<Command> onProbeDone(ProbeDone done) {
    if (done.generation() != probeGeneration || phase != Phase.RUNNING) {
      return this;
    }
    if (!liveness.record(done.outcome().success())) {
      timers.startSingleTimer(Tick.PROBE, liveness.period());
      return this;
    }
    getContext().getLog().info("Container {} of pod {} failed its liveness probe {} times ({}); restarting it",
        spec.getName(), key.name(), liveness.failures(), done.outcome().detail());
    livenessFailure = done.outcome().detail();
    probeGeneration++;
    // The exit shows up as a die event; if the stop itself fails, probing simply goes on.
    getContext().pipeToSelf(env.docker().stop(id, podGrace), (v, failure) -> failure == null ? Tick.STOP_SENT : Tick.PROBE);
    return this;
  }

  private Behavior<Command> onStop(Stop stop) {
    if (phase == Phase.STOPPING) {
      return this; // The first stop's grace period stands; its requester gets the answer.
    }
    pendingStop = stop;
    if (id == null && phase == Phase.CREATING) {
      return this; // onCreated comes back here once the id is known.
    }
    phase = Phase.STOPPING;
    timers.cancelAll();
    probeGeneration++;
    if (id == null) {
      return onRemoved();
    }
    getContext().pipeToSelf(env.docker().stop(id, stop.grace())
            .handle((v, f) -> null).thenCompose(v -> env.docker().remove(id)), (v, f) -> Tick.REMOVED);
    return this;
  }

  private Behavior<Command> onRemoved() {
    if (id != null) {
      env.events().tell(new DockerEventHub.Unwatch(id));
    }
    pendingStop.replyTo().tell(new Stopped(spec.getName()));
    return Behaviors.stopped();
  }

  private ContainerStatus.Builder base() {
    ContainerStatus.Builder b = ContainerStatus.newBuilder().setName(spec.getName()).setImage(spec.getImage())
        .setRestartCount(restartCount).setReady(phase == Phase.RUNNING);
    if (id != null) {
      b.setContainerId("docker://" + id);
    }
    if (status != null && status.hasLastTermination()) {
      b.setLastTermination(status.getLastTermination());
    }
    return b;
  }

  private void report(ContainerStatus next, boolean staysDown) {
    status = next;
    reportTo.tell(new Reported(spec.getName(), next, staysDown));
  }

  static String message(Throwable t) {
    Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
