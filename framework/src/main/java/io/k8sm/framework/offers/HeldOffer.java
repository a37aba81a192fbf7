package io.k8sm.framework.offers;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * The offer pool's bookkeeping for one offer: the offer as received, what is still free, and the
 * reservations on it (with the TaskInfo once committed). Owned by the pool actor alone.
 */
final class HeldOffer {
  final OfferView original;
  /** Arrival order among held offers (older first when two fit equally well). */
  final long seq;
  /** What is still free; changed only through {@link FitOrder#update}, which keeps the order right. */
  OfferView free;
  /** Reservation id -> its TaskInfo once committed, null until then. Insertion order = launch order. */
  final Map<String, TaskInfo> reservations = new LinkedHashMap<>();
  /** When the first of the current reservations was made (the clock is the pool's). */
  long firstReservedNanos;

  HeldOffer(OfferView original, long seq) {
    this.original = original;
    this.seq = seq;
    this.free = original;
  }

  boolean allCommitted() {
    return !reservations.isEmpty() && !reservations.containsValue(null);
  }
}
