package io.k8sm.framework.offers;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.k8sm.framework.mesos.MesosBridge;
import io.k8sm.framework.mesos.MesosCalls;
import io.k8sm.framework.store.ObjectStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * The single owner of Mesos offers. Pods ask for resources first-come-first-served:
 * {@link RequestOffer} is answered with {@link OfferReserved} or {@link NoFit}; a pod that got a
 * reservation {@link Commit}s it with its TaskInfo or {@link Release}s it. A pod told NoFit stays
 * waiting here and is woken with OfferReserved when a fitting offer arrives.
 *
 * <p>Invariants: an offer is used in at most one ACCEPT, carrying every task committed on it; two
 * reservations never share resources or a host port; the oldest waiting pod gets the first pick
 * of every new offer (no starvation). Unusable offers are declined at once with a long filter,
 * idle ones after the TTL with a short filter. SUPPRESS when nobody waits, REVIVE when a pod
 * arrives. On (re)subscription Mesos forgets our offers: {@link OffersInvalidated} drops them all.
 */
public final class OfferPool extends AbstractBehavior<OfferPool.Command> {

  public sealed interface Command {}

  public record OffersReceived(List<Offer> offers) implements Command {}

  public record OfferRescinded(OfferID offerId) implements Command {}

  /** Every held offer is void (new subscription or lost connection). */
  public record OffersInvalidated(String reason) implements Command {}

  public record RequestOffer(String podKey, PodShape shape, ActorRef<Reply> replyTo) implements Command {}

  public record Commit(String reservationId, TaskInfo task) implements Command {}

  public record Release(String reservationId) implements Command {}

  /** The pod no longer wants resources (deleted): forget its request and any reservation. */
  public record Withdraw(String podKey) implements Command {}

  private record Expire(String offerId) implements Command {}

  private record ReservationExpired(String reservationId) implements Command {}

  private record ReviveAllowed() implements Command {}

  public sealed interface Reply {}

  public record OfferReserved(Reservation reservation) implements Reply {}

  public record NoFit(String reason) implements Reply {}

  /** A reservation (committed or not) died with its offer before the ACCEPT went out. */
  public record ReservationLost(String reservationId, String reason) implements Reply {}

  /** What the pool needs to know. */
  public record Settings(Duration ttl, double declineUnusableSeconds, double declineExpiredSeconds,
      Duration reservationTimeout, Duration reviveMinInterval, List<String> machines, ExecutorID executorId,
      ExecutorCost executorCost) {}

  private record Waiter(PodShape shape, ActorRef<Reply> replyTo, String reason) {}

  private record Held(Reservation reservation, ActorRef<Reply> pod) {}

  private final Settings settings;
  private final ActorRef<MesosBridge.Command> bridge;
  private final ActorRef<ObjectStore.Command> store;
  private final Consumer<OfferPoolSnapshot> publish;
  private final TimerScheduler<Command> timers;
  private final Map<String, HeldOffer> offers = new LinkedHashMap<>();
  private final Map<String, Waiter> waiting = new LinkedHashMap<>();
  private final Map<String, Held> reservations = new LinkedHashMap<>();
  private boolean suppressed;
  private boolean reviveCoolingDown;
  private long launches;
  private long declines;
  private long rescinds;
  private long nextReservation;

