package io.k8sm.executor.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k8sm.executor.pod.ProbeTracker.Kind;
import io.k8sm.protocol.pod.Probe;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbeTrackerTest {
  @Test
  void unsetFieldsTakeKubernetesDefaults() {
    var t = new ProbeTracker(Probe.getDefaultInstance(), Duration.ofSeconds(1), Kind.LIVENESS);
    assertEquals(Duration.ZERO, t.initialDelay());
    assertEquals(Duration.ofSeconds(10), t.period());
    assertEquals(Duration.ofSeconds(1), t.timeout());
    assertEquals(3, t.threshold());
    assertEquals(1, t.successThreshold());
  }

  @Test
  void onlyConsecutiveLivenessFailuresUpToTheThresholdRestart() {
    var t = new ProbeTracker(Probe.newBuilder().setFailureThreshold(2).setPeriodSeconds(1)
        .setTimeoutSeconds(4).setInitialDelaySeconds(5).build(), Duration.ofSeconds(1), Kind.LIVENESS);
    assertEquals(Duration.ofSeconds(5), t.initialDelay());
    assertEquals(Duration.ofSeconds(4), t.timeout());
    assertTrue(t.passing(), "alive until proven otherwise");
    assertFalse(t.record(false));
    assertFalse(t.record(true), "a success resets the count");
    assertFalse(t.record(false));
    assertTrue(t.record(false));
    assertFalse(t.passing());
    t.reset();
    assertEquals(0, t.failures());
    assertTrue(t.passing());
  }

  @Test
  void readinessStartsNotReadyAndFollowsBothThresholds() {
    var t = new ProbeTracker(Probe.newBuilder().setFailureThreshold(2).setSuccessThreshold(2).build(),
        Duration.ofSeconds(1), Kind.READINESS);
    assertFalse(t.passing(), "not ready until the probe succeeds");
    assertFalse(t.record(true));
    assertTrue(t.record(true), "two successes in a row make it ready");
    assertFalse(t.record(false), "one failure is below the threshold");
    assertFalse(t.record(true));
    assertFalse(t.record(false));
    assertTrue(t.record(false), "two failures in a row make it unready");
    t.reset();
    assertFalse(t.passing());
  }

  @Test
  void livenessIgnoresTheSuccessThreshold() {
    var t = new ProbeTracker(Probe.newBuilder().setSuccessThreshold(5).setFailureThreshold(1).build(),
        Duration.ofSeconds(1), Kind.LIVENESS);
    assertEquals(1, t.successThreshold());
    assertTrue(t.record(false));
    assertTrue(t.record(true), "one success is alive again");
  }
}
