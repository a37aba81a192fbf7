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
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One app container of one pod, kubelet-style. Creates (or adopts) and starts its Docker
 * container (a fresh one per restart), learns about exits from the executor's single events stream
 * (an event is a hint; an inspect is the truth), and restarts the container as the pod's restart
 * policy and {@link RestartRules} say. While a run lasts, its probes run in {@link ProbeWorkers}:
 * a failed liveness probe stops the run, readiness sets {@code ready}. Every change of its status
 * goes to the pod as {@link Reported}; the restart count lives in a container label too, so a
 * restarted executor that adopts the container keeps counting from there.
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

  private record Probed(ProbeWorker.Result result) implements Command {}

  private enum Tick implements Command { RESTART, REMOVED }

  private enum Phase { CREATING, STARTING, RUNNING, BACKOFF, DOWN, STOPPING }

  private final PodKey key;
  private final Container spec;
  private final ActorRef<Reported> reportTo;
  private final TimerScheduler<Command> timers;
  private final ProbeWorkers probes;
  private final AppContainer container;
  private Phase phase = Phase.CREATING;
  private ContainerStatus status;
  private long startedAt;
  private final Restarts restarts;
  private boolean adopting;
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
    this.key = key;
    this.spec = spec;
    this.reportTo = reportTo;
    this.timers = timers;
    var rules = new RestartRules(env.settings().restartBackoff(), env.settings().restartResetAfter());
    this.restarts = new Restarts(rules, policy);
    this.probes = new ProbeWorkers(ctx, env, spec, probeTarget, podGrace, ctx.messageAdapter(ProbeWorker.Result.class, Probed::new));
    this.container = new AppContainer(env, key, spec, probeTarget.infraId(),
        ctx.messageAdapter(DockerEventHub.ContainerEvent.class, Event::new));
    this.status = base().setWaiting(ContainerStatuses.creating()).build();
    if (existingId.isPresent()) {
      ctx.getLog().info("Adopting container {} ({}) of pod {}", spec.getName(), existingId.get(), key.name());
      adopting = true;
      container.attach(existingId.get());
      inspect();
    } else {
      createContainer(container.create(restarts.count()));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Created.class, this::onCreated)
        .onMessage(Failed.class, this::onFailed)
        .onMessage(Inspected.class, this::onInspected)
        .onMessage(Event.class, this::onEvent)
        .onMessageEquals(Tick.RESTART, this::onRestartDue)
        .onMessage(Probed.class, this::onProbed)
        .onMessage(Stop.class, this::onStop)
        .onMessageEquals(Tick.REMOVED, this::onRemoved)
        .build();
  }

  private void createContainer(CompletionStage<String> creation) {
    phase = Phase.CREATING;
    getContext().pipeToSelf(creation, (createdId, failure) -> failure == null
        ? new Created(createdId) : new Failed("CreateContainerError", Failures.message(failure)));
  }

  private Behavior<Command> onCreated(Created created) {
    container.attach(created.id());
    if (pendingStop != null) {
      return onStop(pendingStop);
    }
    phase = Phase.STARTING;
    getContext().pipeToSelf(container.startAndInspect(), (snapshot, failure) ->
        failure == null ? new Inspected(snapshot) : new Failed("StartError", Failures.message(failure)));
    return this;
  }

  private void inspect() {
    getContext().pipeToSelf(container.inspect(), (snapshot, failure) -> failure == null
        ? new Inspected(snapshot) : new Failed("InspectError", Failures.message(failure)));
  }

  private Behavior<Command> onFailed(Failed failed) {
    if (phase == Phase.STOPPING) {
      return this;
    }
    getContext().getLog().warn("Container {} of pod {}: {}: {}", spec.getName(), key.name(), failed.reason(), failed.message());
    phase = Phase.DOWN;
    report(base().setTerminated(ContainerStatuses.notRun(failed.reason(), failed.message(),
        System.currentTimeMillis())).build(), true);
    return this;
  }

  private Behavior<Command> onInspected(Inspected inspected) {
    if (phase == Phase.STOPPING || phase == Phase.DOWN || phase == Phase.BACKOFF) {
      return this;
    }
    if (inspected.snapshot().isEmpty()) {
      return onFailed(new Failed("ContainerMissing", "container " + container.id() + " no longer exists"));
    }
    ContainerSnapshot s = inspected.snapshot().get();
    if (adopting) {
      adopting = false;
      restarts.adopt(s.labels()); // The count survives executor restarts.
    }
    if (!s.running()) {
      return onExited(s);
    }
    if (phase != Phase.RUNNING || s.startedAtMillis() != startedAt) {
      phase = Phase.RUNNING;
      startedAt = s.startedAtMillis();
      getContext().getLog().info("Container {} of pod {} is running (restarts: {})", spec.getName(), key.name(), restarts.count());
      probes.start(container.id());
      report(base().setRunning(Running.newBuilder().setStartedAtMillis(startedAt)).build(), false);
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
    probes.stop();
    Restarts.Exit exit = restarts.exited(s);
    var ended = exit.ended();
    getContext().getLog().info("Container {} of pod {} exited with code {} ({}): {}",
        spec.getName(), key.name(), s.exitCode(), ended.getReason(), exit.next());
    if (exit.next() instanceof RestartRules.Restart restart) {
      phase = Phase.BACKOFF;
      timers.startSingleTimer(Tick.RESTART, restart.delay());
      report(base().setWaiting(ContainerStatuses.crashLoop(spec.getName(), restart.delay()))
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
      restarts.restarting();
      createContainer(container.replace(restarts.count()));
    }
    return this;
  }

  private Behavior<Command> onProbed(Probed probed) {
    var r = probed.result();
    if (phase != Phase.RUNNING || !r.containerId().equals(container.id())) {
      return this; // About a run that has ended.
    }
    getContext().getLog().info("Container {} of pod {}: {} probe {}: {}", spec.getName(), key.name(),
        r.kind() == ProbeTracker.Kind.READINESS ? "readiness" : "liveness", r.passing() ? "passes" : "fails", r.detail());
    if (r.kind() == ProbeTracker.Kind.READINESS) {
      probes.readiness(r.passing());
      report(base().setRunning(status.getRunning()).build(), false);
    } else {
      // A failed liveness probe stops the run (its worker does); the exit is reported as Unhealthy.
      restarts.unhealthy(r.passing() ? null : r.detail());
    }
    return this;
  }

  private Behavior<Command> onStop(Stop stop) {
    if (phase == Phase.STOPPING) {
      return this; // The first stop's grace period stands; its requester gets the answer.
    }
    pendingStop = stop;
    if (container.id() == null && phase == Phase.CREATING) {
      return this; // onCreated comes back here once the id is known.
    }
    phase = Phase.STOPPING;
    timers.cancelAll();
    probes.stop();
    if (container.id() == null) {
      return onRemoved();
    }
    getContext().pipeToSelf(container.stopAndRemove(stop.grace()), (v, f) -> Tick.REMOVED);
    return this;
  }

  private Behavior<Command> onRemoved() {
    container.detach();
    pendingStop.replyTo().tell(new Stopped(spec.getName()));
    return Behaviors.stopped();
  }

  private ContainerStatus.Builder base() {
    return ContainerStatuses.base(spec, container.id(), restarts.count(), phase == Phase.RUNNING && probes.ready(), status);
  }

  private void report(ContainerStatus next, boolean staysDown) {
    status = next;
    reportTo.tell(new Reported(spec.getName(), next, staysDown));
  }
}
