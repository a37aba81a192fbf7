package io.k8sm.framework.offers;

import akka.actor.typed.ActorRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * The offer pool's bookkeeping: held offers (in arrival order) and the reservations on them. Plain
 * mutable state owned by the {@link OfferPool} actor alone; no messaging, no timers.
 *
 * <p>Invariants: a reservation lives on exactly one held offer; an offer leaves the book either as
 * one {@link Launch} carrying every task committed on it (taken when the pool decides, once all its
 * reservations are committed), or dropped with its reservations.
 */
final class OfferBook {

  /** A reservation and the pod that holds it. */
  record Held(Reservation reservation, ActorRef<OfferPool.Reply> pod) {}

  /** An offer whose reservations are all committed: its tasks go out in one ACCEPT. */
  record Launch(OfferView offer, List<TaskInfo> tasks, List<String> reservationIds) {}

  private final Map<String, HeldOffer> offers = new LinkedHashMap<>();
  private final Map<String, Held> reservations = new LinkedHashMap<>();
  /** Reservation ids by pod key: a pod's lookup must not scan every reservation. */
  private final Map<String, List<String>> byPod = new java.util.HashMap<>();
  private final FitOrder order = new FitOrder();
  private final ExecutorCost cost;
  private long next;
  private long arrivals;

  OfferBook(ExecutorCost cost) {
    this.cost = cost;
  }

  void add(OfferView view) {
    HeldOffer held = new HeldOffer(view, ++arrivals);
    offers.put(view.id(), held);
    order.add(held);
  }

  Optional<HeldOffer> offer(String offerId) {
    return Optional.ofNullable(offers.get(offerId));
  }

  Optional<Held> held(String reservationId) {
    return Optional.ofNullable(reservations.get(reservationId));
  }

  int offerCount() {
    return offers.size();
  }

  int reservationCount() {
    return reservations.size();
  }

  List<OfferView> free() {
    return offers.values().stream().map(o -> o.free).toList();
  }

  List<String> reservationsOf(String podKey) {
    List<String> ids = byPod.get(podKey);
    return ids == null ? List.of() : List.copyOf(ids);
  }

  private void index(Reservation r) {
    byPod.computeIfAbsent(r.podKey(), k -> new ArrayList<>(1)).add(r.id());
  }

  private Held unindex(String reservationId) {
    Held h = reservations.remove(reservationId);
    if (h != null) {
      List<String> ids = byPod.get(h.reservation().podKey());
      if (ids != null && ids.remove(reservationId) && ids.isEmpty()) byPod.remove(h.reservation().podKey());
    }
    return h;
  }

  /**
   * Places the pod on the held offer it fits best ({@link FitOrder}: agents running our executor
   * first, then the offer with the least room that still takes the pod), reserving what it takes.
   */
  Optional<Reservation> place(String podKey, PodShape shape, ActorRef<OfferPool.Reply> pod, long nowNanos) {
    Optional<Reservation> r = place(podKey, shape, pod, true, nowNanos);
    return r.isPresent() ? r : place(podKey, shape, pod, false, nowNanos);
  }

  private Optional<Reservation> place(String podKey, PodShape shape, ActorRef<OfferPool.Reply> pod,
      boolean withExecutor, long nowNanos) {
    for (HeldOffer offer : order.candidates(withExecutor, shape.cpus())) {
      if (!OfferMatcher.fits(shape, offer.free, cost)) continue;
      if (OfferMatcher.place(shape, offer.free, cost) instanceof Placement.Fit fit) {
        Offer o = offer.original.offer();
        Reservation r = new Reservation("r" + (++next), podKey, o.getId(), o.getAgentId(), o.getHostname(),
            fit.taskResources(), fit.hostPorts(), OfferMatcher.executorResources(offer.original, cost));
        order.update(offer, fit.remaining()); // the loop ends here: the order may change
        if (offer.reservations.isEmpty()) offer.firstReservedNanos = nowNanos;
        offer.reservations.put(r.id(), null);
        reservations.put(r.id(), new Held(r, pod));
        index(r);
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  boolean committed(String reservationId) {
    return held(reservationId).flatMap(h -> offer(h.reservation().offerId().getValue()))
        .map(o -> o.reservations.get(reservationId) != null).orElse(false);
  }

  /** Records the task; returns the offer when this was its last open reservation (it may launch). */
  Optional<HeldOffer> commit(String reservationId, TaskInfo task) {
    Optional<HeldOffer> offer = held(reservationId).flatMap(h -> offer(h.reservation().offerId().getValue()));
    offer.ifPresent(o -> o.reservations.put(reservationId, task));
    return offer.filter(HeldOffer::allCommitted);
  }

  /** Gives the reservation's resources back; returns the offer if only committed reservations remain. */
  Optional<HeldOffer> release(String reservationId) {
    Held held = unindex(reservationId);
    HeldOffer offer = held == null ? null : offers.get(held.reservation().offerId().getValue());
    if (offer == null) return Optional.empty();
    offer.reservations.remove(reservationId);
    order.update(offer, offer.reservations.isEmpty() ? offer.original
        : OfferMatcher.giveBack(offer.free, held.reservation().resources()));
    return Optional.of(offer).filter(HeldOffer::allCommitted);
  }

  /** Removes an offer; returns the reservations that died with it. */
  List<Held> drop(String offerId) {
    HeldOffer offer = offers.remove(offerId);
    List<Held> lost = new ArrayList<>();
    if (offer != null) {
      order.remove(offer);
      offer.reservations.keySet().forEach(id -> Optional.ofNullable(unindex(id)).ifPresent(lost::add));
    }
    return lost;
  }

  /** Takes a complete offer out of the book as the one launch carrying every task committed on it. */
  Optional<Launch> take(String offerId) {
    HeldOffer offer = offers.get(offerId);
    if (offer == null || !offer.allCommitted()) return Optional.empty();
    List<String> ids = List.copyOf(offer.reservations.keySet());
    ids.forEach(this::unindex);
    offers.remove(offer.original.id());
    order.remove(offer);
    return Optional.of(new Launch(offer.original, List.copyOf(offer.reservations.values()), ids));
  }
}
