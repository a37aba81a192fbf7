package io.k8sm.framework.mesos;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.k8sm.framework.FrameworkSettings;
import io.k8sm.framework.offers.OfferPool;
import io.k8sm.framework.pods.Backoff;
import io.k8sm.framework.pods.PodSupervisor;
import io.k8sm.protocol.client.MesosClient;
import io.k8sm.protocol.client.Subscription;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/**
 * The framework's link to Mesos: keeps exactly one scheduler subscription open. Subscribes through
 * the protocol client (which follows redirects across the masters and fails a silent stream) and
 * hands each open subscription to a {@link Session} child, which reads its events and sends the
 * calls; the typed calls of {@link MesosCalls} that the other actors send here go to the current
 * session.
 *
 * <p>Invariants: at most one SUBSCRIBE attempt or session at a time; a session's end voids all
 * held offers and is followed by a new SUBSCRIBE after an exponential backoff (reset once a
 * session registers) under the same framework id (failover), or none after "Framework has been
 * removed". Between sessions a KILL waits for the next one; every other call is dropped (Mesos
 * re-offers, resends updates, and the pods ask again).
 */
public final class MesosBridge extends AbstractBehavior<MesosBridge.Command> {

  /** Everything the bridge accepts: the calls in {@link MesosCalls} plus its own internal messages. */
  public sealed interface Command permits MesosCalls.Accept, MesosCalls.Decline, MesosCalls.Suppress,
      MesosCalls.Revive, MesosCalls.Kill, MesosCalls.UpdateTaken, MesosCalls.Reconcile, MesosCalls.KnownTasks, Connect,
      IdLoaded, Subscribed, SubscribeFailed, SessionRegistered, SessionEnded {}

  private record Connect() implements Command {}

  private record IdLoaded(String frameworkId) implements Command {}

  private record Subscribed(String attempt, Subscription<Call, Event> subscription) implements Command {}

  private record SubscribeFailed(String attempt, Throwable cause) implements Command {}

  /** The session has its framework id persisted and sends calls. */
  record SessionRegistered(ActorRef<Session.Command> session) implements Command {}

  /** The session is over, and why. */
  record SessionEnded(ActorRef<Session.Command> session, String reason) implements Command {}

  /** Whom the bridge feeds, and how to reach Mesos. */
  public record Wiring(MesosClient<Call, Event> client, ActorRef<OfferPool.Command> pool,
      ActorRef<PodSupervisor.Command> pods, Consumer<BridgeSnapshot> publish, String webuiUrl,
      ActorRef<FrameworkIdStore.Command> ids) {}

  private final FrameworkSettings settings;
  private final Wiring wiring;
  private final TimerScheduler<Command> timers;
  private final Backoff backoff;
  private final SnapshotBoard board;
  /** Survives restarts of this actor (it lives in the create closure): failover keeps our id. */
  private final AtomicReference<FrameworkID> frameworkId;
  /** Token of the SUBSCRIBE in flight; answers to any other attempt are stale. */
  private String attempt = "";
  private int attempts;
  private int sessions;
  private ActorRef<Session.Command> session;
  private final List<MesosCalls.Kill> pendingKills = new ArrayList<>();

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
    this.board = new SnapshotBoard(wiring.publish());
    // The stored id first: a restarted scheduler fails over to its old framework and keeps its tasks.
    wiring.ids().tell(new FrameworkIdStore.Get(ctx.messageAdapter(FrameworkIdStore.Current.class,
        c -> new IdLoaded(c.frameworkId()))));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(IdLoaded.class, this::onIdLoaded)
        .onMessage(Connect.class, m -> connect())
        .onMessage(Subscribed.class, this::onSubscribed)
        .onMessage(SubscribeFailed.class, this::onSubscribeFailed)
        .onMessage(SessionRegistered.class, this::onRegistered)
        .onMessage(SessionEnded.class, this::onSessionEnded)
        .onMessage(MesosCalls.Kill.class, this::onKill)
        .onAnyMessage(this::toSession)
        .build();
  }

  private Behavior<Command> onIdLoaded(IdLoaded m) {
    if (frameworkId.get() == null && !m.frameworkId().isEmpty()) {
      frameworkId.set(FrameworkID.newBuilder().setValue(m.frameworkId()).build());
    }
    return connect();
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
    if (!m.attempt().equals(attempt) || session != null) {
      m.subscription().close(); // an attempt of an earlier incarnation of this actor, or one overtaken
      return this;
    }
    attempt = "";
    session = getContext().spawn(Session.create(settings, wiring, m.subscription(), frameworkId,
        getContext().getSelf(), board), "session-" + ++sessions);
    getContext().watchWith(session, new SessionEnded(session, "the session stopped"));
    pendingKills.forEach(k -> session.tell(new Session.Deliver(k)));
    pendingKills.clear();
    return this;
  }

  private Behavior<Command> onSubscribeFailed(SubscribeFailed m) {
    if (!m.attempt().equals(attempt)) return this;
    attempt = "";
    getContext().getLog().warn("subscription failed: {}", m.cause().toString());
    return retryLater();
  }

  private Behavior<Command> onRegistered(SessionRegistered m) {
    if (m.session().equals(session)) attempts = 0;
    return this;
  }

  /** The session is over: its offers are void; subscribe again after the backoff. */
  private Behavior<Command> onSessionEnded(SessionEnded m) {
    if (!m.session().equals(session)) return this;
    getContext().getLog().warn("subscription lost: {}", m.reason());
    session = null;
    board.update(s -> s.with(false, s.lastEvent()));
    wiring.pool().tell(new OfferPool.OffersInvalidated("subscription lost: " + m.reason()));
    return retryLater();
  }

  private Behavior<Command> retryLater() {
    timers.startSingleTimer(new Connect(), backoff.delay(attempts++));
    return this;
  }

  private Behavior<Command> onKill(MesosCalls.Kill k) {
    if (session == null) {
      pendingKills.add(k);
      return this;
    }
    return toSession(k);
  }

  private Behavior<Command> toSession(Command m) {
    if (session != null) {
      session.tell(new Session.Deliver(m));
    } else {
      getContext().getLog().debug("not subscribed: {} dropped", m.getClass().getSimpleName());
    }
    return this;
  }
}
