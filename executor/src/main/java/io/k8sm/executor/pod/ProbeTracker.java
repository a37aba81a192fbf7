package io.k8sm.executor.pod;

import io.k8sm.protocol.pod.Probe;
import java.time.Duration;

/**
 * Kubernetes' probe arithmetic for one container run, with the API's defaults for unset fields
 * (period 10 s, timeout from configuration, failure threshold 3, success threshold 1). A liveness
 * probe starts passing and fails after {@code failureThreshold} consecutive failures (the container
 * is then restarted); a readiness probe starts failing (not ready until proven) and passes after
 * {@code successThreshold} consecutive successes. Liveness ignores the success threshold, as the
 * Kubernetes API demands it be 1 there.
 */
final class ProbeTracker {
  enum Kind { LIVENESS, READINESS }

  private final Probe probe;
  private final Duration defaultTimeout;
  private final Kind kind;
  private int failures;
  private int successes;
  private boolean passing;

  ProbeTracker(Probe probe, Duration defaultTimeout, Kind kind) {
    this.probe = probe;
    this.defaultTimeout = defaultTimeout;
    this.kind = kind;
    reset();
  }

  Kind kind() {
    return kind;
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

  int successThreshold() {
    return kind == Kind.LIVENESS || probe.getSuccessThreshold() == 0 ? 1 : probe.getSuccessThreshold();
  }

  /** Records one outcome; true when it flipped {@link #passing()}. */
  boolean record(boolean success) {
    boolean before = passing;
    failures = success ? 0 : failures + 1;
    successes = success ? successes + 1 : 0;
    if (failures >= threshold()) {
      passing = false;
    } else if (successes >= successThreshold()) {
      passing = true;
    }
    return passing != before;
  }

  boolean passing() {
    return passing;
  }

  int failures() {
    return failures;
  }

  /** A new run of the container starts with clean counts: alive, but not yet ready. */
  void reset() {
    failures = 0;
    successes = 0;
    passing = kind == Kind.LIVENESS;
  }
}
