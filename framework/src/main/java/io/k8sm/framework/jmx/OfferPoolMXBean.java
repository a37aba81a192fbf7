package io.k8sm.framework.jmx;

/** The offer pool: {@code io.k8sm:type=OfferPool}. */
public interface OfferPoolMXBean {
  int getOffersHeld();

  int getReservations();

  /** One entry per waiting pod: {@code namespace/name: reason}. */
  String[] getWaitingPods();

  long getLaunches();

  long getDeclines();

  long getRescinds();

  boolean isSuppressed();
}
