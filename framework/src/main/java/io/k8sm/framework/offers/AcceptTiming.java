package io.k8sm.framework.offers;

import java.time.Duration;

/**
 * When an offer whose reservations are all committed goes out in its ACCEPT. Pure.
 *
 * <p>An ACCEPT consumes the whole offer: what it leaves unused goes back to Mesos and comes back,
 * if at all, in a later offer. Sending it the moment the first pod commits would therefore spread
 * a burst of pods over one agent each. So an offer that still has room for another pod like the
 * last one asked for lingers while pods keep arriving: it goes out once it is full, once no pod has
 * asked for {@code linger}, or once its first reservation is {@code maxLinger} old, whichever
 * comes first. A zero linger sends every complete offer at once.
 *
 * @param linger    how long without a new request ends the wait
 * @param maxLinger the longest any pod on the offer waits for company
 */
public record AcceptTiming(Duration linger, Duration maxLinger) {

  public static final AcceptTiming IMMEDIATE = new AcceptTiming(Duration.ZERO, Duration.ZERO);

  public AcceptTiming {
    if (linger.isNegative() || maxLinger.isNegative()) {
      throw new IllegalArgumentException("accept linger must not be negative: " + linger + ", " + maxLinger);
    }
  }

  public sealed interface Decision {}

  /** Send the ACCEPT now, and why. */
  public record Now(String why) implements Decision {}

  /** Ask again after {@code in}: a pod may still join the offer. */
  public record Later(Duration in) implements Decision {}

  /**
   * @param roomForAnother    the offer's free part still fits a pod shaped like the last request
   * @param nowNanos          the current time (any monotonic origin, the same for all three)
   * @param lastRequestNanos  when a pod last asked for resources
   * @param firstReservedNanos when the offer's first current reservation was made
   */
  public Decision decide(boolean roomForAnother, long nowNanos, long lastRequestNanos, long firstReservedNanos) {
    if (linger.isZero()) return new Now("accepts are not delayed");
    if (!roomForAnother) return new Now("the offer has no room for another pod");
    long quiet = nowNanos - lastRequestNanos;
    if (quiet >= linger.toNanos()) return new Now("no pod asked for resources for " + linger.toMillis() + " ms");
    long held = nowNanos - firstReservedNanos;
    if (held >= maxLinger.toNanos()) return new Now("its first pod has waited " + maxLinger.toMillis() + " ms");
    return new Later(Duration.ofNanos(Math.min(linger.toNanos() - quiet, maxLinger.toNanos() - held)));
  }
}
