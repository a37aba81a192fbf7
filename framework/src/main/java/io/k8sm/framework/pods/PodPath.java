package io.k8sm.framework.pods;

import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.persistence.typed.javadsl.EffectFactories;
import java.util.function.Consumer;

/**
 * What every path of a {@link PodActor} ({@link PodLaunch}, {@link PodUpdates},
 * {@link PodDeletion}) works with. The paths run on the pod actor's thread only.
 */
abstract class PodPath {

  /** The pod actor's context, timers and dependencies, its effects, and how it publishes or reports itself gone. */
  record Parts(ActorContext<PodActor.Command> ctx, TimerScheduler<PodActor.Command> timers, PodDeps deps,
      EffectFactories<PodEvent, PodState> effects, Consumer<PodState> publish, Consumer<PodState> gone) {}

  protected final ActorContext<PodActor.Command> ctx;
  protected final TimerScheduler<PodActor.Command> timers;
  protected final PodDeps deps;
  protected final EffectFactories<PodEvent, PodState> effects;
  protected final Consumer<PodState> publish;
  protected final Consumer<PodState> gone;

  PodPath(Parts parts) {
    this.ctx = parts.ctx();
    this.timers = parts.timers();
    this.deps = parts.deps();
    this.effects = parts.effects();
    this.publish = parts.publish();
    this.gone = parts.gone();
  }
}
