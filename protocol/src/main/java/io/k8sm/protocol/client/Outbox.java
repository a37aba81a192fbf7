package io.k8sm.protocol.client;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * The calls of one subscription on their way to Mesos (the master for a scheduler, the agent for an
 * executor): which to send now, which to send again after a failure and when, which to give up and
 * why. No I/O and no clock (the caller sends, times and logs), confined to the one actor that owns
 * it (the framework's CallSender, the executor's AgentLink); the tests drive it as a table. What
 * differs between the two APIs comes from their {@link CallRules}.
 *
 * <p>Invariants:
 * <ul>
 *   <li>At most {@code maxInFlight} calls are in flight at once; the rest wait here, without bound,
 *       instead of overflowing the client's request pool (which is sized above this limit).</li>
 *   <li>A call leaves only by being delivered or through a {@link Drop} that says why: never
 *       silently.</li>
 *   <li>Calls go out in the order they were added, except that a call coming back from a retry goes
 *       ahead of those never sent.</li>
 *   <li>Each call is in flight at most once at a time: it is sent again only after its send failed.</li>
 *   <li>A failure is retried with the caller's per-call backoff when Mesos surely did not act on it
 *       ({@link CallFailure.Kind#UNDELIVERED}), or may have and the call is
 *       {@link CallRules#idempotent} ({@link CallFailure.Kind#UNCERTAIN}). A call Mesos refused is
 *       dropped; a stale subscription ends the whole outbox ({@link Resubscribe}).</li>
 *   <li>The calls that {@link CallRules#setsSwitch set the switch} count only as the newest: at most
 *       one is in flight (a later one waits for it, so they arrive in order), a newer one replaces
 *       a waiting one, and an older one that failed is dropped rather than retried.</li>
 *   <li>It belongs to one subscription and is discarded whole with it: what must survive goes into
 *       the next subscription some other way (the master resends unacknowledged updates and
 *       re-offers resources; the executor's SUBSCRIBE carries its unacknowledged updates).</li>
 * </ul>
 */
public final class Outbox<C> {
  /** A call as queued; {@code attempt} counts failed sends so far. */
  public record Entry<C>(long id, C call, int attempt) {}

  /** What to do about a failed call. */
  public sealed interface Verdict<C> permits Retry, Drop, Resubscribe {}

  /** Hand {@code entry} back through {@link #due} after {@code after}. */
  public record Retry<C>(Entry<C> entry, Duration after, String reason) implements Verdict<C> {}

  public record Drop<C>(Entry<C> entry, String reason) implements Verdict<C> {}

  /** Mesos no longer knows the subscription: nothing queued can succeed. */
  public record Resubscribe<C>(String reason) implements Verdict<C> {}

  private final int maxInFlight;
  private final IntFunction<Duration> backoff;
  private final CallRules<C> rules;
  private final ArrayDeque<Entry<C>> queue = new ArrayDeque<>();
  private final Map<Long, Entry<C>> inFlight = new HashMap<>();
  /** The newest switch call not yet sent. */
  private Entry<C> mode;
  /** The newest switch call ever added: any other one is superseded. */
  private Entry<C> lastMode;
  /** A switch call is in flight. */
  private boolean modeInFlight;
  private int waiting;
  private long nextId;

  /** {@code backoff} gives the wait before a call's next send from the number of its failed sends (0 first). */
  public Outbox(int maxInFlight, IntFunction<Duration> backoff, CallRules<C> rules) {
    if (maxInFlight < 1) throw new IllegalArgumentException("maxInFlight must be positive, got " + maxInFlight);
    this.maxInFlight = maxInFlight;
    this.backoff = backoff;
    this.rules = rules;
  }

  /** Queues {@code call}; returns what it supersedes (a waiting switch call), if anything. */
  public Optional<Drop<C>> add(C call) {
    Entry<C> e = new Entry<>(nextId++, call, 0);
    if (!rules.setsSwitch(call)) {
      queue.addLast(e);
      return Optional.empty();
    }
    Optional<Drop<C>> superseded = Optional.ofNullable(mode).map(old -> supersededBy(old, e));
    mode = e;
    lastMode = e;
    return superseded;
  }

  /** The calls to send now (possibly none); they count as in flight until delivered or failed. */
  public List<Entry<C>> take() {
    List<Entry<C>> out = new ArrayList<>();
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

  /** Mesos took call {@code id}; returns it, or empty if it was not in flight. */
  public Optional<Entry<C>> delivered(long id) {
    Entry<C> e = inFlight.remove(id);
    if (e != null && rules.setsSwitch(e.call())) modeInFlight = false;
    return Optional.ofNullable(e);
  }

  /** Call {@code id} (in flight) failed for {@code why}: retry, drop, or give up on the subscription. */
  public Verdict<C> failed(long id, CallFailure why) {
    Entry<C> e = inFlight.remove(id);
    if (e == null) throw new IllegalStateException("call " + id + " is not in flight");
    if (why.kind() == CallFailure.Kind.STALE) {
      return new Resubscribe<>("Mesos no longer knows this subscription (" + why.reason() + ")");
    }
    if (rules.setsSwitch(e.call())) {
      modeInFlight = false;
      if (e.id() != lastMode.id()) return supersededBy(e, lastMode);
    }
    if (why.kind() == CallFailure.Kind.REJECTED) return new Drop<>(e, "refused: " + why.reason());
    if (why.kind() == CallFailure.Kind.UNCERTAIN && !rules.idempotent(e.call())) {
      return new Drop<>(e, "may have arrived, and an " + rules.name(e.call()) + " is never sent twice: "
          + why.reason());
    }
    waiting++;
    return new Retry<>(new Entry<>(e.id(), e.call(), e.attempt() + 1), backoff.apply(e.attempt()), why.reason());
  }

  /** A {@link Retry}'s wait is over: the call goes ahead of the others, unless a newer one superseded it. */
  public Optional<Drop<C>> due(Entry<C> e) {
    waiting--;
    if (rules.setsSwitch(e.call())) {
      if (e.id() != lastMode.id()) return Optional.of(supersededBy(e, lastMode));
      mode = e;
      return Optional.empty();
    }
    queue.addFirst(e);
    return Optional.empty();
  }

  /** Calls not yet sent (including a waiting switch call). */
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

  private Entry<C> start(Entry<C> e) {
    inFlight.put(e.id(), e);
    return e;
  }

  private Drop<C> supersededBy(Entry<C> old, Entry<C> newer) {
    return new Drop<>(old, rules.name(old.call()) + " superseded by a later " + rules.name(newer.call()));
  }
}
