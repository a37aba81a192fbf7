package io.k8sm.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The load shapes: closed-loop bulk requests ("as fast as the API takes them") and open-loop
 * arrivals whose send times are fixed before the run, so latency is measured from the intended
 * send time and a slow server cannot hide its queue (no coordinated omission).
 */
public final class Load {
  /** What the framework answers past its admission limit: load it shed, not a failure. */
  public static final int REFUSED = 429;
  public final AtomicInteger done = new AtomicInteger();
  public final AtomicInteger errors = new AtomicInteger();
  /** Answers {@link #REFUSED}; neither an error nor in {@link #latency()} (see {@link #refusedLatency()}). */
  public final AtomicInteger refused = new AtomicInteger();
  /** Failures by kind ("HTTP 500", an exception's class), so a collapse can be told from a refusal. */
  public final java.util.concurrent.ConcurrentHashMap<String, AtomicInteger> errorKinds =
      new java.util.concurrent.ConcurrentHashMap<>();

  private void failed(String kind) {
    errors.incrementAndGet();
    errorKinds.computeIfAbsent(kind, k -> new AtomicInteger()).incrementAndGet();
  }

  private static String kindOf(Throwable t) {
    Throwable c = t instanceof java.util.concurrent.CompletionException && t.getCause() != null ? t.getCause() : t;
    return c.getClass().getSimpleName();
  }
  private final Recorder latency = new Recorder(3);
  private final Recorder refusedLatency = new Recorder(3);
  private final AtomicLong lastDone = new AtomicLong();

  /** A request to make: returns the HTTP status. */
  public interface Call {
    int run(int index) throws Exception;
  }

  /** One timed event of an open-loop plan: at {@code atNanos} after the start, run {@code call}. */
  public record Planned(long atNanos, int index, boolean measured, AsyncCall call) {}

  /** Sends one request; null when there is nothing to send (the delete of a pod whose create was refused). */
  public interface AsyncCall {
    java.util.concurrent.CompletableFuture<Integer> run(int index);
  }

  /** Runs calls 0..n-1 from {@code clients} threads, each waiting for its answer. Returns when all are done. */
  public void closedLoop(int n, int clients, int okStatus, Call call) throws InterruptedException {
    closedLoopWhile(clients, okStatus, call, i -> i < n);
  }

  /** Closed loop for a fixed time instead of a fixed count; returns the number of calls made. */
  public int closedLoopFor(long nanos, int clients, int okStatus, Call call) throws InterruptedException {
    long end = System.nanoTime() + nanos;
    closedLoopWhile(clients, okStatus, call, i -> System.nanoTime() < end);
    return done.get();
  }

  /** Each of {@code clients} threads takes the next call number while {@code more} accepts it. */
  private void closedLoopWhile(int clients, int okStatus, Call call, java.util.function.IntPredicate more)
      throws InterruptedException {
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    for (int c = 0; c < clients; c++) {
      pool.execute(() -> {
        for (int i; more.test(i = next.getAndIncrement()); ) {
          long t0 = System.nanoTime();
          boolean no = false;
          try {
            int st = call.run(i);
            no = st == REFUSED;
            if (no) refused.incrementAndGet();
            else if (st != okStatus) failed("HTTP " + st);
          } catch (Exception e) {
            failed(kindOf(e));
          }
          long t1 = System.nanoTime();
          time(no, t1 - t0);
          lastDone.accumulateAndGet(t1, Math::max);
          done.incrementAndGet();
        }
      });
    }
    pool.shutdown();
    pool.awaitTermination(1, TimeUnit.HOURS);
  }

  /**
   * Fires every planned event at its time (from one thread, never waiting for answers). Measured
   * events record answer time minus intended time. Returns the intended start in nanoTime and
   * waits for every answer.
   */
  public long openLoop(List<Planned> plan, Map<Integer, Long> intendedOut) throws InterruptedException {
    long start = System.nanoTime() + 200_000_000L;
    List<java.util.concurrent.CompletableFuture<Integer>> pending = new ArrayList<>();
    for (Planned p : plan) {
      long at = start + p.atNanos();
      for (long now; (now = System.nanoTime()) < at; ) LockSupport.parkNanos(at - now);
      var call = p.call().run(p.index());
      if (call == null) continue;
      if (p.measured()) intendedOut.put(p.index(), at);
      pending.add(call.whenComplete((status, err) -> {
        long t = System.nanoTime();
        boolean no = err == null && status == REFUSED;
        if (err != null) failed(kindOf(err));
        else if (no) refused.incrementAndGet();
        else if (status >= 300) failed("HTTP " + status);
        if (p.measured()) time(no, t - at);
        lastDone.accumulateAndGet(t, Math::max);
        done.incrementAndGet();
      }));
    }
    for (var f : pending) {
      try {
        f.get(2, TimeUnit.MINUTES);
      } catch (Exception ignored) {
        // counted as an error above
      }
    }
    return start;
  }

  private void time(boolean refused, long nanos) {
    (refused ? refusedLatency : latency).recordValue(Math.max(1, nanos / 1000));
  }

  /** Latencies (microseconds) of the requests the server worked on (answered, failed or timed out). */
  public Histogram latency() {
    return latency.getIntervalHistogram();
  }

  /** Latencies (microseconds) of the refused ones: how fast the server said no. */
  public Histogram refusedLatency() {
    return refusedLatency.getIntervalHistogram();
  }

  public long lastDoneNanos() { return lastDone.get(); }

  public static Map<Integer, Long> newIntendedMap() { return java.util.Collections.synchronizedMap(new HashMap<>()); }
}
