package io.k8sm.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The issue's scenarios. Each starts its own cluster (mesos-local + framework processes), measures
 * through the REST API, stops the cluster and returns its {@link Result}s. Shortened runs come from
 * the options (--pods, --duration, --agents); the result's params say what actually ran.
 */
public final class Scenarios {
  static final double AGENT_CPUS = 4, POD_CPUS = 0.1, EXECUTOR_CPUS = 0.1;
  /** What {@code all} runs, in order: the longest (M1) last. */
  static final List<String> ALL = List.of("P1", "P2", "P3", "R1", "A1", "A2", "M1");
  private final Options o;
  private final List<Map<String, Object>> stamps = new ArrayList<>();

  public Scenarios(Options o) {
    this.o = o;
  }

  public List<Map<String, Object>> stamps() { return stamps; }

  /** What `bin/bench SCENARIO` runs. */
  public List<Result> run(String id) throws Exception {
    List<Result> out = runUnstamped(id);
    for (Result r : out) r.stamp(stamps.get(stamps.size() - 1));
    return out;
  }

  private List<Result> runUnstamped(String id) throws Exception {
    return switch (id) {
      case "smoke" -> List.of(smoke());
      case "P1" -> o.agents() > 0 ? List.of(p1(o.agents())) : List.of(p1(1000), p1(5000));
      case "P2" -> List.of(p2());
      case "P3" -> List.of(p3());
      case "R1" -> List.of(r1());
      case "M1" -> m1();
      case "A1" -> List.of(a1());
      case "A2" -> List.of(a2());
      default -> throw new IllegalArgumentException("unknown scenario " + id);
    };
  }

  private Cluster cluster(String id, int agents, int delayMs) throws Exception {
    Instant now = Instant.now();
    Path dir = o.resultsDir().resolve("runs").resolve(id + "-" + now.toString().replace(':', '-'));
    Files.createDirectories(dir);
    Map<String, Object> stamp = Machine.stamp(o, agents, now);
    stamp.put("start_delay_ms", delayMs);
    stamps.add(stamp);
    Cluster c = new Cluster(o, dir);
    try {
      c.startMesos(agents, delayMs);
      return c;
    } catch (Exception e) {
      c.close();
      throw e;
    }
  }

  /** Starts the framework and waits until it has seen every agent in an offer. */
  private Api frameworkUp(Cluster c, int agents) throws Exception {
    Api api = new Api(c.apiUrl());
    c.startFramework(api);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (api.minionCount() < agents && System.nanoTime() < deadline) Thread.sleep(200);
    return api;
  }

  /** Bulk create (closed loop) and wait until all are Running; fills the common rows. */
  private long createAndAwait(Api api, RunningWatcher w, String prefix, int from, int n, Result r, long timeoutS)
      throws Exception {
    Load load = new Load();
    long t0 = System.nanoTime();
    try (Progress p = new Progress(r.scenario(), () -> "posted " + load.done.get() + "/" + n + ", running "
        + w.runningCount() + ", list " + String.format("%.0f ms", w.lastListMs()))) {
      load.closedLoop(n, o.concurrency(), 201, i -> api.post(PodJson.of(prefix + (from + i), from + i)));
      long posted = System.nanoTime();
      r.value("POST phase rate", n / secs(posted - t0), String.format("%.0f pods/s", n / secs(posted - t0)));
      Histogram h = load.latency();
      r.histogram("post_latency", h);
      r.value("POST p99 (closed loop)", h.getValueAtPercentile(99), Result.ms(h, 99));
      if (load.errors.get() > 0) r.note(load.errors.get() + " POSTs failed: " + load.errorKinds);
      if (load.refused.get() > 0) r.note(load.refused.get() + " POSTs refused (429): more clients than the API admits");
      long deadline = t0 + TimeUnit.SECONDS.toNanos(timeoutS);
      while (w.runningCount() < from + n && System.nanoTime() < deadline) Thread.sleep(20);
    }
    return t0;
  }

  Result smoke() throws Exception {
    int agents = o.agentsOr(50), n = o.podsOr(200);
    Result r = new Result("smoke").param("agents", agents).param("pods", n);
    try (Cluster c = cluster("smoke", agents, o.startDelayOr(0))) {
      Api api = frameworkUp(c, agents);
      try (RunningWatcher w = new RunningWatcher(api, 100)) {
        long t0 = createAndAwait(api, w, "smoke-", 0, n, r, 60);
        r.value("running", w.runningCount(), w.runningCount() + " of " + n);
        r.value("time to all Running", secs(System.nanoTime() - t0), String.format("%.2f s", secs(System.nanoTime() - t0)));
        Placement.report(r, w.hosts().values(), agents, AGENT_CPUS, POD_CPUS, EXECUTOR_CPUS);
        Load gets = new Load();
        gets.closedLoop(n, 4, 200, i -> api.get("smoke-" + i));
        r.histogram("get_latency", gets.latency());
        Load dels = new Load();
        dels.closedLoop(n, 4, 200, i -> api.deleteAsync("smoke-" + i).get());
        r.value("delete errors", dels.errors.get(), Integer.toString(dels.errors.get()));
      }
    }
    return r;
  }

