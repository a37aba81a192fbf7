package io.k8sm.protocol;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Mesos duration strings, as agents pass them to executors (e.g. MESOS_EXECUTOR_SHUTDOWN_GRACE_PERIOD):
 * a non-negative decimal number directly followed by one unit of ns, us, ms, secs, mins, hrs, days,
 * weeks ({@code 2secs}, {@code 15mins}, {@code 1.5secs}). Formatting mirrors Mesos: the largest unit
 * not bigger than the value, with as many decimals as needed ({@code 90s -> 1.5mins}).
 */
public final class MesosDuration {
  /** Units from largest to smallest, with their length in nanoseconds. */
  private enum Unit {
    WEEKS("weeks", 7L * 24 * 3600 * 1_000_000_000L),
    DAYS("days", 24L * 3600 * 1_000_000_000L),
    HRS("hrs", 3600L * 1_000_000_000L),
    MINS("mins", 60L * 1_000_000_000L),
    SECS("secs", 1_000_000_000L),
    MS("ms", 1_000_000L),
    US("us", 1_000L),
    NS("ns", 1L);

    final String symbol;
    final BigInteger nanos;

    Unit(String symbol, long nanos) {
      this.symbol = symbol;
      this.nanos = BigInteger.valueOf(nanos);
    }
  }

  private static final String UNITS = "ns, us, ms, secs, mins, hrs, days, weeks";
  private static final Pattern SYNTAX = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)([a-z]+)");
  /** Mesos prints doubles with 15 significant digits (e.g. 10 days is 1.42857142857143weeks). */
  private static final MathContext DIGITS = new MathContext(15, RoundingMode.HALF_EVEN);
  private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);

  private MesosDuration() {}

  /** Parses a Mesos duration; rounds to whole nanoseconds. */
  public static Duration parse(String text) {
    if (text == null) {
      throw invalid("null", "no value");
    }
    Matcher m = SYNTAX.matcher(text.trim());
    if (!m.matches()) {
      throw invalid(text, "expected a non-negative number followed by a unit");
    }
    Unit unit = null;
    for (Unit u : Unit.values()) {
      if (u.symbol.equals(m.group(2))) {
        unit = u;
      }
    }
    if (unit == null) {
      throw invalid(text, "unknown unit '" + m.group(2) + "'");
    }
    BigInteger nanos = new BigDecimal(m.group(1)).multiply(new BigDecimal(unit.nanos))
        .setScale(0, RoundingMode.HALF_UP).toBigIntegerExact();
    BigInteger[] secondsAndNanos = nanos.divideAndRemainder(NANOS_PER_SECOND);
    try {
      return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValue());
    } catch (ArithmeticException e) {
      throw invalid(text, "too large");
    }
  }

  /** Formats a non-negative duration the way Mesos prints one. */
  public static String format(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("Mesos durations cannot be negative: " + duration);
    }
    BigInteger nanos = BigInteger.valueOf(duration.getSeconds()).multiply(NANOS_PER_SECOND)
        .add(BigInteger.valueOf(duration.getNano()));
    Unit unit = Unit.NS;
    for (Unit u : Unit.values()) {
      if (nanos.compareTo(u.nanos) >= 0) {
        unit = u;
        break;
      }
    }
    BigDecimal value = new BigDecimal(nanos).divide(new BigDecimal(unit.nanos), DIGITS).stripTrailingZeros();
    return value.toPlainString() + unit.symbol;
  }

  private static IllegalArgumentException invalid(String text, String reason) {
    return new IllegalArgumentException(
        "invalid Mesos duration '" + text + "': " + reason + " (units: " + UNITS + "; e.g. 2secs, 1.5mins)");
  }
}
