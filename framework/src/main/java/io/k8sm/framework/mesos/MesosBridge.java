package io.k8sm.framework.mesos;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.stream.javadsl.Sink;
import io.k8sm.framework.FrameworkSettings;
import io.k8sm.framework.offers.OfferPool;
import io.k8sm.framework.pods.Backoff;
import io.k8sm.framework.pods.PodSupervisor;
import io.k8sm.protocol.client.MesosClient;
import io.k8sm.protocol.client.MesosHttpException;
import io.k8sm.protocol.client.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * Owns the v1 scheduler subscription. Subscribes through the protocol client (which follows
 * redirects across the masters and fails a silent stream), turns Events into messages for the
 * offer pool and the pod supervisor, and typed calls ({@link MesosCalls}) into Calls.
 *
 * <p>Invariants: calls go out only while subscribed, with the current subscription (stream id);
 * every (re)subscription voids all held offers; a status update is acknowledged only after the
 * pod actor has receipted it ({@link MesosCalls.UpdateTaken}), with its exact uuid bytes, and never
 * when it has none. A broken stream is re-subscribed with exponential backoff under the same
 * framework id (failover); "Framework has been removed" drops the id and registers afresh.
 */
public final class MesosBridge extends AbstractBehavior<MesosBridge.Command> {

  /** Everything the bridge accepts: the calls in {@link MesosCalls} plus its own internal messages. */
  public sealed interface Command permits MesosCalls.Accept, MesosCalls.Decline, MesosCalls.Suppress,
      MesosCalls.Revive, MesosCalls.Kill, MesosCalls.UpdateTaken, MesosCalls.Reconcile, MesosCalls.KnownTasks, Connect, Subscribed,
      SubscribeFailed, EventArrived, StreamEnded, CallFailed, CallDone, IdLoaded, IdPersisted, ReconcileTick,
      PeriodicReconcile {}

  private record ReconcileTick() implements Command {}

  private record PeriodicReconcile() implements Command {}

  private record IdLoaded(String frameworkId) implements Command {}

  private record IdPersisted(Subscription<Call, Event> subscription, Event.Subscribed subscribed) implements Command {}

  private record Connect() implements Command {}

  private record Subscribed(String attempt, Subscription<Call, Event> subscription) implements Command {}

  private record SubscribeFailed(String attempt, Throwable cause) implements Command {}

  private record EventArrived(Subscription<Call, Event> subscription, Event event) implements Command {}

  private record StreamEnded(Subscription<Call, Event> subscription, Optional<Throwable> cause) implements Command {}

  private record CallFailed(Call.Type type, Throwable cause) implements Command {}

  private record CallDone() implements Command {}

  /** Whom the bridge feeds, and how to reach Mesos. */
  public record Wiring(MesosClient<Call, Event> client, ActorRef<OfferPool.Command> pool,
      ActorRef<PodSupervisor.Command> pods, Consumer<BridgeSnapshot> publish, String webuiUrl,
      ActorRef<FrameworkIdStore.Command> ids) {}

  private static final String REMOVED = "Framework has been removed";

  private final FrameworkSettings settings;
  private final Wiring wiring;
  private final TimerScheduler<Command> timers;
  private final Backoff backoff;
  /** Survives restarts of this actor (it lives in the create closure): failover keeps our id. */
  private final AtomicReference<FrameworkID> frameworkId;
  private Subscription<Call, Event> current;
  /** Token of the SUBSCRIBE in flight; answers to any other attempt are stale. */
  private String attempt = "";
  private boolean registered;
  private int attempts;
  private final List<MesosCalls.Kill> pendingKills = new ArrayList<>();
  private BridgeSnapshot snapshot = BridgeSnapshot.INITIAL;
  /** Events that came after SUBSCRIBED while its framework id was being persisted. */
  private List<EventArrived> held;
  /** The explicit reconciliation round in progress, if any. */
  private ReconcileRound round;

  public static Behavior<Command> create(FrameworkSettings settings, Wiring wiring) {
    AtomicReference<FrameworkID> id = new AtomicReference<>();
    return Behaviors.setup(ctx -> Behaviors.withTimers(t -> new MesosBridge(ctx, t, settings, wiring, id)));
  }