  Result p1(int agents) throws Exception {
    int n = o.podsOr(10_000);
    Result r = new Result("P1").param("agents", agents).param("pods", n).param("concurrency", o.concurrency());
    try (Cluster c = cluster("P1-" + agents, agents, o.startDelayOr(0))) {
      r.stamp(stamps.get(stamps.size() - 1));
      Api api = frameworkUp(c, agents);
      try (RunningWatcher w = new RunningWatcher(api, 1000)) {
        long t0 = createAndAwait(api, w, "p1-", 0, n, r, 600);
        double s = secs(System.nanoTime() - t0);
        r.goal("pods Running", w.runningCount(), w.runningCount() + " of " + n, "all", w.runningCount() == n);
        double rate = w.runningCount() / s;
        double goal = agents >= 5000 ? 600 : 1000;
        r.goal("throughput @" + agents + " agents", rate, String.format("%.0f pods/s (%.1f s)", rate, s),
            String.format(">= %.0f pods/s", goal), rate >= goal);
        r.value("list polls / last list", w.polls(), w.polls() + " / " + String.format("%.0f ms, %d KB",
            w.lastListMs(), w.lastListBytes() / 1024));
        Placement.report(r, w.hosts().values(), agents, AGENT_CPUS, POD_CPUS, EXECUTOR_CPUS);
      }
    }
    return r;
  }

  Result p2() throws Exception {
    int agents = o.agentsOr(100), n = o.podsOr(3000);
    Result r = new Result("P2").param("agents", agents).param("pods", n).param("concurrency", o.concurrency());
    try (Cluster c = cluster("P2", agents, o.startDelayOr(0))) {
      Api api = frameworkUp(c, agents);
      try (RunningWatcher w = new RunningWatcher(api, 100)) {
        long t0 = createAndAwait(api, w, "p2-", 0, n, r, 120);
        double s = secs(System.nanoTime() - t0);
        r.goal("all Running after", s, String.format("%.2f s (%d of %d)", s, w.runningCount(), n), "<= 6 s",
            w.runningCount() == n && s <= 6);
        Placement.report(r, w.hosts().values(), agents, AGENT_CPUS, POD_CPUS, EXECUTOR_CPUS);
      }
    }
    return r;
  }

  Result p3() throws Exception {
    int agents = o.agentsOr(1000), seconds = o.durationOr(300);
    double rate = o.rateOr(20);
    int delay = o.startDelayOr(568), lifetimeS = 10;
    int n = (int) (rate * seconds);
    Result r = new Result("P3").param("agents", agents).param("rate", rate).param("duration_s", seconds)
        .param("start_delay_ms", delay).param("pod_lifetime_s", lifetimeS);
    try (Cluster c = cluster("P3", agents, delay)) {
      Api api = frameworkUp(c, agents);
      List<Load.Planned> plan = new ArrayList<>();
      long gap = (long) (1e9 / rate);
      // A refused create is answered at once, long before its delete is due; that delete is not sent.
      java.util.Set<Integer> refused = java.util.concurrent.ConcurrentHashMap.newKeySet();
      for (int i = 0; i < n; i++) {
        plan.add(new Load.Planned(i * gap, i, true, k -> api.postAsync(PodJson.of("p3-" + k, k))
            .whenComplete((st, e) -> { if (st != null && st == Load.REFUSED) refused.add(k); })));
        if (i * gap + lifetimeS * 1_000_000_000L < n * gap) {
          plan.add(new Load.Planned(i * gap + lifetimeS * 1_000_000_000L, i, false,
              k -> refused.contains(k) ? null : api.deleteAsync("p3-" + k)));
        }
      }
      plan.sort((a, b) -> Long.compare(a.atNanos(), b.atNanos()));
      Load load = new Load();
      Map<Integer, Long> intended = Load.newIntendedMap();
      Histogram toRunning = Result.newHistogram();
      int[] missed = {0};
      try (RunningWatcher w = new RunningWatcher(api, 50);
           Progress p = new Progress("P3", () -> "requests " + load.done.get() + "/" + plan.size() + ", seen Running "
               + w.runningCount() + ", list " + String.format("%.0f ms", w.lastListMs()))) {
        load.openLoop(plan, intended);
        Thread.sleep(3000);
        for (int i = 0; i < n; i++) {
          if (refused.contains(i)) continue;
          Long at = w.runningAt("p3-" + i);
          Long sent = intended.get(i);
          if (at == null || sent == null) missed[0]++;
          else toRunning.recordValue(Math.max(1, (at - sent) / 1000));
        }
        r.histogram("post_to_running", toRunning);
        r.histogram("request_latency", load.latency());
        r.goal("p99 POST->Running", toRunning.getValueAtPercentile(99), Result.ms(toRunning, 99), "<= 1000 ms",
            toRunning.getValueAtPercentile(99) <= 1_000_000);
        r.value("p50 POST->Running", toRunning.getValueAtPercentile(50), Result.ms(toRunning, 50));
        r.value("never seen Running", missed[0], missed[0] + " of " + (n - refused.size()) + " admitted");
        r.value("refused (429)", load.refused.get(), load.refused.get() + " (" + refused.size() + " of " + n
            + " creates)");
        r.value("request errors", load.errors.get(), load.errors.get() + " " + load.errorKinds);
        r.note("Running seen by polling the list every >= 50 ms: latencies are late by up to one poll gap + one list");
      }
    }
    return r;
  }

