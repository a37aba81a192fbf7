package io.k8sm.framework.mesos;

import java.time.Instant;
import java.util.Optional;

/** What the bridge publishes for operators (JMX) and start-up: connection, ids, liveness, acks. */
public record BridgeSnapshot(boolean connected, String master, String frameworkId, String streamId,
    Optional<Instant> lastEvent, long updatesAcknowledged, long subscriptions) {
  public static final BridgeSnapshot INITIAL = new BridgeSnapshot(false, "", "", "", Optional.empty(), 0, 0);

  /** Connected or not, with the time of the last event. */
  BridgeSnapshot with(boolean isConnected, Optional<Instant> last) {
    return new BridgeSnapshot(isConnected, master, frameworkId, streamId, last, updatesAcknowledged, subscriptions);
  }

  /** A new subscription registered as {@code id} on {@code at}. */
  BridgeSnapshot registered(String at, String id, String stream, Instant now) {
    return new BridgeSnapshot(true, at, id, stream, Optional.of(now), updatesAcknowledged, subscriptions + 1);
  }

  /** One more ACKNOWLEDGE reached the master. */
  BridgeSnapshot acknowledged() {
    return new BridgeSnapshot(connected, master, frameworkId, streamId, lastEvent, updatesAcknowledged + 1,
        subscriptions);
  }
}
