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

  /** Runs {@code o.scenario()}; returns its results (empty when it failed), already written and printed. */
  public static List<Result> run(Options o) {
    Scenarios s = new Scenarios(o);
    List<Result> results = new ArrayList<>();
    try {
      results.addAll(s.run(o.scenario()));
      for (Result r : results) {
        System.err.println("bench: wrote " + r.write(o.resultsDir()));
      }
      System.out.println();
      Result.print(results, System.out);
      System.out.println("machine: " + s.stamps().get(0).get("cores") + " cores, " + s.stamps().get(0).get("jdk")
          + ", commit " + s.stamps().get(0).get("commit") + ", journal " + s.stamps().get(0).get("journal"));
      return results;
    } catch (Exception e) {
      System.err.println("bench: " + o.scenario() + " failed: " + e);
      e.printStackTrace();
      return List.of();
    }
  }
}
