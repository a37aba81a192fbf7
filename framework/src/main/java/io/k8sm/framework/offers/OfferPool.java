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
import java.util.Optional;
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
 * of every new offer (no starvation). A complete offer with room left lingers briefly for more pods
 * ({@link AcceptTiming}), so a burst packs agents instead of spreading one pod per offer. Unusable
 * offers are declined at once with a long filter; idle ones with a short filter once no pod has
 * asked for resources for a TTL (while pods keep arriving, held offers serve them without a REVIVE).
 * Pods take the best fitting offer ({@link FitOrder}), so they go to the leftovers of agents already
 * in use before fresh ones. SUPPRESS once no pod waits or has asked for a TTL ({@link Revival}). On (re)subscription Mesos forgets our
 * offers: {@link OffersInvalidated} drops them all.
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

  /** No pod has asked for resources for a TTL: offers may be suppressed. */
  private record DemandQuiet() implements Command {}

  /** An offer lingering for more pods (see {@link AcceptTiming}) may be due for its ACCEPT. */
  private record AcceptDue(String offerId) implements Command {}

  public sealed interface Reply {}

  public record OfferReserved(Reservation reservation) implements Reply {}

  public record NoFit(String reason) implements Reply {}

  /** A reservation (committed or not) died with its offer before the ACCEPT went out. */
  public record ReservationLost(String reservationId, String reason) implements Reply {}

  /** What the pool needs to know. */
  public record Settings(Duration ttl, double declineUnusableSeconds, double declineExpiredSeconds,
      Duration reservationTimeout, Duration reviveMinInterval, List<String> machines, ExecutorID executorId,
      ExecutorCost executorCost, AcceptTiming accept) {

    /** Every complete offer is accepted at once. */
    public Settings(Duration ttl, double declineUnusableSeconds, double declineExpiredSeconds,
        Duration reservationTimeout, Duration reviveMinInterval, List<String> machines, ExecutorID executorId,
        ExecutorCost executorCost) {
      this(ttl, declineUnusableSeconds, declineExpiredSeconds, reservationTimeout, reviveMinInterval, machines,
          executorId, executorCost, AcceptTiming.IMMEDIATE);
    }
  }


  private final Settings settings;
  private final ActorRef<MesosBridge.Command> bridge;
  private final ActorRef<ObjectStore.Command> store;
  private final Consumer<OfferPoolSnapshot> publish;
  private final TimerScheduler<Command> timers;
  private final OfferBook book;
  private final Waiters waiting = new Waiters();
  /** The last offer seen from each agent, to explain a wait while no offer is held. */
  private final Map<String, OfferView> recent = new LinkedHashMap<>();
  private final Revival revival = new Revival();
  /** When a pod last asked for resources, and its shape: lingering ACCEPTs and idle offers wait on them. */
  private long lastRequestNanos = System.nanoTime() - Long.MAX_VALUE / 2;
  private PodShape lastShape;
  private long launches;
  private long declines;
  private long rescinds;

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
    this.book = new OfferBook(settings.executorCost());
    publish();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(OffersReceived.class, this::onOffers)
        .onMessage(OfferRescinded.class, this::onRescinded)
        .onMessage(OffersInvalidated.class, this::onInvalidated)
        .onMessage(RequestOffer.class, this::onRequest)
        .onMessage(Commit.class, m -> afterwards(() -> book.commit(m.reservationId(), m.task()).ifPresent(this::acceptWhenDue)))
        .onMessage(Release.class, m -> afterwards(() -> release(m.reservationId())))
        .onMessage(Withdraw.class, this::onWithdraw)
        .onMessage(Expire.class, this::onExpire)
        .onMessage(ReservationExpired.class, this::onReservationExpired)
        .onMessage(ReviveAllowed.class, m -> afterwards(() -> perform(revival.cooldownEnded(needsOffers()))))
        .onMessage(DemandQuiet.class, m -> afterwards(() -> {}))
        .onMessage(AcceptDue.class, m -> afterwards(() -> book.offer(m.offerId()).filter(HeldOffer::allCommitted)
            .ifPresent(this::acceptWhenDue)))
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
        book.add(view);
        recent.put(offer.getAgentId().getValue(), view);
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
    lastRequestNanos = System.nanoTime();
    lastShape = m.shape();
    timers.startSingleTimer("demand", new DemandQuiet(), settings.ttl());
    if (!book.reservationsOf(m.podKey()).isEmpty()) {
      return this; // a retry that crossed its reservation: the OfferReserved is on its way
    }
    // Every waiter already here was tried against the book as it is now (each gain of free
    // resources re-runs matchWaiting), so only the newcomer needs a try: FCFS holds, and a burst
    // of requests costs O(offers) each instead of O(waiters x offers).
    boolean retry = waiting.contains(m.podKey());
    Optional<Reservation> placed = book.place(m.podKey(), m.shape(), m.replyTo(), lastRequestNanos);
    if (placed.isPresent()) {
      waiting.remove(m.podKey());
      reserved(placed.get(), m.replyTo());
      perform(revival.podPlaced());
    } else {
      String reason = why(m.shape());
      waiting.wait(m.podKey(), m.shape(), m.replyTo(), reason);
      m.replyTo().tell(new NoFit(reason));
      if (!retry) perform(revival.podWaits());
    }
    publish();
    return this;
  }

  private Behavior<Command> onWithdraw(Withdraw m) {
    waiting.remove(m.podKey());
    book.reservationsOf(m.podKey()).forEach(this::release);
    return afterwards(() -> {});
  }

  private Behavior<Command> onRescinded(OfferRescinded m) {
    String id = m.offerId().getValue();
    book.offer(id).ifPresent(o -> {
      rescinds++;
      timers.cancel(id);
      lose(book.drop(id), "Mesos rescinded the offer from " + o.original.hostname());
    });
    return afterwards(() -> {});
  }

  private Behavior<Command> onInvalidated(OffersInvalidated m) {
    book.free().forEach(v -> {
      timers.cancel(v.id());
      lose(book.drop(v.id()), m.reason());
    });
    perform(revival.resubscribed(!waiting.isEmpty(), book.reservationCount() == 0));
    return afterwards(() -> {});
  }

  private Behavior<Command> onExpire(Expire m) {
    Optional<HeldOffer> offer = book.offer(m.offerId());
    if (offer.isEmpty()) return this;
    if (!offer.get().reservations.isEmpty() || demandWithin(settings.ttl())) {
      // Held while reserved, and while pods keep arriving: declining now would make the next pod
      // wait for a REVIVE and a new allocation.
      timers.startSingleTimer(m.offerId(), new Expire(m.offerId()), settings.ttl());
      return this;
    }
    book.drop(m.offerId());
    declines++;
    bridge.tell(new MesosCalls.Decline(List.of(offer.get().original.offer().getId()), settings.declineExpiredSeconds()));
    return afterwards(() -> {});
  }

  private Behavior<Command> onReservationExpired(ReservationExpired m) {
    Optional<OfferBook.Held> held = book.held(m.reservationId());
    if (held.isPresent() && !book.committed(m.reservationId())) {
      release(m.reservationId());
      held.get().pod().tell(new ReservationLost(m.reservationId(), "the reservation timed out before the pod committed it"));
    }
    return afterwards(() -> {});
  }

  /** Oldest waiter first, each onto the first offer it fits; the rest hear a changed reason. */
  private void matchWaiting() {
    if (waiting.isEmpty()) return;
    waiting.placeAll(book, System.nanoTime()).forEach(p -> reserved(p.reservation(), p.pod()));
    waiting.explain(this::why).forEach(t -> t.pod().tell(new NoFit(t.reason())));
  }

  private void reserved(Reservation r, ActorRef<Reply> pod) {
    timers.startSingleTimer("res-" + r.id(), new ReservationExpired(r.id()), settings.reservationTimeout());
    pod.tell(new OfferReserved(r));
  }

  /** Why a pod fits nothing held; with nothing held, measured against the latest offer of each agent. */
  private String why(PodShape shape) {
    List<OfferView> held = book.free();
    return OfferMatcher.whyNothingFits(shape, held.isEmpty() ? List.copyOf(recent.values()) : held,
        settings.executorCost());
  }

  private void release(String reservationId) {
    timers.cancel("res-" + reservationId);
    book.release(reservationId).ifPresent(this::acceptWhenDue);
    matchWaiting();
  }

  /** A pod waits, or one asked for resources within the TTL (more are likely to follow). */
  private boolean needsOffers() {
    return !waiting.isEmpty() || demandWithin(settings.ttl());
  }

  private boolean demandWithin(Duration d) {
    return System.nanoTime() - lastRequestNanos < d.toNanos();
  }

  /** Every reservation on the offer is committed: ACCEPT now, or linger for more pods. */
  private void acceptWhenDue(HeldOffer offer) {
    boolean room = lastShape != null && OfferMatcher.fits(lastShape, offer.free, settings.executorCost());
    String id = offer.original.id();
    AcceptTiming.Decision d = settings.accept().decide(room, System.nanoTime(), lastRequestNanos,
        offer.firstReservedNanos);
    if (d instanceof AcceptTiming.Later later) {
      timers.startSingleTimer("accept-" + id, new AcceptDue(id), later.in());
    } else {
      launch(book.take(id));
    }
  }

  /** One ACCEPT with every task of the offer. Its leftovers come back at once while pods arrive. */
  private void launch(Optional<OfferBook.Launch> ready) {
    ready.ifPresent(l -> {
      l.reservationIds().forEach(id -> timers.cancel("res-" + id));
      timers.cancel(l.offer().id());
      timers.cancel("accept-" + l.offer().id());
      double refuse = demandWithin(settings.ttl()) ? 0 : settings.declineExpiredSeconds();
      launches += l.tasks().size();
      Offer.Operation op = Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
          .setLaunch(Offer.Operation.Launch.newBuilder().addAllTaskInfos(l.tasks())).build();
      bridge.tell(new MesosCalls.Accept(List.of(l.offer().offer().getId()), List.of(op), refuse));
      getContext().getLog().info("launching {} pod(s) on {} with offer {}", l.tasks().size(), l.offer().hostname(),
          l.offer().id());
    });
  }

  private void lose(List<OfferBook.Held> lost, String reason) {
    for (OfferBook.Held h : lost) {
      timers.cancel("res-" + h.reservation().id());
      h.pod().tell(new ReservationLost(h.reservation().id(), reason));
    }
  }

  private void perform(Revival.Action action) {
    switch (action) {
      case REVIVE -> {
        bridge.tell(new MesosCalls.Revive());
        timers.startSingleTimer("revive", new ReviveAllowed(), settings.reviveMinInterval());
      }
      case SUPPRESS -> bridge.tell(new MesosCalls.Suppress());
      case NONE -> { }
    }
  }

  private Behavior<Command> afterwards(Runnable change) {
    change.run();
    perform(revival.settle(!needsOffers() && book.reservationCount() == 0));
    publish();
    return this;
  }

  private void publish() {
    publish.accept(new OfferPoolSnapshot(book.offerCount(), book.reservationCount(), waiting.reasons(), launches, declines, rescinds,
        revival.suppressed()));
  }
}
