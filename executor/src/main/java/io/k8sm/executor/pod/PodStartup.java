package io.k8sm.executor.pod;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.k8sm.executor.docker.ContainerNames;
import io.k8sm.executor.docker.ContainerNames.PodKey;
import io.k8sm.executor.docker.ContainerSnapshot;
import io.k8sm.protocol.pod.PodTask;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * Brings up what one pod's app containers need, for its {@link PodRunner}: adopts the task's
 * containers when its infra container still runs ({@link Adoption}), else removes what is left,
 * makes the images present ({@link ImagePuller}; every failed attempt is reported and retried with
 * {@code image-pull-backoff}) and creates and starts the infra container holding the network
 * namespace and every host port.
 *
 * <p>Protocol: reports {@link PullFailing} per failed attempt, then {@link Ready} or
 * {@link Failed}, and stops. {@link Abort} stops it at the next step boundary. Invariant: it
 * stops only once no Docker call of its own is in flight, so whatever it created is visible to
 * the runner's clean-up, which waits for it to end.
 */
final class PodStartup extends AbstractBehavior<PodStartup.Command> {
  sealed interface Command {}

  /** Give up: stop as soon as the step under way has finished. */
  record Abort() implements Command {}

  sealed interface Progress {}

  /** Images failed to pull (image -> Docker's message); {@code message} says when the next try is. */
  record PullFailing(Map<String, String> failures, String message) implements Progress {}

  /** The infra container runs; {@code adopted} maps app container names to existing container ids. */
  record Ready(String infraId, String podIp, Map<String, String> adopted) implements Progress {}

  record Failed(String message) implements Progress {}

  private record Done(Command next) implements Command {}

  private record Found(List<ContainerSnapshot> containers) implements Command {}

  private record Pulled(Map<String, String> failures) implements Command {}

  private record Up(Ready ready) implements Command {}

  private record StepFailed(String message) implements Command {}

  private enum Tick implements Command { PULL }

  private final PodEnv env;
  private final PodTask pod;
  private final PodKey key;
  private final ActorRef<Progress> replyTo;
  private final TimerScheduler<Command> timers;
  private int pullAttempts;
  private boolean busy;
  private boolean aborted;

  static Behavior<Command> create(PodEnv env, PodTask pod, PodKey key, ActorRef<Progress> replyTo) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new PodStartup(ctx, env, pod, key, replyTo, timers)));
  }

  private PodStartup(ActorContext<Command> ctx, PodEnv env, PodTask pod, PodKey key, ActorRef<Progress> replyTo,
      TimerScheduler<Command> timers) {
    super(ctx);
    this.env = env;
    this.pod = pod;
    this.key = key;
    this.replyTo = replyTo;
    this.timers = timers;
    step(env.docker().list(ContainerNames.taskFilter(env.owner(), key.taskId())), Found::new, "");
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Done.class, this::onDone)
        .onMessage(Abort.class, this::onAbort)
        .onMessageEquals(Tick.PULL, this::pull)
        .build();
  }

  /** Runs one Docker step; its result comes back as {@code Done(next)} (or a failure). */
  private <T> void step(CompletionStage<T> work, Function<T, Command> next, String failurePrefix) {
    busy = true;
    getContext().pipeToSelf(work, (value, failure) -> new Done(failure == null
        ? next.apply(value) : new StepFailed(failurePrefix + Failures.message(failure))));
  }

  private Behavior<Command> onAbort(Abort abort) {
    aborted = true;
    return busy ? this : Behaviors.stopped();
  }

  private Behavior<Command> onDone(Done done) {
    busy = false;
    if (aborted) {
      return Behaviors.stopped();
    }
    Command next = done.next();
    if (next instanceof Found found) {
      return onFound(found);
    } else if (next instanceof Pulled pulled) {
      return onPulled(pulled);
    } else if (next instanceof Up up) {
      return finish(up.ready());
    } else if (next instanceof StepFailed failed) {
      return finish(new Failed(failed.message()));
    }
    return pull(); // Stale containers removed.
  }

  private Behavior<Command> onFound(Found found) {
    Adoption.Plan plan = Adoption.plan(found.containers());
    if (plan instanceof Adoption.Adopt adopt) {
      getContext().getLog().info("Task {}: adopting its running infra container and {} app containers",
          key.taskId(), adopt.apps().size());
      // An address that cannot be read is no reason to give up a running pod.
      step(env.docker().ipAddress(adopt.infraId()).exceptionally(failure -> ""),
          ip -> new Up(new Ready(adopt.infraId(), ip, adopt.apps())), "");
      return this;
    }
    List<String> stale = ((Adoption.Fresh) plan).stale();
    if (stale.isEmpty()) {
      return pull();
    }
    getContext().getLog().info("Task {}: removing {} containers left without a running infra container", key.taskId(), stale.size());
    // Removed before anything is created again: the new containers reuse the old names.
    step(env.docker().removeAll(stale), v -> Tick.PULL, "cannot remove stale containers: ");
    return this;
  }

  private Behavior<Command> pull() {
    step(new ImagePuller(env.docker()).ensure(ImagePuller.imagesOf(pod, env.settings().infraImage())), Pulled::new, "");
    return this;
  }

  private Behavior<Command> onPulled(Pulled pulled) {
    if (!pulled.failures().isEmpty()) {
      Duration delay = env.settings().pullBackoff().delay(pullAttempts++);
      String message = String.join("; ", pulled.failures().values());
      getContext().getLog().warn("Task {}: ErrImagePull (retry in {} ms): {}", key.taskId(), delay.toMillis(), message);
      // The attempt number makes every retry a visible update (progress, and proof of the retry).
      replyTo.tell(new PullFailing(pulled.failures(),
          message + " (attempt " + pullAttempts + ", next in " + delay.toMillis() + " ms)"));
      timers.startSingleTimer(Tick.PULL, delay);
      return this;
    }
    var plan = ContainerPlans.infra(pod, key, env.owner(), env.settings().infraImage(), env.settings().hostIp());
    var docker = env.docker();
    step(docker.create(plan).thenCompose(id -> docker.start(id).thenCompose(v -> docker.ipAddress(id))
        .thenApply(ip -> new Ready(id, ip, Map.of()))), Up::new, "infra container: ");
    return this;
  }

  private Behavior<Command> finish(Progress outcome) {
    replyTo.tell(outcome);
    return Behaviors.stopped();
  }
}
