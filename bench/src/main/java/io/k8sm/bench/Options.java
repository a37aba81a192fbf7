package io.k8sm.bench;

import java.nio.file.Path;
import java.util.List;

/**
 * What one {@code bin/bench} invocation runs: the scenario and the knobs every scenario reads.
 * A value of 0 (or a negative one) for agents, pods, rate or duration means "the scenario's own
 * default", so {@code bin/bench P3} runs the shape and {@code --pods 500} shortens it.
 */
public record Options(String scenario, int agents, int pods, double rate, int durationSeconds, long seed,
    int startDelayMs, int concurrency, Path home, Path resultsDir, String frameworkJavaOpts) {

  public static final String USAGE = String.join("\n",
      "usage: bin/bench [SCENARIO] [--agents N] [--pods N] [--rate PER_S] [--duration SECONDS] [--seed N]",
      "                 [--start-delay-ms N] [--concurrency N] [--results DIR] [--framework-java-opts OPTS]",
      "",
      "Scenarios: smoke P1 P2 P3 R1 M1 A1 A2 all (default smoke). Every scenario starts bin/mesos-local",
      "(simulated agents only) and bin/kubernetes-mesos as separate processes on 127.0.0.1 and measures",
      "through the framework's REST API. 0 keeps a scenario's own default for agents/pods/rate/duration.",
      "",
      "  --agents N             simulated agents",
      "  --pods N               pods to create",
      "  --rate PER_S           open-loop arrival rate (P3, A2)",
      "  --duration SECONDS     length of timed phases (P3, A1, A2)",
      "  --seed N               seed for mesos-local and for the arrival schedule (default 1)",
      "  --start-delay-ms N     simulated TASK_STARTING -> TASK_RUNNING delay (-1 = scenario default)",
      "  --concurrency N        closed-loop clients for bulk POSTs and GETs (default 32)",
      "  --results DIR          where results go (default bench/results)",
      "  --framework-java-opts  JVM flags for the framework process (e.g. JFR); default -Xmx4g");

  public static final List<String> SCENARIOS = List.of("smoke", "P1", "P2", "P3", "R1", "M1", "A1", "A2", "all");

  public static Options parse(String[] args, Path home) {
    String scenario = "smoke";
    int agents = 0, pods = 0, duration = 0, delay = -1, concurrency = 32;
    double rate = 0;
    long seed = 1;
    Path results = home.resolve("bench/results");
    String jopts = "-Xmx4g";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--")) {
        String s = SCENARIOS.stream().filter(x -> x.equalsIgnoreCase(a)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown scenario '" + a + "'; one of " + SCENARIOS));
        scenario = s;
        continue;
      }
      int eq = a.indexOf('=');
      String name = eq > 0 ? a.substring(0, eq) : a;
      if (name.equals("--help")) throw new HelpRequested();
      String v;
      if (eq > 0) {
        v = a.substring(eq + 1);
      } else if (i + 1 < args.length) {
        v = args[++i];
      } else {
        throw new IllegalArgumentException(a + " needs a value");
      }
      switch (name) {
        case "--agents" -> agents = Integer.parseInt(v);
        case "--pods" -> pods = Integer.parseInt(v);
        case "--rate" -> rate = Double.parseDouble(v);
        case "--duration" -> duration = Integer.parseInt(v);
        case "--seed" -> seed = Long.parseLong(v);
        case "--start-delay-ms" -> delay = Integer.parseInt(v);
        case "--concurrency" -> concurrency = Integer.parseInt(v);
        case "--results" -> results = Path.of(v);
        case "--framework-java-opts" -> jopts = v;
        default -> throw new IllegalArgumentException("unknown option " + name);
      }
    }
    return new Options(scenario, agents, pods, rate, duration, seed, delay, Math.max(1, concurrency), home, results,
        jopts);
  }

  /** This scenario's value where the user gave none. */
  public int agentsOr(int d) { return agents > 0 ? agents : d; }

  public int podsOr(int d) { return pods > 0 ? pods : d; }

  public double rateOr(double d) { return rate > 0 ? rate : d; }

  public int durationOr(int d) { return durationSeconds > 0 ? durationSeconds : d; }

  public int startDelayOr(int d) { return startDelayMs >= 0 ? startDelayMs : d; }

  /** Thrown for --help: the caller prints {@link #USAGE}. */
  public static final class HelpRequested extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HelpRequested() { super("help", null, false, false); }
  }
}
