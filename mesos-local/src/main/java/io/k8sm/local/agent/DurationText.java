package io.k8sm.local.agent;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;

/**
 * Writes a duration the way Mesos prints one ({@code 5secs}, {@code 15mins}, {@code 1.5secs}): the
 * largest unit the value reaches, then the value in that unit without trailing zeros. Executors
 * parse these from MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD and friends.
 */
final class DurationText {
  private static final String[] UNITS = {"weeks", "days", "hrs", "mins", "secs", "ms", "us", "ns"};
  private static final long[] NANOS = {
      604_800_000_000_000L, 86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L,
      1_000_000_000L, 1_000_000L, 1_000L, 1L};

  private DurationText() {}

  static String format(Duration duration) {
    long nanos = duration.toNanos();
    if (nanos < 0) {
      throw new IllegalArgumentException("negative duration " + duration);
    }
    for (int i = 0; i < UNITS.length; i++) {
      if (nanos >= NANOS[i] || i == UNITS.length - 1) {
        BigDecimal value = BigDecimal.valueOf(nanos)
            .divide(BigDecimal.valueOf(NANOS[i]), MathContext.DECIMAL64)
            .stripTrailingZeros();
        return value.toPlainString() + UNITS[i];
      }
    }
    throw new AssertionError("unreachable");
  }
}
