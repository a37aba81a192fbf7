package io.k8sm.executor.pod;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.ActorContext;
import io.k8sm.protocol.pod.Container;
import io.k8sm.protocol.pod.Probe;
import java.util.ArrayList;
import java.util.List;

/**
 * The probe workers of one container, owned by its {@link ContainerActor}: one {@link ProbeWorker}
 * per probe the spec has, spawned for each run and stopped when it ends, and the readiness they
 * decide. A container without a readiness probe is ready while it runs (as in Kubernetes); one
 * with a readiness probe is not until the probe passes.
 */
final class ProbeWorkers {
  private final ActorContext<?> ctx;
  private final PodEnv env;
  private final Container spec;
  private final Prober.Target target;
  private final java.time.Duration stopGrace;
  private final ActorRef<ProbeWorker.Result> replyTo;
  private final List<ActorRef<ProbeWorker.Command>> running = new ArrayList<>();
  private boolean ready;

  /** {@code stopGrace}: the grace period of a stop a failed liveness probe causes. */
  ProbeWorkers(ActorContext<?> ctx, PodEnv env, Container spec, Prober.Target target, java.time.Duration stopGrace,
      ActorRef<ProbeWorker.Result> replyTo) {
    this.stopGrace = stopGrace;
    this.ctx = ctx;
    this.env = env;
    this.spec = spec;
    this.target = target;
    this.replyTo = replyTo;
  }

  /** A run of container {@code containerId} began: fresh workers with fresh counts. */
  void start(String containerId) {
    stop();
    ready = !spec.hasReadinessProbe();
    if (spec.hasLivenessProbe()) {
      spawn(spec.getLivenessProbe(), ProbeTracker.Kind.LIVENESS, containerId);
    }
    if (spec.hasReadinessProbe()) {
      spawn(spec.getReadinessProbe(), ProbeTracker.Kind.READINESS, containerId);
    }
  }

  /** The run ended (or the container is being stopped): no more probes, not ready. */
  void stop() {
    running.forEach(ctx::stop);
    running.clear();
    ready = false;
  }

  void readiness(boolean passing) {
    ready = passing;
  }

  boolean ready() {
    return ready;
  }

  private void spawn(Probe probe, ProbeTracker.Kind kind, String containerId) {
    var tracker = new ProbeTracker(probe, env.settings().defaultProbeTimeout(), kind);
    running.add(ctx.spawnAnonymous(ProbeWorker.create(env, probe, tracker, target.withApp(containerId), stopGrace, replyTo)));
  }
}
