package io.k8sm.executor.agent;

import java.time.Duration;
import java.util.Random;

/**
 * When the agent connection breaks (Mesos §6.5): without checkpointing the agent will not come
 * back for this executor, so it exits; with checkpointing it re-subscribes for up to the recovery
 * timeout, each wait uniformly random in [0, backoff max] (as Mesos's own executor library does)
 * and never past the deadline, then gives up.
 */
public final class ReconnectPolicy {
  private final boolean checkpoint;
  private final Duration recoveryTimeout;
  private final Duration backoffMax;
  private final Random random;

  public ReconnectPolicy(boolean checkpoint, Duration recoveryTimeout, Duration backoffMax, Random random) {
    this.checkpoint = checkpoint;
    this.recoveryTimeout = recoveryTimeout;
    this.backoffMax = backoffMax;
    this.random = random;
  }

  public sealed interface Decision {}

  public record RetryAfter(Duration delay) implements Decision {}

  public record GiveUp(String reason) implements Decision {}

  /** @param disconnectedFor time since the connection was lost (or since start, before the first one) */
  public Decision next(Duration disconnectedFor) {
    if (!checkpoint) {
      return new GiveUp("the agent connection is lost and checkpointing is off (MESOS_CHECKPOINT=0)");
    }
    Duration left = recoveryTimeout.minus(disconnectedFor);
    if (left.isNegative() || left.isZero()) {
      return new GiveUp("the agent did not come back within the recovery timeout of " + recoveryTimeout.toMillis() + " ms");
    }
    long max = Math.min(backoffMax.toMillis(), left.toMillis());
    return new RetryAfter(Duration.ofMillis(max <= 0 ? 0 : (long) (random.nextDouble() * max)));
  }
}
