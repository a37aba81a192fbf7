package io.k8sm.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bin/bench [SCENARIO] [options]}: runs the scenario(s), prints the table on stdout and
 * writes each result's JSON and histogram logs under the results directory. Exit 0 when every
 * scenario ran (goals missed or not), 1 when one failed to run, 2 on bad options.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    io.k8sm.protocol.CommonPool.atLeastTwo();
    Path home = Path.of(System.getProperty("k8sm.home", System.getenv().getOrDefault("K8SM_HOME", ".")))
        .toAbsolutePath().normalize();
    Options o;
    try {
      o = Options.parse(args, home);
    } catch (Options.HelpRequested h) {
      System.out.println(Options.USAGE);
      return;
    } catch (IllegalArgumentException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(run(o).isEmpty() ? 1 : 0);
  }

  /**
   * Runs {@code o.scenario()} ({@code all}: every scenario in turn, M1 last as the longest). Each
   * scenario's results are written as soon as it ends, and a scenario that fails to run does not
   * stop the ones after it. Returns the results (empty when any scenario failed to run).
   */
  public static List<Result> run(Options o) {
    Scenarios s = new Scenarios(o);
    List<Result> results = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (String id : o.scenario().equals("all") ? Scenarios.ALL : List.of(o.scenario())) {
      try {
        List<Result> some = s.run(id);
        for (Result r : some) System.err.println("bench: wrote " + r.write(o.resultsDir()));
        results.addAll(some);
      } catch (Exception e) {
        System.err.println("bench: " + id + " failed: " + e);
        e.printStackTrace();
        failed.add(id);
      }
    }
    System.out.println();
    Result.print(results, System.out);
    if (!s.stamps().isEmpty()) {
      System.out.println("machine: " + s.stamps().get(0).get("cores") + " cores, " + s.stamps().get(0).get("jdk")
          + ", commit " + s.stamps().get(0).get("commit") + ", journal " + s.stamps().get(0).get("journal"));
    }
    if (!failed.isEmpty()) System.out.println("failed to run: " + String.join(", ", failed) + " (see stderr)");
    return failed.isEmpty() ? results : List.of();
  }
}
