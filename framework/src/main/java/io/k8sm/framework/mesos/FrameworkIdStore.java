package io.k8sm.framework.mesos;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryFailed;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import akka.persistence.typed.javadsl.RetentionCriteria;
import akka.persistence.typed.javadsl.SignalHandler;
import io.k8sm.framework.persistence.Persisted;
import java.util.function.Consumer;

/**
 * The framework id Mesos gave us, durable: the bridge reads it before its first SUBSCRIBE (so a
 * restarted scheduler fails over and keeps its tasks) and persists a new one before using it.
 * "Framework has been removed" clears it.
 */
public final class FrameworkIdStore extends EventSourcedBehavior<FrameworkIdStore.Command, FrameworkIdStore.Event,
    FrameworkIdStore.State> {

  public sealed interface Command {}

  public record Get(ActorRef<Current> replyTo) implements Command {}

  /** Persist {@code frameworkId}; {@code replyTo} hears Current once it is in the journal. */
  public record Assign(String frameworkId, ActorRef<Current> replyTo) implements Command {}

  public record Clear(String why) implements Command {}

  /** The stored id; "" when none. */
  public record Current(String frameworkId) {}

  public sealed interface Event extends Persisted {}

  public record FrameworkIdAssigned(String frameworkId) implements Event {}

  public record FrameworkIdCleared(String why) implements Event {}

  public record State(String frameworkId) implements Persisted {}

  private final Consumer<String> fatal;

  public static Behavior<Command> create(String persistenceId, Consumer<String> fatal) {
    return new FrameworkIdStore(persistenceId, fatal);
  }

  private FrameworkIdStore(String persistenceId, Consumer<String> fatal) {
    super(PersistenceId.ofUniqueId(persistenceId));
    this.fatal = fatal;
  }

  @Override
  public State emptyState() {
    return new State("");
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState()
        .onEvent(FrameworkIdAssigned.class, (s, e) -> new State(e.frameworkId()))
        .onEvent(FrameworkIdCleared.class, (s, e) -> new State(""))
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(10, 1).withDeleteEventsOnSnapshot();
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryFailed.class, (s, f) -> fatal.accept("cannot read the framework id ("
            + persistenceId().id() + ") from the store: " + f.getFailure().getMessage()))
        .build();
  }

  @Override
  public CommandHandler<Command, Event, State> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(Get.class, (s, m) -> {
          m.replyTo().tell(new Current(s.frameworkId()));
          return Effect().none();
        })
        .onCommand(Assign.class, (s, m) -> s.frameworkId().equals(m.frameworkId())
            ? Effect().none().thenRun(n -> m.replyTo().tell(new Current(n.frameworkId())))
            : Effect().persist(new FrameworkIdAssigned(m.frameworkId()))
                .thenRun(n -> m.replyTo().tell(new Current(n.frameworkId()))))
        .onCommand(Clear.class, (s, m) -> s.frameworkId().isEmpty() ? Effect().none()
            : Effect().persist(new FrameworkIdCleared(m.why())))
        .build();
  }
}
