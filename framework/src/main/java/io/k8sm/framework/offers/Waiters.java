package io.k8sm.framework.offers;

import akka.actor.typed.ActorRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The pods waiting for resources, oldest first, each with the last reason it was told. Plain
 * state owned by the {@link OfferPool}; it sends the replies this class returns.
 *
 * <p>Invariant: insertion order is arrival order and a retry keeps its place, so placing in
 * iteration order is first-come-first-served and the oldest waiter never starves.
 */
final class Waiters {

  private record Waiter(PodShape shape, ActorRef<OfferPool.Reply> replyTo, String reason) {}

  /** A waiter that got a reservation (it has left the queue). */
  record Placed(Reservation reservation, ActorRef<OfferPool.Reply> pod) {}

  /** A waiter whose reason changed. */
  record Told(ActorRef<OfferPool.Reply> pod, String reason) {}

  private final Map<String, Waiter> waiting = new LinkedHashMap<>();

  boolean isEmpty() {
    return waiting.isEmpty();
  }

  boolean contains(String podKey) {
    return waiting.containsKey(podKey);
  }

  /** Queues the pod (a retry keeps its place) with the reason it is being told. */
  void wait(String podKey, PodShape shape, ActorRef<OfferPool.Reply> pod, String reason) {
    waiting.put(podKey, new Waiter(shape, pod, reason));
  }

  void remove(String podKey) {
    waiting.remove(podKey);
  }

  /** Oldest first, each onto the first held offer it fits. */
  List<Placed> placeAll(OfferBook book, long nowNanos) {
    List<Placed> placed = new ArrayList<>();
    if (book.offerCount() == 0) return placed;
    Iterator<Map.Entry<String, Waiter>> it = waiting.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<String, Waiter> e = it.next();
      Waiter w = e.getValue();
      book.place(e.getKey(), w.shape(), w.replyTo(), nowNanos).ifPresent(r -> {
        it.remove();
        placed.add(new Placed(r, w.replyTo()));
      });
    }
    return placed;
  }

  /** Recomputes every waiter's reason (once per distinct shape); returns those that changed. */
  List<Told> explain(Function<PodShape, String> why) {
    Map<PodShape, String> reasons = new HashMap<>();
    List<Told> told = new ArrayList<>();
    for (Map.Entry<String, Waiter> e : waiting.entrySet()) {
      Waiter w = e.getValue();
      String reason = reasons.computeIfAbsent(w.shape(), why);
      if (!reason.equals(w.reason()) && !w.reason().isEmpty()) {
        told.add(new Told(w.replyTo(), reason));
        e.setValue(new Waiter(w.shape(), w.replyTo(), reason));
      }
    }
    return told;
  }

  /** Pod key to its last reason, in arrival order (for the snapshot). */
  Map<String, String> reasons() {
    Map<String, String> out = new LinkedHashMap<>();
    waiting.forEach((k, v) -> out.put(k, v.reason()));
    return out;
  }
}
