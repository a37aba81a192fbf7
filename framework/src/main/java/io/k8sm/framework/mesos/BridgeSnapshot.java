package io.k8sm.framework.mesos;

import java.time.Instant;
import java.util.Optional;

/** What the bridge publishes for operators (JMX) and start-up: connection, ids, liveness, acks. */
public record BridgeSnapshot(boolean connected, String master, String frameworkId, String streamId,
    Optional<Instant> lastEvent, long updatesAcknowledged, long subscriptions) {
  public static final BridgeSnapshot INITIAL = new BridgeSnapshot(false, "", "", "", Optional.empty(), 0, 0);
}
