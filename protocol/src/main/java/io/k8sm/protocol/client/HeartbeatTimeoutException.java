package io.k8sm.protocol.client;

import java.time.Duration;

/**
 * The subscription stream stayed silent (not even a HEARTBEAT) for the allowed number of
 * heartbeat intervals: the connection is presumed dead and the subscriber should resubscribe.
 */
public final class HeartbeatTimeoutException extends RuntimeException {
  private final Duration silence;

  public HeartbeatTimeoutException(String message, Duration silence) {
    super(message);
    this.silence = silence;
  }

  /** How long the stream had been silent when it was declared dead. */
  public Duration silence() {
    return silence;
  }
}
