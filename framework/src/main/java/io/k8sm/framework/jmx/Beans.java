package io.k8sm.framework.jmx;

import io.k8sm.framework.mesos.BridgeSnapshot;
import io.k8sm.framework.offers.OfferPoolSnapshot;
import java.time.Duration;
import java.time.Instant;

/**
 * The offer pool's and the bridge's MBeans (a pod's is {@link PodBean}). Each holds the latest immutable snapshot its actor published (a
 * volatile reference, written by one actor, read by JMX threads); nothing else is shared.
 */
final class Beans {
  private Beans() {}

  static final class Pool implements OfferPoolMXBean {
    volatile OfferPoolSnapshot snapshot = OfferPoolSnapshot.EMPTY;

    public int getOffersHeld() {
      return snapshot.offersHeld();
    }

    public int getReservations() {
      return snapshot.reservations();
    }

    public String[] getWaitingPods() {
      return snapshot.waiting().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toArray(String[]::new);
    }

    public long getLaunches() {
      return snapshot.launches();
    }

    public long getDeclines() {
      return snapshot.declines();
    }

    public long getRescinds() {
      return snapshot.rescinds();
    }

    public boolean isSuppressed() {
      return snapshot.suppressed();
    }
  }

  static final class Bridge implements MesosBridgeMXBean {
    volatile BridgeSnapshot snapshot = BridgeSnapshot.INITIAL;

    public boolean isConnected() {
      return snapshot.connected();
    }

    public String getMaster() {
      return snapshot.master();
    }

    public String getFrameworkId() {
      return snapshot.frameworkId();
    }

    public String getStreamId() {
      return snapshot.streamId();
    }

    public long getSecondsSinceLastHeartbeat() {
      return snapshot.lastEvent().map(t -> Duration.between(t, Instant.now()).toSeconds()).orElse(-1L);
    }

    public long getUpdatesAcknowledged() {
      return snapshot.updatesAcknowledged();
    }
  }
}
