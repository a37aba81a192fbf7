package io.k8sm.executor.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k8sm.protocol.pod.Probe;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LivenessTrackerTest {
  @Test
  void unsetFieldsTakeKubernetesDefaults() {
    var t = new LivenessTracker(Probe.getDefaultInstance(), Duration.ofSeconds(1));
    assertEquals(Duration.ZERO, t.initialDelay());
    assertEquals(Duration.ofSeconds(10), t.period());
    assertEquals(Duration.ofSeconds(1), t.timeout());
    assertEquals(3, t.threshold());
  }

  @Test
  void onlyConsecutiveFailuresUpToTheThresholdRestart() {
    var t = new LivenessTracker(Probe.newBuilder().setFailureThreshold(2).setPeriodSeconds(1)
        .setTimeoutSeconds(4).setInitialDelaySeconds(5).build(), Duration.ofSeconds(1));
    assertEquals(Duration.ofSeconds(5), t.initialDelay());
    assertEquals(Duration.ofSeconds(4), t.timeout());
    assertFalse(t.record(false));
    assertFalse(t.record(true), "a success resets the count");
    assertFalse(t.record(false));
    assertTrue(t.record(false));
    t.reset();
    assertEquals(0, t.failures());
  }
}
