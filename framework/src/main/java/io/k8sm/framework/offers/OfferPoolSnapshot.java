package io.k8sm.framework.offers;

import java.util.Map;

/** What the offer pool publishes for operators (JMX): counts and the waiting pods with their reasons. */
public record OfferPoolSnapshot(int offersHeld, int reservations, Map<String, String> waiting, long launches,
    long declines, long rescinds, boolean suppressed) {
  public static final OfferPoolSnapshot EMPTY = new OfferPoolSnapshot(0, 0, Map.of(), 0, 0, 0, false);
}
