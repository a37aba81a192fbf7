package io.k8sm.executor.pod;

import io.k8sm.protocol.pod.Probe;
import java.time.Duration;

/**
 * Kubernetes' liveness-probe arithmetic for one container run, with the API's defaults for unset
 * fields (period 10 s, timeout from configuration, failure threshold 3): consecutive failures
 * count up, a success resets them, reaching the threshold means the container is restarted.
 */
final class LivenessTracker {
  private final Probe probe;
  private final Duration defaultTimeout;
  private int failures;

  LivenessTracker(Probe probe, Duration defaultTimeout) {
    this.probe = probe;
    this.defaultTimeout = defaultTimeout;
  }

  Duration initialDelay() {
    return Duration.ofSeconds(probe.getInitialDelaySeconds());
  }

  Duration period() {
    return Duration.ofSeconds(probe.getPeriodSeconds() > 0 ? probe.getPeriodSeconds() : 10);
  }

  Duration timeout() {
    return probe.getTimeoutSeconds() > 0 ? Duration.ofSeconds(probe.getTimeoutSeconds()) : defaultTimeout;
  }

  int threshold() {
    return probe.getFailureThreshold() > 0 ? probe.getFailureThreshold() : 3;
  }

  /** Records one outcome; true when the container has now failed its probe for good. */
  boolean record(boolean success) {
    failures = success ? 0 : failures + 1;
    return failures >= threshold();
  }

  int failures() {
    return failures;
  }

  /** A new run of the container starts with a clean count. */
  void reset() {
    failures = 0;
  }
}
