package io.k8sm.framework.pods;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryFailed;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.Effect;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import akka.persistence.typed.javadsl.RetentionCriteria;
import akka.persistence.typed.javadsl.SignalHandler;
import io.k8sm.framework.persistence.StoreFailures;
import java.util.List;

/**
 * Keeps the durable {@link PodRegistry} (journal {@code registryId}) for the {@link PodSupervisor},
 * its parent, and does nothing else: no routing, no pods.
 *
 * <p>Protocol: {@link Write} persists a batch of registrations and unregistrations in one journal
 * write and answers {@link Written} once they are stored; {@link Read} answers the whole registry.
 * The supervisor keeps at most one {@code Write} in flight and collects what arrives meanwhile into
 * the next one, so Akka's stash here holds one or two commands, never a burst.
 *
 * <p>Invariants: events are persisted in the order given (a pod unregistered and created again
 * under the same name folds to the new entry); {@code Written} means stored. A write that fails
 * stops this actor (Akka's default), and the supervisor, which watches it, restarts to read the
 * registry again. A registry that cannot be read is fatal: the process must not go on with an
 * empty or partial cluster.
 */
public final class PodRegistrar extends EventSourcedBehavior<PodRegistrar.Command, PodRegistry.Event, PodRegistry> {

  /** The child name under the supervisor. */
  public static final String NAME = "registry";

  public sealed interface Command {}

  /** Persist {@code events} (not empty) in one write, then answer {@link Written}. */
  public record Write(List<PodRegistry.Event> events, ActorRef<Written> replyTo) implements Command {}

  public record Written(List<PodRegistry.Event> events) {}

  public record Read(ActorRef<PodRegistry> replyTo) implements Command {}

  private final PodPersistence persistence;

  public static Behavior<Command> create(PodPersistence persistence) {
    return new PodRegistrar(persistence);
  }

  private PodRegistrar(PodPersistence persistence) {
    super(PersistenceId.ofUniqueId(persistence.registryId()));
    this.persistence = persistence;
  }

  @Override
  public PodRegistry emptyState() {
    return PodRegistry.EMPTY;
  }

  @Override
  public EventHandler<PodRegistry, PodRegistry.Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(PodRegistry::apply);
  }

  @Override
  public CommandHandler<Command, PodRegistry.Event, PodRegistry> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Write.class, m -> Effect().persist(m.events()).thenRun(r -> m.replyTo().tell(new Written(m.events()))))
        .onCommand(Read.class, (r, m) -> {
          m.replyTo().tell(r);
          return Effect().none();
        })
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(persistence.snapshotEvery(), persistence.keepSnapshots())
        .withDeleteEventsOnSnapshot();
  }

  @Override
  public SignalHandler<PodRegistry> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryFailed.class, (state, f) -> {
          // A slow store (timeout, open circuit breaker) stops this actor; the supervisor restarts
          // with backoff and reads again. Data that cannot be read stops the process.
          if (!StoreFailures.isTransient(f.getFailure())) {
            persistence.fatal().accept("cannot read the pod registry " + persistence.registryId() + " from the store: "
                + f.getFailure().getMessage());
          }
        })
        .build();
  }
}
