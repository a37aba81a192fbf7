package io.k8sm.framework.offers;

import java.util.TreeMap;

/**
 * The held offers in the order a pod should try them: best fit. Offers from agents that already
 * run our executor come first (the executor is paid for there), and within each group the offer
 * with the least free cpus (then mem) that still fits wins, ties going to the older offer.
 *
 * <p>Why best fit and not arrival order: an ACCEPT takes its whole offer, and what it leaves comes
 * back about one allocation later as a smaller offer. In arrival order the next pods go to fresh
 * agents meanwhile, so a burst spreads over many half-used agents. Preferring the fullest offer
 * that fits sends them to the returned leftovers first, which packs a burst onto as few agents as
 * its arrival allows. The index keeps a placement at O(log n) plus the offers too small to fit.
 */
final class FitOrder {

  /** The sort key of one held offer; it changes whenever what is free on the offer changes. */
  private record Key(boolean executorRunning, long cpus, long mem, long seq) implements Comparable<Key> {
    public int compareTo(Key o) {
      if (executorRunning != o.executorRunning) return executorRunning ? -1 : 1;
      int c = Long.compare(cpus, o.cpus);
      if (c == 0) c = Long.compare(mem, o.mem);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final TreeMap<Key, HeldOffer> order = new TreeMap<>();

  /** The offer's place, read off what is free on it (which only {@link #update} changes). */
  private static Key key(HeldOffer offer) {
    return new Key(offer.free.executorRunning(), offer.free.total("cpus"), offer.free.total("mem"), offer.seq);
  }

  void add(HeldOffer offer) {
    order.put(key(offer), offer);
  }

  void remove(HeldOffer offer) {
    order.remove(key(offer), offer);
  }

  /** Sets what is free on a held offer, keeping its place in the order right. */
  void update(HeldOffer offer, OfferView free) {
    remove(offer);
    offer.free = free;
    add(offer);
  }

  /**
   * The offers worth trying for a pod needing {@code cpus} (thousandths) in one group, best fit
   * first: those with fewer free cpus are skipped without a look.
   */
  Iterable<HeldOffer> candidates(boolean executorRunning, long cpus) {
    Key from = new Key(executorRunning, cpus, Long.MIN_VALUE, Long.MIN_VALUE);
    Key to = new Key(executorRunning, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
    return order.subMap(from, true, to, true).values();
  }
}