  public static Behavior<Command> create(Settings settings, ActorRef<MesosBridge.Command> bridge,
      ActorRef<ObjectStore.Command> store, Consumer<OfferPoolSnapshot> publish) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(t -> new OfferPool(ctx, t, settings, bridge, store, publish)));
  }

  private OfferPool(ActorContext<Command> context, TimerScheduler<Command> timers, Settings settings,
      ActorRef<MesosBridge.Command> bridge, ActorRef<ObjectStore.Command> store, Consumer<OfferPoolSnapshot> publish) {
    super(context);
    this.timers = timers;
    this.settings = settings;
    this.bridge = bridge;
    this.store = store;
    this.publish = publish;
    publish();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(OffersReceived.class, this::onOffers)
        .onMessage(OfferRescinded.class, this::onRescinded)
        .onMessage(OffersInvalidated.class, this::onInvalidated)
        .onMessage(RequestOffer.class, this::onRequest)
        .onMessage(Commit.class, this::onCommit)
        .onMessage(Release.class, m -> afterwards(() -> release(m.reservationId())))
        .onMessage(Withdraw.class, this::onWithdraw)
        .onMessage(Expire.class, this::onExpire)
        .onMessage(ReservationExpired.class, this::onReservationExpired)
        .onMessage(ReviveAllowed.class, m -> afterwards(() -> reviveCoolingDown = false))
        .build();
  }

  private Behavior<Command> onOffers(OffersReceived m) {
    List<OfferID> unusable = new ArrayList<>();
    for (Offer offer : m.offers()) {
      OfferView view = OfferView.of(offer, settings.executorId());
      if (!settings.machines().isEmpty() && !settings.machines().contains(offer.getHostname())) {
        getContext().getLog().debug("declining offer {} from {}: not one of --machines", view.id(), offer.getHostname());
        unusable.add(offer.getId());
      } else if (view.total("cpus") == 0 || view.total("mem") == 0) {
        unusable.add(offer.getId());
      } else {
        offers.put(view.id(), new HeldOffer(view));
        timers.startSingleTimer(view.id(), new Expire(view.id()), settings.ttl());
        store.tell(new ObjectStore.AgentSeen(Agents.view(offer)));
      }
    }
    if (!unusable.isEmpty()) {
      declines += unusable.size();
      bridge.tell(new MesosCalls.Decline(unusable, settings.declineUnusableSeconds()));
    }
    return afterwards(this::matchWaiting);
  }

  private Behavior<Command> onRequest(RequestOffer m) {
    if (reservations.values().stream().anyMatch(h -> h.reservation().podKey().equals(m.podKey()))) {
      return this; // a retry that crossed its reservation: the OfferReserved is on its way
    }
    boolean arrival = !waiting.containsKey(m.podKey());
    Waiter previous = waiting.get(m.podKey());
    waiting.put(m.podKey(), new Waiter(m.shape(), m.replyTo(), previous == null ? "" : previous.reason()));
    matchWaiting();
    Waiter still = waiting.get(m.podKey());
    if (still != null) {
      String reason = OfferMatcher.whyNothingFits(m.shape(), freeViews(), settings.executorCost());
      waiting.put(m.podKey(), new Waiter(still.shape(), still.replyTo(), reason));
      m.replyTo().tell(new NoFit(reason));
      if (arrival) revive();
    }
    publish();
    return this;
  }

  private Behavior<Command> onCommit(Commit m) {
    Held held = reservations.get(m.reservationId());
    HeldOffer offer = held == null ? null : offers.get(held.reservation().offerId().getValue());
    if (offer == null) {
      getContext().getLog().warn("commit of unknown reservation {} ignored", m.reservationId());
      return this;
    }
    offer.reservations.put(m.reservationId(), m.task());
    launchIfComplete(offer);
    return afterwards(() -> {});
  }

  private Behavior<Command> onWithdraw(Withdraw m) {
    waiting.remove(m.podKey());
    reservations.entrySet().stream().filter(e -> e.getValue().reservation().podKey().equals(m.podKey()))
        .map(Map.Entry::getKey).toList().forEach(this::release);
    return afterwards(() -> {});
  }

  private Behavior<Command> onRescinded(OfferRescinded m) {
    HeldOffer offer = offers.remove(m.offerId().getValue());
    if (offer != null) {
      rescinds++;
      timers.cancel(m.offerId().getValue());
      lose(offer, "Mesos rescinded the offer from " + offer.original.hostname());
    }
    return afterwards(() -> {});
  }

  private Behavior<Command> onInvalidated(OffersInvalidated m) {
    offers.values().forEach(o -> {
      timers.cancel(o.original.id());
      lose(o, m.reason());
    });
    offers.clear();
    suppressed = !waiting.isEmpty(); // unknown after a new subscription: force the right call below
    if (waiting.isEmpty()) {
      suppress();
    } else {
      reviveCoolingDown = false;
      revive();
    }
    return afterwards(() -> {});
  }

  private Behavior<Command> onExpire(Expire m) {
    HeldOffer offer = offers.get(m.offerId());
    if (offer == null) return this;
    if (!offer.reservations.isEmpty()) {
      timers.startSingleTimer(m.offerId(), new Expire(m.offerId()), settings.ttl());
      return this;
    }
    offers.remove(m.offerId());
    declines++;
    bridge.tell(new MesosCalls.Decline(List.of(offer.original.offer().getId()), settings.declineExpiredSeconds()));
    return afterwards(() -> {});
  }

  private Behavior<Command> onReservationExpired(ReservationExpired m) {
    Held held = reservations.get(m.reservationId());
    HeldOffer offer = held == null ? null : offers.get(held.reservation().offerId().getValue());
    if (offer != null && offer.reservations.get(m.reservationId()) == null) {
      release(m.reservationId());
      held.pod().tell(new ReservationLost(m.reservationId(), "the reservation timed out before the pod committed it"));
    }
    return afterwards(() -> {});
  }

  /** Oldest waiter first, each onto the first offer (in arrival order) it fits. */
  private void matchWaiting() {
    for (Map.Entry<String, Waiter> e : new ArrayList<>(waiting.entrySet())) {
      for (HeldOffer offer : offers.values()) {
        Placement p = OfferMatcher.place(e.getValue().shape(), offer.free, settings.executorCost());
        if (p instanceof Placement.Fit fit) {
          reserve(e.getKey(), e.getValue().replyTo(), offer, fit);
          waiting.remove(e.getKey());
          break;
        }
      }
    }
    for (Map.Entry<String, Waiter> e : waiting.entrySet()) {
      String reason = OfferMatcher.whyNothingFits(e.getValue().shape(), freeViews(), settings.executorCost());
      if (!reason.equals(e.getValue().reason()) && !e.getValue().reason().isEmpty()) {
        e.getValue().replyTo().tell(new NoFit(reason));
        e.setValue(new Waiter(e.getValue().shape(), e.getValue().replyTo(), reason));
      }
    }
  }

  private void reserve(String podKey, ActorRef<Reply> pod, HeldOffer offer, Placement.Fit fit) {
    String id = "r" + (++nextReservation);
    Offer o = offer.original.offer();
    Reservation r = new Reservation(id, podKey, o.getId(), o.getAgentId(), o.getHostname(), fit.taskResources(),
        fit.hostPorts(), OfferMatcher.executorResources(offer.original, settings.executorCost()));
    offer.free = fit.remaining();
    offer.reservations.put(id, null);
    reservations.put(id, new Held(r, pod));
    timers.startSingleTimer("res-" + id, new ReservationExpired(id), settings.reservationTimeout());
    pod.tell(new OfferReserved(r));
  }

  private void release(String reservationId) {
    Held held = reservations.remove(reservationId);
    if (held == null) return;
    timers.cancel("res-" + reservationId);
    HeldOffer offer = offers.get(held.reservation().offerId().getValue());
    if (offer == null) return;
    offer.reservations.remove(reservationId);
    offer.free = offer.reservations.isEmpty() ? offer.original
        : OfferMatcher.giveBack(offer.free, held.reservation().resources());
    launchIfComplete(offer);
    matchWaiting();
  }

  /** Every reservation on the offer is committed: one ACCEPT with all of its tasks. */
  private void launchIfComplete(HeldOffer offer) {
    if (!offer.allCommitted()) return;
    List<TaskInfo> tasks = new ArrayList<>(offer.reservations.values());
    offer.reservations.keySet().forEach(id -> {
      reservations.remove(id);
      timers.cancel("res-" + id);
    });
    offers.remove(offer.original.id());
    timers.cancel(offer.original.id());
    launches += tasks.size();
    Offer.Operation launch = Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
        .setLaunch(Offer.Operation.Launch.newBuilder().addAllTaskInfos(tasks)).build();
    bridge.tell(new MesosCalls.Accept(List.of(offer.original.offer().getId()), List.of(launch),
        settings.declineExpiredSeconds()));
    getContext().getLog().info("launching {} pod(s) on {} with offer {}", tasks.size(), offer.original.hostname(),
        offer.original.id());
  }

  private void lose(HeldOffer offer, String reason) {
    for (String id : offer.reservations.keySet()) {
      Held held = reservations.remove(id);
      timers.cancel("res-" + id);
      if (held != null) held.pod().tell(new ReservationLost(id, reason));
    }
  }

  private void revive() {
    if (suppressed || !reviveCoolingDown) {
      bridge.tell(new MesosCalls.Revive());
      suppressed = false;
      reviveCoolingDown = true;
      timers.startSingleTimer("revive", new ReviveAllowed(), settings.reviveMinInterval());
    }
  }

  private void suppress() {
    if (!suppressed && waiting.isEmpty() && reservations.isEmpty()) {
      bridge.tell(new MesosCalls.Suppress());
      suppressed = true;
    }
  }

  private List<OfferView> freeViews() {
    return offers.values().stream().map(o -> o.free).toList();
  }

  private Behavior<Command> afterwards(Runnable change) {
    change.run();
    suppress();
    publish();
    return this;
  }

  private void publish() {
    Map<String, String> w = new LinkedHashMap<>();
    waiting.forEach((k, v) -> w.put(k, v.reason()));
    publish.accept(new OfferPoolSnapshot(offers.size(), reservations.size(), w, launches, declines, rescinds, suppressed));
  }
}
