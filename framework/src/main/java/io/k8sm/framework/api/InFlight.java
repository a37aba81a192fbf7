package io.k8sm.framework.api;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the requests the API is working on and decides whether one more may start, as the
 * Kubernetes API server's {@code --max-mutating-requests-inflight} does. Under overload a request
 * refused at once (429, retry later) costs the client a round trip; one admitted into a queue that
 * cannot drain costs it a timeout, and the server the work of requests nobody waits for any more.
 *
 * <p>Called on the HTTP threads: one atomic counter, no actor, no lock. A request enters with
 * {@link #tryEnter()} and, when admitted, leaves with {@link Permit#release()} once its response is
 * produced, whatever the outcome. Invariant: at most {@code limit} permits are open at once (any
 * number when the limit is 0), and a permit released twice counts once.
 */
public final class InFlight {

  /** Whether a request may start now. */
  public sealed interface Decision {}

  /** Start it; release the permit once its response is produced. */
  public record Admitted(Permit permit) implements Decision {}

  /** Do not start it; {@code reason} says why, for the client. */
  public record Refused(String reason) implements Decision {}

  private final String what;
  private final int limit;
  private final AtomicInteger open = new AtomicInteger();

  /**
   * @param what   the requests counted, in words ("mutating requests")
   * @param limit  at most this many at once; 0 means no limit
   */
  public InFlight(String what, int limit) {
    if (limit < 0) {
      throw new IllegalArgumentException("the limit of " + what + " in flight must be 0 (none) or more, got " + limit);
    }
    this.what = what;
    this.limit = limit;
  }

  public Decision tryEnter() {
    for (int now = open.get(); limit == 0 || now < limit; now = open.get()) {
      if (open.compareAndSet(now, now + 1)) {
        return new Admitted(new Permit());
      }
    }
    return new Refused("the server is busy: " + limit + " " + what + " are in progress, the most it takes at once;"
        + " try again later");
  }

  /** Requests admitted and not yet released. */
  public int inFlight() {
    return open.get();
  }

  public int limit() {
    return limit;
  }

  /** One admitted request's place; giving it back twice is harmless. */
  public final class Permit {
    private final AtomicBoolean held = new AtomicBoolean(true);

    private Permit() {}

    public void release() {
      if (held.compareAndSet(true, false)) {
        open.decrementAndGet();
      }
    }
  }
}