  private MesosBridge(ActorContext<Command> ctx, TimerScheduler<Command> timers, FrameworkSettings settings,
      Wiring wiring, AtomicReference<FrameworkID> frameworkId) {
    super(ctx);
    this.settings = settings;
    this.wiring = wiring;
    this.timers = timers;
    this.frameworkId = frameworkId;
    this.backoff = new Backoff(settings.mesos().backoffMin(), settings.mesos().backoffMax());
    wiring.publish().accept(snapshot);
    // The stored id first: a restarted scheduler fails over to its old framework and keeps its tasks.
    wiring.ids().tell(new FrameworkIdStore.Get(ctx.messageAdapter(FrameworkIdStore.Current.class,
        c -> new IdLoaded(c.frameworkId()))));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Connect.class, m -> connect())
        .onMessage(IdLoaded.class, m -> {
          if (frameworkId.get() == null && !m.frameworkId().isEmpty()) {
            frameworkId.set(FrameworkID.newBuilder().setValue(m.frameworkId()).build());
          }
          return connect();
        })
        .onMessage(IdPersisted.class, this::onIdPersisted)
        .onMessage(MesosCalls.KnownTasks.class, this::onKnownTasks)
        .onMessage(ReconcileTick.class, m -> reconcileStep())
        .onMessage(PeriodicReconcile.class, m -> {
          if (registered) wiring.pods().tell(new PodSupervisor.ListTasks(getContext().getSelf()));
          return this;
        })
        .onMessage(MesosCalls.Reconcile.class, m -> {
          if (!m.tasks().isEmpty()) {
            getContext().getLog().info("reconciling {} task(s) explicitly", m.tasks().size());
            send(() -> SchedulerCalls.reconcile(id(), m.tasks()));
          }
          return this;
        })
        .onMessage(Subscribed.class, this::onSubscribed)
        .onMessage(SubscribeFailed.class, this::onSubscribeFailed)
        .onMessage(EventArrived.class, this::onEvent)
        .onMessage(StreamEnded.class, this::onStreamEnded)
        .onMessage(CallFailed.class, this::onCallFailed)
        .onMessage(CallDone.class, m -> this)
        .onMessage(MesosCalls.Accept.class, m -> send(() -> SchedulerCalls.accept(id(), m)))
        .onMessage(MesosCalls.Decline.class, m -> send(() -> SchedulerCalls.decline(id(), m)))
        .onMessage(MesosCalls.Suppress.class, m -> send(() -> SchedulerCalls.suppress(id(), settings.roles())))
        .onMessage(MesosCalls.Revive.class, m -> send(() -> SchedulerCalls.revive(id(), settings.roles())))
        .onMessage(MesosCalls.Kill.class, this::onKill)
        .onMessage(MesosCalls.UpdateTaken.class, this::onUpdateTaken)
        .onSignal(akka.actor.typed.PostStop.class, s -> {
          if (current != null) current.close();
          return this;
        })
        .build();
  }

  private Behavior<Command> connect() {
    Optional<FrameworkID> id = Optional.ofNullable(frameworkId.get());
    Call subscribe = SchedulerCalls.subscribe(SchedulerCalls.frameworkInfo(settings, id, wiring.webuiUrl()));
    getContext().getLog().info("subscribing to {} {}", wiring.client().settings().masters(),
        id.map(f -> "as framework " + f.getValue() + " (failover)").orElse("as a new framework"));
    String token = UUID.randomUUID().toString();
    attempt = token;
    getContext().pipeToSelf(wiring.client().subscribe(subscribe),
        (sub, err) -> err == null ? new Subscribed(token, sub) : new SubscribeFailed(token, err));
    return this;
  }

  private Behavior<Command> onSubscribed(Subscribed m) {
    Subscription<Call, Event> sub = m.subscription();
    if (!m.attempt().equals(attempt) || current != null) {
      sub.close(); // an attempt of an earlier incarnation of this actor, or one overtaken: only one stream
      return this;
    }
    attempt = "";
    current = sub;
    ActorRef<Command> self = getContext().getSelf();
    CompletionStage<Done> done = sub.events().runWith(Sink.foreach(e -> self.tell(new EventArrived(sub, e))),
        getContext().getSystem());
    done.whenComplete((d, err) -> self.tell(new StreamEnded(sub, Optional.ofNullable(err))));
    return this;
  }

  private Behavior<Command> onSubscribeFailed(SubscribeFailed m) {
    if (!m.attempt().equals(attempt)) return this;
    attempt = "";
    getContext().getLog().warn("subscription failed: {}", m.cause().toString());
    return retryLater();
  }

  private Behavior<Command> onEvent(EventArrived m) {
    if (m.subscription() != current) return this;
    if (held != null) {
      held.add(m);
      return this;
    }
    Event e = m.event();
    snapshot = with(true, Optional.of(Instant.now()));
    switch (e.getType()) {
      case SUBSCRIBED -> {
        // Persist the id before anything uses it; later events wait for it.
        held = new ArrayList<>();
        Subscription<Call, Event> sub = current;
        Event.Subscribed subscribed = e.getSubscribed();
        wiring.ids().tell(new FrameworkIdStore.Assign(subscribed.getFrameworkId().getValue(), getContext()
            .messageAdapter(FrameworkIdStore.Current.class, c -> new IdPersisted(sub, subscribed))));
      }
      case OFFERS -> wiring.pool().tell(new OfferPool.OffersReceived(e.getOffers().getOffersList()));
      case RESCIND -> wiring.pool().tell(new OfferPool.OfferRescinded(e.getRescind().getOfferId()));
      case UPDATE -> {
        wiring.pods().tell(new PodSupervisor.TaskUpdate(e.getUpdate().getStatus(), getContext().getSelf()));
        if (round != null) {
          round = round.answered(e.getUpdate().getStatus().getTaskId().getValue());
          if (round.done()) reconcileStep();
        }
      }
      case ERROR -> {
        return onError(e.getError().getMessage());
      }
      case FAILURE -> getContext().getLog().warn("Mesos reports a failure: agent {} executor {} status {}",
          e.getFailure().getAgentId().getValue(), e.getFailure().getExecutorId().getValue(), e.getFailure().getStatus());
      default -> { }
    }
    wiring.publish().accept(snapshot);
    return this;
  }

  private Behavior<Command> onIdPersisted(IdPersisted m) {
    if (m.subscription() != current || held == null) return this;
    List<EventArrived> later = held;
    held = null;
    onSubscribedEvent(m.subscribed());
    wiring.publish().accept(snapshot);
    later.forEach(this::onEvent);
    return this;
  }

  private void onSubscribedEvent(Event.Subscribed s) {
    frameworkId.set(s.getFrameworkId());
    registered = true;
    attempts = 0;
    String master = current.endpoint().toString();
    snapshot = new BridgeSnapshot(true, master, s.getFrameworkId().getValue(), current.streamId().orElse(""),
        Optional.of(Instant.now()), snapshot.updatesAcknowledged(), snapshot.subscriptions() + 1);
    getContext().getLog().info("registered with Mesos master {} as framework {} (heartbeat every {} s)", master,
        s.getFrameworkId().getValue(), s.getHeartbeatIntervalSeconds());
    wiring.pool().tell(new OfferPool.OffersInvalidated("new subscription to " + master));
    // Explicit reconciliation of every task our pods hold (the supervisor answers with a Reconcile),
    // then implicit: Mesos tells us of every task it knows, so ones no pod owns get killed.
    round = null;
    wiring.pods().tell(new PodSupervisor.ListTasks(getContext().getSelf()));
    timers.startTimerWithFixedDelay(PeriodicReconcile.class, new PeriodicReconcile(),
        settings.recovery().reconcileInterval());
    List<MesosCalls.Kill> kills = List.copyOf(pendingKills);
    pendingKills.clear();
    kills.forEach(this::onKill);
  }

  private Behavior<Command> onKnownTasks(MesosCalls.KnownTasks m) {
    if (!registered) return this;
    round = ReconcileRound.of(m.tasks());
    getContext().getLog().info("reconciling: {} task(s) explicitly, then all implicitly", m.tasks().size());
    return reconcileStep();
  }

  /** Asks again about the unanswered tasks (with backoff), or, all answered, reconciles implicitly. */
  private Behavior<Command> reconcileStep() {
    if (round == null || !registered) return this;
    if (round.done()) {
      round = null;
      timers.cancel(ReconcileTick.class);
      send(() -> SchedulerCalls.reconcileAll(id()));
      return this;
    }
    if (round.attempt() > 0) {
      getContext().getLog().info("{} task(s) unanswered; asking again", round.unanswered().size());
    }
    List<MesosCalls.KnownTask> ask = round.tasks();
    send(() -> SchedulerCalls.reconcile(id(), ask));
    timers.startSingleTimer(ReconcileTick.class, new ReconcileTick(),
        round.wait(settings.recovery().reconcileMin(), settings.recovery().reconcileMax()));
    round = round.retried();
    return this;
  }

  private Behavior<Command> onError(String message) {
    if (message.contains(REMOVED)) {
      getContext().getLog().error("!!! Mesos says: \"{}\". Framework {} is dead and its tasks are gone;"
          + " registering afresh as a new framework.", message, frameworkId.get() == null ? "?" : frameworkId.get().getValue());
      frameworkId.set(null);
      wiring.ids().tell(new FrameworkIdStore.Clear(message));
      wiring.pods().tell(new PodSupervisor.FrameworkRemoved("Mesos removed the framework: " + message));
    } else {
      getContext().getLog().warn("Mesos sent ERROR: {}", message);
    }
    return drop("ERROR " + message);
  }

  private Behavior<Command> onStreamEnded(StreamEnded m) {
    if (m.subscription() != current) return this;
    return drop(m.cause().map(Throwable::toString).orElse("the master closed the stream"));
  }

  /** The current subscription is over: forget it and its offers, then subscribe again. */
  private Behavior<Command> drop(String why) {
    getContext().getLog().warn("subscription to {} lost: {}", current.endpoint(), why);
    current.close();
    current = null;
    held = null;
    round = null;
    registered = false;
    snapshot = with(false, snapshot.lastEvent());
    wiring.publish().accept(snapshot);
    wiring.pool().tell(new OfferPool.OffersInvalidated("subscription lost: " + why));
    return retryLater();
  }

  private Behavior<Command> retryLater() {
    timers.startSingleTimer(new Connect(), backoff.delay(attempts++));
    return this;
  }

  private Behavior<Command> onKill(MesosCalls.Kill k) {
    if (!registered) {
      pendingKills.add(k);
      return this;
    }
    return send(() -> SchedulerCalls.kill(id(), k));
  }

  private Behavior<Command> onUpdateTaken(MesosCalls.UpdateTaken m) {
    if (registered) {
      SchedulerCalls.acknowledge(id(), m.status()).ifPresent(call -> {
        send(() -> call);
        snapshot = new BridgeSnapshot(snapshot.connected(), snapshot.master(), snapshot.frameworkId(),
            snapshot.streamId(), snapshot.lastEvent(), snapshot.updatesAcknowledged() + 1, snapshot.subscriptions());
        wiring.publish().accept(snapshot);
      });
    }
    return this;
  }

  /** Sends a call built only now: without a subscription (and so a framework id) it is dropped. */
  private Behavior<Command> send(Supplier<Call> build) {
    if (!registered || current == null) {
      getContext().getLog().debug("not subscribed: call dropped");
      return this;
    }
    Call call = build.get();
    getContext().pipeToSelf(current.send(call), (d, err) -> err == null ? new CallDone() : new CallFailed(call.getType(), err));
    return this;
  }

  private Behavior<Command> onCallFailed(CallFailed m) {
    getContext().getLog().warn("{} failed: {}", m.type(), m.cause().toString());
    Throwable cause = m.cause() instanceof java.util.concurrent.CompletionException && m.cause().getCause() != null
        ? m.cause().getCause() : m.cause();
    if (current != null && cause instanceof MesosHttpException http && (http.status() == 403 || http.status() == 400)
        && (http.body().contains("not subscribed") || http.body().contains("Stream-Id")
            || http.body().contains("cannot be found"))) {
      return drop("the master no longer knows this subscription (" + http.status() + " " + http.body().strip() + ")");
    }
    return this;
  }

  private FrameworkID id() {
    return frameworkId.get();
  }

  private BridgeSnapshot with(boolean connected, Optional<Instant> lastEvent) {
    return new BridgeSnapshot(connected, snapshot.master(), snapshot.frameworkId(), snapshot.streamId(), lastEvent,
        snapshot.updatesAcknowledged(), snapshot.subscriptions());
  }
}
