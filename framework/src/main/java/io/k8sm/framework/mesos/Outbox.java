package io.k8sm.framework.mesos;

import io.k8sm.framework.pods.Backoff;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * The calls of one subscription on their way to the master: which to send now, which to send again
 * after a failure and when, which to give up and why. No I/O and no clock (the caller sends, times
 * and logs), confined to the {@link CallSender} that owns it; the tests drive it as a table.
 *
 * <p>Invariants:
 * <ul>
 *   <li>At most {@code maxInFlight} calls are in flight at once; the rest wait here, without bound,
 *       instead of overflowing the client's request pool (which is sized above this limit).</li>
 *   <li>A call leaves only by being delivered or through a {@link Drop} that says why: never
 *       silently.</li>
 *   <li>Calls go out in the order they were added, except that a call coming back from a retry goes
 *       ahead of those never sent.</li>
 *   <li>A failure is retried with capped exponential backoff per call when the master surely did not
 *       act on it ({@link CallFailure.Kind#UNDELIVERED}), or may have and the call is idempotent
 *       ({@link CallFailure.Kind#UNCERTAIN}, every type but ACCEPT: a repeated ACCEPT of a spent
 *       offer would drop the tasks it launched). A call the master refused is dropped; a stale
 *       subscription ends the whole outbox ({@link Resubscribe}).</li>
 *   <li>SUPPRESS and REVIVE set one switch, so only the newest counts: at most one is in flight (a
 *       later one waits for it, so they reach the master in order), a newer one replaces a waiting
 *       one, and an older one that failed is dropped rather than retried.</li>
 *   <li>It belongs to one subscription and is discarded whole with it: Mesos resends unacknowledged
 *       updates and offers declined resources again to the next subscription.</li>
 * </ul>
 */
public final class Outbox {
  /** A call as queued; {@code attempt} counts failed sends so far. */
  public record Entry(long id, Call call, int attempt) {
    Call.Type type() {
      return call.getType();
    }
  }

  /** What to do about a failed call. */
  public sealed interface Verdict permits Retry, Drop, Resubscribe {}

  /** Hand {@code entry} back through {@link #due} after {@code after}. */
  public record Retry(Entry entry, Duration after, String reason) implements Verdict {}

  public record Drop(Entry entry, String reason) implements Verdict {}

  /** The master no longer knows the subscription: nothing queued can succeed. */
  public record Resubscribe(String reason) implements Verdict {}

  private final int maxInFlight;
  private final Backoff backoff;
  private final ArrayDeque<Entry> queue = new ArrayDeque<>();
  private final Map<Long, Entry> inFlight = new HashMap<>();
  /** The newest SUPPRESS/REVIVE not yet sent. */
  private Entry mode;
  /** The newest SUPPRESS/REVIVE ever added: any other one is superseded. */
  private Entry lastMode;
  /** A SUPPRESS/REVIVE is in flight. */
  private boolean modeInFlight;
  private int waiting;
  private long nextId;

  public Outbox(int maxInFlight, Backoff backoff) {
    if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be positive, got " + maxInFlight);
    this.maxInFlight = maxInFlight;
    this.backoff = backoff;
  }

  /** Queues {@code call}; returns what it supersedes (a waiting SUPPRESS/REVIVE), if anything. */
  public Optional<Drop> add(Call call) {
    Entry e = new Entry(nextId++, call, 0);
    if (!isMode(call.getType())) {
      queue.addLast(e);
      return Optional.empty();
    }
    Optional<Drop> superseded = Optional.ofNullable(mode).map(old -> supersededBy(old, e));
    mode = e;
    lastMode = e;
    return superseded;
  }

  /** The calls to send now (possibly none); they count as in flight until delivered or failed. */
  public List<Entry> take() {
    List<Entry> out = new ArrayList<>();
    if (mode != null && !modeInFlight && inFlight.size() < maxInFlight) {
      out.add(start(mode));
      mode = null;
      modeInFlight = true;
    }
    while (!queue.isEmpty() && inFlight.size() < maxInFlight) {
      out.add(start(queue.pollFirst()));
    }
    return out;
  }

  /** The master took call {@code id}; returns it, or empty if it was not in flight. */
  public Optional<Entry> delivered(long id) {
    Entry e = inFlight.remove(id);
    if (e != null && isMode(e.type())) modeInFlight = false;
    return Optional.ofNullable(e);
  }

  /** Call {@code id} (in flight) failed for {@code why}: retry, drop, or give up on the subscription. */
  public Verdict failed(long id, CallFailure why) {
    Entry e = inFlight.remove(id);
    if (e == null) throw new IllegalStateException("call " + id + " is not in flight");
    if (why.kind() == CallFailure.Kind.STALE) {
      return new Resubscribe("the master no longer knows this subscription (" + why.reason() + ")");
    }
    if (isMode(e.type())) {
      modeInFlight = false;
      if (e.id() != lastMode.id()) return supersededBy(e, lastMode);
    }
    if (why.kind() == CallFailure.Kind.REJECTED) return new Drop(e, "refused by the master: " + why.reason());
    if (why.kind() == CallFailure.Kind.UNCERTAIN && e.type() == Call.Type.ACCEPT) {
      return new Drop(e, "may have reached the master, and an ACCEPT is never sent twice: " + why.reason());
    }
    waiting++;
    return new Retry(new Entry(e.id(), e.call(), e.attempt() + 1), backoff.delay(e.attempt()), why.reason());
  }

  /** A {@link Retry}'s wait is over: the call goes ahead of the others, unless a newer one superseded it. */
  public Optional<Drop> due(Entry e) {
    waiting--;
    if (isMode(e.type())) {
      if (e.id() != lastMode.id()) return Optional.of(supersededBy(e, lastMode));
      mode = e;
      return Optional.empty();
    }
    queue.addFirst(e);
    return Optional.empty();
  }

  /** Calls not yet sent (including a waiting SUPPRESS/REVIVE). */
  public int queued() {
    return queue.size() + (mode == null ? 0 : 1);
  }

  public int inFlight() {
    return inFlight.size();
  }

  /** Calls waiting out a retry delay. */
  public int waiting() {
    return waiting;
  }

  private Entry start(Entry e) {
    inFlight.put(e.id(), e);
    return e;
  }

  private static Drop supersededBy(Entry old, Entry newer) {
    return new Drop(old, old.type() + " superseded by a later " + newer.type());
  }

  private static boolean isMode(Call.Type type) {
    return type == Call.Type.SUPPRESS || type == Call.Type.REVIVE;
  }
}
