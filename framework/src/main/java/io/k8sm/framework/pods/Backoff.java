package io.k8sm.framework.pods;

import java.time.Duration;

/** Capped exponential backoff: {@code min * 2^attempt}, never above {@code max}. */
public record Backoff(Duration min, Duration max) {
  public Duration delay(int attempt) {
    long millis = min.toMillis() << Math.min(Math.max(attempt, 0), 30);
    return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
  }
}
