package io.k8sm.framework.mesos;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.stream.javadsl.Sink;
import io.k8sm.framework.FrameworkSettings;
import io.k8sm.framework.offers.OfferPool;
import io.k8sm.framework.pods.Backoff;
import io.k8sm.framework.pods.PodSupervisor;
import io.k8sm.protocol.client.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * One open scheduler subscription, from its 200 to its end: reads the events (OFFERS and RESCIND to
 * the offer pool, UPDATE to the pod supervisor), persists the framework id of SUBSCRIBED before
 * anything uses it (later events wait), and then sends the framework's calls through its own
 * {@link CallSender} and runs its own {@link Reconciler}.
 *
 * <p>Invariants: no call goes out before the framework id is persisted (a KILL waits, other calls
 * are dropped: they would carry no id; acknowledgements come again with Mesos's resent updates); everything it started (stream, sender, reconciler, queued
 * calls) ends with it. It ends itself, telling the bridge why ({@link MesosBridge}'s
 * {@code SessionEnded}), when the stream ends or fails, on ERROR, or when the master no longer
 * knows the subscription; "Framework has been removed" also clears the stored id and tells the
 * pods their tasks are gone.
 */
final class Session extends AbstractBehavior<Session.Command> {

  sealed interface Command permits Deliver, EventArrived, StreamEnded, IdPersisted, FromSender {}

  /** A message for Mesos from the framework's actors ({@link MesosCalls}), through the bridge. */
  record Deliver(MesosBridge.Command message) implements Command {}

  private record EventArrived(Event event) implements Command {}

  private record StreamEnded(Optional<Throwable> cause) implements Command {}

  private record IdPersisted(Event.Subscribed subscribed) implements Command {}

  private record FromSender(CallSender.Report report) implements Command {}

  private static final String REMOVED = "Framework has been removed";

  private final FrameworkSettings settings;
  private final MesosBridge.Wiring wiring;
  private final Subscription<Call, Event> sub;
  private final AtomicReference<FrameworkID> frameworkId;
  private final ActorRef<MesosBridge.Command> bridge;
  private final SnapshotBoard board;
  private final List<MesosCalls.Kill> pendingKills = new ArrayList<>();
  /** Events that came after SUBSCRIBED while its framework id was being persisted. */
  private List<Event> held;
  /** Both set once registered (the id persisted). */
  private ActorRef<CallSender.Command> sender;
  private ActorRef<Reconciler.Command> reconciler;

  static Behavior<Command> create(FrameworkSettings settings, MesosBridge.Wiring wiring, Subscription<Call, Event> sub,
      AtomicReference<FrameworkID> frameworkId, ActorRef<MesosBridge.Command> bridge, SnapshotBoard board) {
    return Behaviors.setup(ctx -> new Session(ctx, settings, wiring, sub, frameworkId, bridge, board));
  }

  private Session(ActorContext<Command> ctx, FrameworkSettings settings, MesosBridge.Wiring wiring,
      Subscription<Call, Event> sub, AtomicReference<FrameworkID> frameworkId, ActorRef<MesosBridge.Command> bridge,
      SnapshotBoard board) {
    super(ctx);
    this.settings = settings;
    this.wiring = wiring;
    this.sub = sub;
    this.frameworkId = frameworkId;
    this.bridge = bridge;
    this.board = board;
    ActorRef<Command> self = ctx.getSelf();
    sub.events().runWith(Sink.foreach(e -> self.tell(new EventArrived(e))), ctx.getSystem())
        .whenComplete((d, err) -> self.tell(new StreamEnded(Optional.ofNullable(err))));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(EventArrived.class, m -> onEvent(m.event()))
        .onMessage(IdPersisted.class, this::onIdPersisted)
        .onMessage(StreamEnded.class, m -> end(m.cause().map(Throwable::toString).orElse("the master closed the stream")))
        .onMessage(FromSender.class, this::onSenderReport)
        .onMessage(Deliver.class, m -> onDeliver(m.message()))
        .onSignal(PostStop.class, s -> {
          sub.close();
          return this;
        })
        .build();
  }

