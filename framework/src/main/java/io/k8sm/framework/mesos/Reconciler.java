package io.k8sm.framework.mesos;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.k8sm.framework.FrameworkSettings;
import java.util.List;
import java.util.function.Function;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * Task reconciliation for one subscription, as Mesos advises: ask the pods which tasks they hold
 * (the supervisor answers the bridge, which hands the list on as {@link Round}), reconcile those
 * explicitly until each has been answered ({@link ReconcileRound} decides, with doubling waits),
 * then once implicitly; again every {@code reconciliation.interval}.
 *
 * <p>The bridge spawns it when the subscription has its framework id and stops it with the
 * subscription, so a round never outlives the stream its answers come on. Its RECONCILE calls go
 * through the subscription's {@link CallSender}.
 */
public final class Reconciler extends AbstractBehavior<Reconciler.Command> {

  public sealed interface Command permits Round, Answered, Tick, Periodic {}

  /** The tasks the pods hold: start a round (replaces one in progress). */
  public record Round(List<MesosCalls.KnownTask> tasks) implements Command {}

  /** A status for this task arrived on the stream (any state is an answer). */
  public record Answered(String taskId) implements Command {}

  private record Tick() implements Command {}

  private record Periodic() implements Command {}

  /** Most tasks named in one explicit RECONCILE call. */
  static final int TASKS_PER_CALL = 1000;

  private final FrameworkSettings.Recovery settings;
  private final ActorRef<CallSender.Command> sender;
  private final Function<List<MesosCalls.KnownTask>, Call> explicit;
  private final Call implicit;
  private final Runnable listTasks;
  private final TimerScheduler<Command> timers;
  private ReconcileRound round;

  /**
   * @param listTasks asks the pods for their tasks (answered to the bridge as KnownTasks)
   * @param explicit builds an explicit RECONCILE; {@code implicit} is the implicit one
   */
  public static Behavior<Command> create(FrameworkSettings.Recovery settings, Runnable listTasks,
      ActorRef<CallSender.Command> sender, Function<List<MesosCalls.KnownTask>, Call> explicit, Call implicit) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> {
      listTasks.run();
      timers.startTimerWithFixedDelay(new Periodic(), settings.reconcileInterval());
      return new Reconciler(ctx, timers, settings, sender, explicit, implicit, listTasks);
    }));
  }

  private Reconciler(ActorContext<Command> ctx, TimerScheduler<Command> timers, FrameworkSettings.Recovery settings,
      ActorRef<CallSender.Command> sender, Function<List<MesosCalls.KnownTask>, Call> explicit, Call implicit,
      Runnable listTasks) {
    super(ctx);
    this.timers = timers;
    this.settings = settings;
    this.sender = sender;
    this.explicit = explicit;
    this.implicit = implicit;
    this.listTasks = listTasks;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Round.class, this::onRound)
        .onMessage(Answered.class, this::onAnswered)
        .onMessage(Tick.class, m -> step())
        .onMessage(Periodic.class, m -> {
          listTasks.run();
          return this;
        })
        .build();
  }

  private Behavior<Command> onRound(Round m) {
    round = ReconcileRound.of(m.tasks());
    getContext().getLog().info("reconciling: {} task(s) explicitly, then all implicitly", m.tasks().size());
    return step();
  }

  private Behavior<Command> onAnswered(Answered m) {
    if (round == null) return this;
    round = round.answered(m.taskId());
    return round.done() ? step() : this;
  }

  /** Asks again about the unanswered tasks (with backoff), or, all answered, reconciles implicitly. */
  private Behavior<Command> step() {
    if (round == null) return this;
    if (round.done()) {
      round = null;
      timers.cancel(Tick.class);
      sender.tell(new CallSender.Send(implicit));
      return this;
    }
    if (round.attempt() > 0) {
      getContext().getLog().info("{} task(s) unanswered; asking again", round.unanswered());
    }
    round.batches(TASKS_PER_CALL).forEach(b -> sender.tell(new CallSender.Send(explicit.apply(b))));
    timers.startSingleTimer(Tick.class, new Tick(), round.wait(settings.reconcileMin(), settings.reconcileMax()));
    round = round.retried();
    return this;
  }
}
