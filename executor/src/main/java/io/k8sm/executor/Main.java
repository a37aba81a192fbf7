package io.k8sm.executor;

import akka.actor.typed.ActorSystem;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.k8sm.executor.agent.ExecutorEnv;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * kubernetes-executor's entry point. A Mesos agent starts it with the {@code MESOS_*} environment;
 * without a usable one it explains what is missing on stderr and exits with 2. Otherwise it runs
 * until SHUTDOWN (exit 0) or until the agent link is given up (exit 1).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    io.k8sm.protocol.CommonPool.atLeastTwo();
    if (args.length > 0 && (args[0].equals("--help") || args[0].equals("-h"))) {
      System.out.println("usage: kubernetes-executor   (started by a Mesos agent; reads MESOS_* from the environment)");
      return;
    }
    ExecutorEnv env;
    ExecutorSettings settings;
    Config config = ConfigFactory.load();
    try {
      env = ExecutorEnv.parse(System.getenv());
      settings = ExecutorSettings.fromConfig(config);
    } catch (RuntimeException e) {
      System.err.println("kubernetes-executor: " + e.getMessage());
      System.exit(2);
      return;
    }
    AtomicInteger exitCode = new AtomicInteger(1);
    ActorSystem<ExecutorGuardian.Command> system =
        ActorSystem.create(ExecutorGuardian.create(settings, env, exitCode), "kubernetes-executor", config);
    system.getWhenTerminated().toCompletableFuture().join();
    System.exit(exitCode.get());
  }
}
