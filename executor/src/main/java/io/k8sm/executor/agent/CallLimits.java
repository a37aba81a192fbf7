package io.k8sm.executor.agent;

import com.typesafe.config.Config;
import io.k8sm.executor.ExecutorSettings;
import java.time.Duration;

/**
 * How the {@link AgentLink} hands its calls to the agent (application.conf, {@code k8sm.executor}):
 * at most {@code inFlight} at once, never more than the client's request pool takes
 * ({@code k8sm.protocol.max-pending-calls}), the rest queued; a failed one sent again after
 * {@code retryMin}, doubling up to {@code retryMax}.
 */
public record CallLimits(int inFlight, Duration retryMin, Duration retryMax) {
  public CallLimits {
    if (inFlight < 1) throw new IllegalArgumentException("calls-in-flight must be positive, got " + inFlight);
  }

  public static CallLimits fromConfig(Config root) {
    int pool = root.getInt("k8sm.protocol.max-pending-calls");
    int n = root.getInt("k8sm.executor.calls-in-flight");
    if (n < 1 || n > pool) {
      throw new IllegalArgumentException("k8sm.executor.calls-in-flight must be between 1 and"
          + " k8sm.protocol.max-pending-calls (" + pool + "), got " + n);
    }
    return new CallLimits(n, root.getDuration("k8sm.executor.call-retry-min"),
        root.getDuration("k8sm.executor.call-retry-max"));
  }

  /** The wait before a call's next send after {@code failures} failed sends (0 for the first retry). */
  Duration retryAfter(int failures) {
    return new ExecutorSettings.Backoff(retryMin, retryMax).delay(failures);
  }
}
