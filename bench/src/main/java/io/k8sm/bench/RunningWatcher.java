package io.k8sm.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Learns when each pod first shows {@code Running} by polling {@code GET /api/v1beta1/pods} on its
 * own thread. The API has no watch, so the list is the cheapest complete view; to keep the watch
 * from becoming the load, the next poll starts no sooner than {@code minGapMs} and no sooner than
 * the last poll took (the watcher then spends at most half of the server's list capacity).
 *
 * <p>A pod's Running time is the moment the poll that first showed it Running was answered: late by
 * at most one poll interval plus one list time, never early.
 */
public final class RunningWatcher implements AutoCloseable {
  private final Api api;
  private final long minGapMs;
  private final Map<String, Long> runningAt = new ConcurrentHashMap<>();
  private final Map<String, String> hostOf = new ConcurrentHashMap<>();
  private final AtomicLong polls = new AtomicLong();
  private final AtomicLong lastListNanos = new AtomicLong();
  private final AtomicLong lastListBytes = new AtomicLong();
  private volatile int listed;
  private volatile boolean stop;
  private final Thread thread;

  public RunningWatcher(Api api, long minGapMs) {
    this.api = api;
    this.minGapMs = minGapMs;
    this.thread = new Thread(this::loop, "running-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (!stop) {
      long start = System.nanoTime();
      try {
        Api.Listing l = api.list();
        long now = System.nanoTime();
        for (Api.PodState p : l.pods()) {
          if ("Running".equals(p.status())) {
            runningAt.putIfAbsent(p.id(), now);
            if (p.host() != null) hostOf.put(p.id(), p.host());
          }
        }
        listed = l.pods().size();
        lastListBytes.set(l.bytes());
        lastListNanos.set(now - start);
        polls.incrementAndGet();
        long tookMs = (now - start) / 1_000_000;
        Thread.sleep(Math.max(minGapMs, tookMs));
      } catch (InterruptedException e) {
        return;
      } catch (Exception e) {
        try {
          Thread.sleep(minGapMs);
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** nanoTime when the pod was first seen Running, or null. */
  public Long runningAt(String id) { return runningAt.get(id); }

  public int runningCount() { return runningAt.size(); }

  public int listedCount() { return listed; }

  public Map<String, String> hosts() { return hostOf; }

  public long polls() { return polls.get(); }

  public double lastListMs() { return lastListNanos.get() / 1e6; }

  public long lastListBytes() { return lastListBytes.get(); }

  /** Forget pods (deleted ones), so counts follow the live set. */
  public void forget(String id) {
    runningAt.remove(id);
    hostOf.remove(id);
  }

  @Override
  public void close() throws InterruptedException {
    stop = true;
    thread.interrupt();
    thread.join(5000);
  }
}