  Result r1() throws Exception {
    int agents = o.agentsOr(1000), n = o.podsOr(10_000);
    Result r = new Result("R1").param("agents", agents).param("pods", n);
    try (Cluster c = cluster("R1", agents, o.startDelayOr(0))) {
      Api api = frameworkUp(c, agents);
      try (RunningWatcher w = new RunningWatcher(api, 1000)) {
        createAndAwait(api, w, "r1-", 0, n, r, 600);
      }
      r.value("Running before the kill", n, n + " (awaited in the list)");
      c.killFramework();
      long t0 = System.nanoTime();
      c.startFramework(api);
      double up = secs(System.nanoTime() - t0);
      r.value("API answering after restart", up, String.format("%.2f s", up));
      // The bridge logs the start of a reconciliation round as it sends the explicit RECONCILE;
      // watched beside the listing below (seen late by at most one 25 ms poll, never early).
      java.util.concurrent.CompletableFuture<Double> reconciled = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
        try {
          return c.awaitFrameworkLog("reconciling", java.time.Duration.ofSeconds(30)) ? secs(System.nanoTime() - t0) : -1;
        } catch (Exception e) {
          return -1.0;
        }
      });
      int listed = 0;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (System.nanoTime() < deadline) {
        listed = api.list().pods().size();
        if (listed >= n) break;
        Thread.sleep(250);
      }
      double back = secs(System.nanoTime() - t0);
      r.goal("pods back in the API", listed, listed + " of " + n + (listed >= n ? String.format(" after %.2f s", back)
          : " after 20 s"), "all within 10 s", listed >= n && back <= 10);
      if (listed < n) r.note((n - listed) + " pods missing from the API after the restart");
      double rec = reconciled.get();
      r.goal("reconciliation sent", rec, rec >= 0 ? String.format("%.2f s after the kill", rec) : "not within 30 s",
          "within 10 s", rec >= 0 && rec <= 10);
    }
    return r;
  }

  List<Result> m1() throws Exception {
    int agents = o.agentsOr(3000);
    int big = o.podsOr(100_000), small = Math.min(10_000, big);
    List<Result> out = new ArrayList<>();
    try (Cluster c = cluster("M1", agents, o.startDelayOr(0))) {
      Api api = frameworkUp(c, agents);
      long base = Machine.heapAfterFullGc(c.frameworkPid());
      try (RunningWatcher w = new RunningWatcher(api, 1000)) {
        int have = 0;
        for (int target : big > small ? List.of(small, big) : List.of(small)) {
          Result r = new Result("M1").param("agents", agents).param("pods", target);
          createAndAwait(api, w, "m1-", have, target - have, r, 900);
          have = target;
          // Acknowledgements still queued in the framework's Mesos client would count as pod
          // memory: let them drain before measuring.
          Thread.sleep(20_000);
          long heap = Machine.heapAfterFullGc(c.frameworkPid());
          // What the heap holds, for the profile section of the report.
          Files.writeString(c.runDir().resolve("class-histogram-" + target + ".txt"),
              Machine.run(c.runDir(), List.of("jcmd", Long.toString(c.frameworkPid()), "GC.class_histogram")));
          double perPod = (heap - base) / (double) target;
          r.value("pods Running", w.runningCount(), w.runningCount() + " of " + target);
          r.value("heap after full GC", heap, String.format("%.1f MB (empty: %.1f MB)", heap / 1e6, base / 1e6));
          r.goal("heap per pod @" + target, perPod, String.format("%.2f KB", perPod / 1024), "<= 5 KB",
              perPod <= 5 * 1024);
          out.add(r);
        }
      }
    }
    return out;
  }

  Result a1() throws Exception {
    int agents = o.agentsOr(1000), n = o.podsOr(10_000), seconds = o.durationOr(20);
    Result r = new Result("A1").param("agents", agents).param("pods", n).param("duration_s", seconds)
        .param("clients", o.concurrency());
    try (Cluster c = cluster("A1", agents, o.startDelayOr(0))) {
      Api api = frameworkUp(c, agents);
      try (RunningWatcher w = new RunningWatcher(api, 500)) {
        createAndAwait(api, w, "a1-", 0, n, r, 600);
      }
      Load gets = new Load();
      try (Progress p = new Progress("A1", () -> "GET one: " + gets.done.get())) {
        gets.closedLoopFor(TimeUnit.SECONDS.toNanos(seconds), o.concurrency(), 200,
            i -> api.get("a1-" + Math.floorMod(i * 7919L, n)));
      }
      Histogram one = gets.latency();
      double rate = gets.done.get() / (double) seconds;
      r.histogram("get_one", one);
      r.goal("GET one pod rate", rate, String.format("%.0f /s", rate), ">= 10000 /s", rate >= 10_000);
      r.goal("GET one pod p99", one.getValueAtPercentile(99), Result.ms(one, 99), "<= 10 ms",
          one.getValueAtPercentile(99) <= 10_000);
      Load lists = new Load();
      try (Progress p = new Progress("A1", () -> "GET list: " + lists.done.get())) {
        lists.closedLoopFor(TimeUnit.SECONDS.toNanos(seconds), 2, 200, i -> api.listRaw());
      }
      Histogram all = lists.latency();
      r.histogram("get_list", all);
      r.value("GET list rate (2 clients)", lists.done.get() / (double) seconds,
          String.format("%.1f /s", lists.done.get() / (double) seconds));
      r.goal("GET list of " + n + " p99", all.getValueAtPercentile(99), Result.ms(all, 99), "<= 200 ms",
          all.getValueAtPercentile(99) <= 200_000);
      if (gets.errors.get() + lists.errors.get() > 0) r.note((gets.errors.get() + lists.errors.get()) + " GETs failed");
    }
    return r;
  }

  Result a2() throws Exception {
    int agents = o.agentsOr(1000), seconds = o.durationOr(10);
    double rate = o.rateOr(1000);
    int n = (int) (rate * seconds);
    Result r = new Result("A2").param("agents", agents).param("rate", rate).param("duration_s", seconds);
    try (Cluster c = cluster("A2", agents, o.startDelayOr(0))) {
      Api api = frameworkUp(c, agents);
      // Warm-up (not measured): a cold JVM would otherwise spend the first seconds compiling.
      int warm = Math.min(1000, n);
      new Load().closedLoop(warm, o.concurrency(), 201, i -> api.post(PodJson.of("a2-warm-" + i, i)));
      r.param("warmup_pods", warm);
      List<Load.Planned> plan = new ArrayList<>();
      long gap = (long) (1e9 / rate);
      for (int i = 0; i < n; i++) plan.add(new Load.Planned(i * gap, i, true, k -> api.postAsync(PodJson.of("a2-" + k, k))));
      Load load = new Load();
      long start;
      try (Progress p = new Progress("A2", () -> "answered " + load.done.get() + "/" + n)) {
        start = load.openLoop(plan, Load.newIntendedMap());
      }
      Histogram h = load.latency(), no = load.refusedLatency();
      double achieved = (n - load.errors.get() - load.refused.get()) / secs(load.lastDoneNanos() - start);
      r.histogram("post_latency", h);
      if (load.refused.get() > 0) r.histogram("refused_latency", no);
      r.goal("POST rate (offered " + (int) rate + "/s)", achieved, String.format("%.0f /s", achieved), ">= 1000 /s",
          achieved >= 1000);
      r.goal("POST p99 (from intended send)", h.getValueAtPercentile(99), Result.ms(h, 99), "<= 50 ms",
          h.getValueAtPercentile(99) <= 50_000);
      r.value("refused (429)", load.refused.get(), load.refused.get() + " of " + n + (load.refused.get() > 0
          ? ", answered in p99 " + Result.ms(no, 99) : ""));
      r.value("POST errors", load.errors.get(), load.errors.get() + " " + load.errorKinds);
      r.note("rate and p99 count the POSTs the API admitted; a refused one (429, Retry-After) was shed, not lost");
      r.note("a 201 is answered after the pod's creation is persisted in the journal (H2 under the run directory)");
    }
    return r;
  }

  static double secs(long nanos) {
    return nanos / 1e9;
  }
}
