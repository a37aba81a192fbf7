package io.k8sm.framework.offers;

import java.math.BigDecimal;

/**
 * Fixed-point scalars: Mesos keeps three decimals, so every cpus/mem/disk amount is a long of
 * thousandths. Adding doubles would let float noise trip the master's "more than offered" check.
 */
public final class Scalars {
  private Scalars() {}

  public static long toMillis(double value) {
    return Math.round(value * 1000);
  }

  public static double toDouble(long millis) {
    return millis / 1000.0;
  }

  /** For messages: {@code 1500 -> "1.5"}, {@code 2000 -> "2"}. */
  public static String format(long millis) {
    return BigDecimal.valueOf(millis, 3).stripTrailingZeros().toPlainString();
  }

  /** Bytes to thousandths of a MB, rounded up so a pod never gets less than it asked for. */
  public static long bytesToMilliMb(long bytes) {
    return (bytes * 1000 + (1 << 20) - 1) >> 20;
  }
}
