package io.k8sm.framework.pods;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.StashBuffer;
import io.k8sm.framework.pods.PodSupervisor.Command;
import java.util.Map;
import java.util.Set;

/**
 * How the {@link PodSupervisor} starts, and starts again after a restart: the registry first, then
 * every pod's stored state in bulk ({@link StartupRead}), and only then the supervisor itself, which
 * shows those pods and starts their actors. Whatever arrives meanwhile is kept and handed over.
 *
 * <pre>
 *   registry read --(pods, none alive)--> bulk read --> PodSupervisor(registry, states)
 *        |                                    `-(failed: warn)--> PodSupervisor(registry, none)
 *        `--(empty, or pod actors alive: a restart adopts them)--> PodSupervisor(registry, none)
 * </pre>
 */
final class PodSupervisorStart {
  private PodSupervisorStart() {}

  /**
   * Reads the registry (its keeper survives our restarts), then, unless the pod actors are still
   * alive (a restart adopts them), every registered pod's state in bulk; keeps every other command
   * meanwhile. The bulk read runs before the pod actors start recovering, so it has the store to itself.
   */
  static Behavior<Command> starting(ActorContext<Command> ctx, StashBuffer<Command> stash, PodDeps deps,
      PodPersistence persistence) {
    ActorRef<PodRegistrar.Command> registrar = ctx.getChild(PodRegistrar.NAME)
        .map(c -> c.<PodRegistrar.Command>unsafeUpcast())
        .orElseGet(() -> ctx.spawn(PodRegistrar.create(persistence), PodRegistrar.NAME));
    ctx.watchWith(registrar, new PodSupervisor.RegistrarStopped());
    registrar.tell(new PodRegistrar.Read(ctx.messageAdapter(PodRegistry.class, PodSupervisor.RegistryRead::new)));
    return Behaviors.receive(Command.class)
        .onMessage(PodSupervisor.RegistryRead.class, m -> {
          boolean adopting = m.registry().pods().values().stream().anyMatch(pid -> ctx.getChild(pid).isPresent());
          if (m.registry().pods().isEmpty() || adopting) {
            return stash.unstashAll(new PodSupervisor(ctx, deps, persistence, registrar, m.registry(), Map.of()));
          }
          ctx.pipeToSelf(persistence.startupRead().read(Set.copyOf(m.registry().pods().values())),
              (states, failure) -> new PodSupervisor.StartupStates(m.registry(), states, failure));
          return Behaviors.same();
        })
        .onMessage(PodSupervisor.StartupStates.class, m -> {
          if (m.failure() != null) {
            ctx.getLog().warn("reading every pod at once failed ({}); pods appear as their actors recover",
                m.failure().toString());
          }
          return stash.unstashAll(new PodSupervisor(ctx, deps, persistence, registrar, m.registry(),
              m.failure() == null ? m.states() : Map.of()));
        })
        .onMessage(PodSupervisor.RegistrarStopped.class, PodSupervisor::registrarStopped)
        .onAnyMessage(m -> {
          stash.stash(m);
          return Behaviors.same();
        })
        .build();
  }

}
