package io.k8sm.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.k8sm.protocol.codec.Encoding;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scheduler-API settings read from application.conf, and the limits they must keep. */
class FrameworkSettingsTest {
  static FrameworkSettings read(Map<String, Object> overrides) {
    return FrameworkSettings.fromConfig(ConfigFactory.parseMap(overrides).withFallback(ConfigFactory.load()));
  }

  @Test
  void shipsProtobufAndABoundedNumberOfCallsInFlight() {
    FrameworkSettings.Mesos m = read(Map.of()).mesos();
    assertEquals(Encoding.PROTOBUF, m.encoding());
    assertEquals(16, m.callsInFlight());
    assertEquals(Encoding.JSON, read(Map.of("k8sm.framework.mesos.encoding", "json")).mesos().encoding());
  }

  @Test
  void refusesMoreCallsInFlightThanTheClientPoolTakes() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(Map.of(
        "k8sm.protocol.max-pending-calls", 8, "k8sm.framework.mesos.calls-in-flight", 16)));
    assertTrue(e.getMessage().contains("between 1 and k8sm.protocol.max-pending-calls (8), got 16"), e.getMessage());
  }

  @Test
  void refusesANegativeMutatingRequestLimit() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> read(Map.of(
        "k8sm.framework.api.max-mutating-requests-inflight", -1)));
    assertTrue(e.getMessage().contains("max-mutating-requests-inflight must be 0 (no limit) or more, got -1"),
        e.getMessage());
    assertEquals(0, read(Map.of("k8sm.framework.api.max-mutating-requests-inflight", 0)).api()
        .maxMutatingRequestsInflight());
  }
}
