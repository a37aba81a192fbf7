package io.k8sm.framework;

import com.typesafe.config.Config;

/** Starts the scheduler's actor system. (Wiring grows as the actors land.) */
public final class Scheduler {
  private Scheduler() {}

  public static void start(Config config) {
    FrameworkSettings settings = FrameworkSettings.fromConfig(config);
    System.out.println("kubernetes-mesos: settings " + settings);
  }
}
