package io.k8sm.framework.mesos;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.k8sm.framework.pods.Backoff;
import io.k8sm.protocol.client.CallFailure;
import io.k8sm.protocol.client.Outbox;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * Sends the calls of one subscription: takes every {@link Send}, keeps it in an {@link Outbox}, has
 * at most {@code maxInFlight} calls at the master at once and retries transient failures with
 * backoff (the outbox decides under the {@link SchedulerCallRules}; this actor only sends, times
 * and logs).
 *
 * <p>The bridge spawns one per subscription and stops it when the subscription ends; whatever is
 * still queued then is discarded with it (Mesos resends unacknowledged updates and re-offers
 * resources to the next subscription). It reports to the bridge each delivered ACKNOWLEDGE (for
 * the operators' count) and, once, a subscription the master no longer knows ({@link Stale}).
 */
public final class CallSender extends AbstractBehavior<CallSender.Command> {

  public sealed interface Command permits Send, Delivered, Failed, RetryDue {}

  /** Queue {@code call} for the master; it goes out as soon as a slot is free. */
  public record Send(Call call) implements Command {}

  private record Delivered(long id) implements Command {}

  private record Failed(long id, Throwable cause) implements Command {}

  private record RetryDue(Outbox.Entry<Call> entry) implements Command {}

  /** What the sender tells its bridge. */
  public sealed interface Report permits Acknowledged, Stale {}

  /** An ACKNOWLEDGE reached the master. */
  public record Acknowledged() implements Report {}

  /** The master no longer knows the subscription {@code from} sends for: re-subscribe. */
  public record Stale(ActorRef<Command> from, String reason) implements Report {}

  private final Function<Call, CompletionStage<Done>> transport;
  private final ActorRef<Report> reportTo;
  private final TimerScheduler<Command> timers;
  private final Outbox<Call> outbox;
  private boolean stale;

  /** {@code transport} is the subscription's {@code send}: completes on 2xx, fails otherwise. */
  public static Behavior<Command> create(Function<Call, CompletionStage<Done>> transport, ActorRef<Report> reportTo,
      int maxInFlight, Backoff retry) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers ->
        new CallSender(ctx, timers, transport, reportTo,
            new Outbox<>(maxInFlight, retry::delay, SchedulerCallRules.INSTANCE))));
  }

  private CallSender(ActorContext<Command> ctx, TimerScheduler<Command> timers,
      Function<Call, CompletionStage<Done>> transport, ActorRef<Report> reportTo, Outbox<Call> outbox) {
    super(ctx);
    this.timers = timers;
    this.transport = transport;
    this.reportTo = reportTo;
    this.outbox = outbox;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Send.class, this::onSend)
        .onMessage(Delivered.class, this::onDelivered)
        .onMessage(Failed.class, this::onFailed)
        .onMessage(RetryDue.class, this::onRetryDue)
        .onSignal(PostStop.class, s -> onStop())
        .build();
  }

  private Behavior<Command> onSend(Send m) {
    outbox.add(m.call()).ifPresent(this::logDrop);
    return pump();
  }

  private Behavior<Command> onDelivered(Delivered m) {
    outbox.delivered(m.id()).filter(e -> e.call().getType() == Call.Type.ACKNOWLEDGE)
        .ifPresent(e -> reportTo.tell(new Acknowledged()));
    return pump();
  }

  private Behavior<Command> onFailed(Failed m) {
    Outbox.Verdict<Call> verdict = outbox.failed(m.id(), CallFailure.of(m.cause()));
    if (verdict instanceof Outbox.Retry<Call> r) {
      getContext().getLog().debug("{} failed ({}); retrying in {} ms", r.entry().call().getType(), r.reason(),
          r.after().toMillis());
      timers.startSingleTimer(r.entry().id(), new RetryDue(r.entry()), r.after());
    } else if (verdict instanceof Outbox.Drop<Call> d) {
      logDrop(d);
    } else if (verdict instanceof Outbox.Resubscribe<Call> r && !stale) {
      stale = true;
      reportTo.tell(new Stale(getContext().getSelf(), r.reason()));
    }
    return pump();
  }

  private Behavior<Command> onRetryDue(RetryDue m) {
    outbox.due(m.entry()).ifPresent(this::logDrop);
    return pump();
  }

  /** Sends whatever the outbox lets out now; a stale subscription sends nothing more. */
  private Behavior<Command> pump() {
    if (stale) return this;
    for (Outbox.Entry<Call> e : outbox.take()) {
      getContext().pipeToSelf(transport.apply(e.call()),
          (done, err) -> err == null ? new Delivered(e.id()) : new Failed(e.id(), err));
    }
    return this;
  }

  private void logDrop(Outbox.Drop<Call> d) {
    getContext().getLog().warn("{} dropped: {}", d.entry().call().getType(), d.reason());
  }

  private Behavior<Command> onStop() {
    int left = outbox.queued() + outbox.inFlight() + outbox.waiting();
    if (left > 0) {
      getContext().getLog().info("subscription over: {} call(s) queued or in flight discarded", left);
    }
    return this;
  }
}