  private Behavior<Command> onEvent(Event e) {
    if (held != null) {
      held.add(e);
      return this;
    }
    board.update(s -> s.with(true, Optional.of(Instant.now())));
    switch (e.getType()) {
      case SUBSCRIBED -> {
        held = new ArrayList<>();
        Event.Subscribed subscribed = e.getSubscribed();
        wiring.ids().tell(new FrameworkIdStore.Assign(subscribed.getFrameworkId().getValue(), getContext()
            .messageAdapter(FrameworkIdStore.Current.class, c -> new IdPersisted(subscribed))));
      }
      case OFFERS -> wiring.pool().tell(new OfferPool.OffersReceived(e.getOffers().getOffersList()));
      case RESCIND -> wiring.pool().tell(new OfferPool.OfferRescinded(e.getRescind().getOfferId()));
      case UPDATE -> {
        wiring.pods().tell(new PodSupervisor.TaskUpdate(e.getUpdate().getStatus(), bridge));
        if (reconciler != null) {
          reconciler.tell(new Reconciler.Answered(e.getUpdate().getStatus().getTaskId().getValue()));
        }
      }
      case ERROR -> {
        return onError(e.getError().getMessage());
      }
      case FAILURE -> getContext().getLog().warn("Mesos reports a failure: agent {} executor {} status {}",
          e.getFailure().getAgentId().getValue(), e.getFailure().getExecutorId().getValue(), e.getFailure().getStatus());
      default -> { }
    }
    return this;
  }

  private Behavior<Command> onIdPersisted(IdPersisted m) {
    if (held == null) return this;
    List<Event> later = held;
    held = null;
    registered(m.subscribed());
    for (Event e : later) {
      if (onEvent(e) != this) return Behaviors.stopped();
    }
    return this;
  }

  /** SUBSCRIBED with its id persisted: void old offers, start the sender and the reconciler. */
  private void registered(Event.Subscribed s) {
    FrameworkID id = s.getFrameworkId();
    frameworkId.set(id);
    String master = sub.endpoint().toString();
    board.update(b -> b.registered(master, id.getValue(), sub.streamId().orElse(""), Instant.now()));
    getContext().getLog().info("registered with Mesos master {} as framework {} (heartbeat every {} s)", master,
        id.getValue(), s.getHeartbeatIntervalSeconds());
    bridge.tell(new MesosBridge.SessionRegistered(getContext().getSelf()));
    wiring.pool().tell(new OfferPool.OffersInvalidated("new subscription to " + master));
    FrameworkSettings.Mesos m = settings.mesos();
    sender = getContext().spawn(CallSender.create(sub::send,
        getContext().messageAdapter(CallSender.Report.class, FromSender::new), m.callsInFlight(),
        new Backoff(m.callRetryMin(), m.callRetryMax())), "calls");
    reconciler = getContext().spawn(Reconciler.create(settings.recovery(),
        () -> wiring.pods().tell(new PodSupervisor.ListTasks(bridge)), sender,
        tasks -> SchedulerCalls.reconcile(id, tasks), SchedulerCalls.reconcileAll(id)), "reconcile");
    pendingKills.forEach(k -> send(SchedulerCalls.kill(id, k)));
    pendingKills.clear();
  }

  private Behavior<Command> onDeliver(MesosBridge.Command m) {
    FrameworkID id = frameworkId.get();
    if (m instanceof MesosCalls.KnownTasks k) {
      if (reconciler != null) reconciler.tell(new Reconciler.Round(k.tasks()));
    } else if (m instanceof MesosCalls.Kill k && sender == null) {
      pendingKills.add(k);
    } else if (sender == null) {
      getContext().getLog().debug("not registered yet: {} dropped", m.getClass().getSimpleName());
    } else if (m instanceof MesosCalls.UpdateTaken u) {
      SchedulerCalls.acknowledge(id, u.status()).ifPresent(this::send);
    } else if (m instanceof MesosCalls.Reconcile r) {
      if (r.tasks().isEmpty()) return this;
      getContext().getLog().info("reconciling {} task(s) explicitly", r.tasks().size());
      send(SchedulerCalls.reconcile(id, r.tasks()));
    } else {
      send(SchedulerCalls.of(id, m, settings.roles()));
    }
    return this;
  }

  private void send(Call call) {
    sender.tell(new CallSender.Send(call));
  }

  private Behavior<Command> onSenderReport(FromSender m) {
    if (m.report() instanceof CallSender.Stale s) return end(s.reason());
    board.update(BridgeSnapshot::acknowledged);
    return this;
  }

  private Behavior<Command> onError(String message) {
    if (message.contains(REMOVED)) {
      FrameworkID id = frameworkId.getAndSet(null);
      getContext().getLog().error("!!! Mesos says: \"{}\". Framework {} is dead and its tasks are gone;"
          + " registering afresh as a new framework.", message, id == null ? "?" : id.getValue());
      wiring.ids().tell(new FrameworkIdStore.Clear(message));
      wiring.pods().tell(new PodSupervisor.FrameworkRemoved("Mesos removed the framework: " + message));
    } else {
      getContext().getLog().warn("Mesos sent ERROR: {}", message);
    }
    return end("ERROR " + message);
  }

  private Behavior<Command> end(String why) {
    bridge.tell(new MesosBridge.SessionEnded(getContext().getSelf(), why));
    return Behaviors.stopped();
  }
}
