package io.k8sm.framework;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.k8sm.framework.cli.FlagParser;
import io.k8sm.framework.cli.ParsedArgs;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Entry point of {@code bin/kubernetes-mesos}: parses the flags (bad ones: message, exit 2),
 * merges them over {@code application.conf}, and starts the actor tree.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    io.k8sm.protocol.CommonPool.atLeastTwo();
    ParsedArgs parsed = FlagParser.parse(args);
    if (parsed instanceof ParsedArgs.Help) {
      System.out.print(FlagParser.usage());
      return;
    }
    if (parsed instanceof ParsedArgs.Invalid invalid) {
      System.err.println("kubernetes-mesos: " + invalid.message());
      System.exit(2);
      return;
    }
    Config config = withOverrides(((ParsedArgs.Run) parsed).overrides(), ConfigFactory.load());
    try {
      run(config);
    } catch (io.k8sm.framework.persistence.StoreSchema.StoreException e) {
      System.err.println("kubernetes-mesos: " + e.getMessage());
      System.exit(1);
    } catch (IllegalArgumentException e) {
      System.err.println("kubernetes-mesos: " + e.getMessage());
      System.exit(2);
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
      System.err.println("kubernetes-mesos: cannot start: " + cause.getMessage());
      System.exit(1);
    }
  }

  private static void run(Config config) throws Exception {
    FrameworkSettings settings = FrameworkSettings.fromConfig(config);
    List<AutoCloseable> extras = new ArrayList<>();
    List<URI> masters;
    if (settings.localMode()) {
      LocalMaster local = LocalMaster.start(config);
      extras.add(local);
      masters = List.of(local.url());
      System.out.println("kubernetes-mesos: started the embedded mesos-local master at " + local.url());
    } else {
      masters = MasterUrls.parse(settings.masters());
    }
    AtomicBoolean announced = new AtomicBoolean();
    Scheduler scheduler = Scheduler.start(config, masters, s -> {
      if (s.connected() && !s.frameworkId().isEmpty() && announced.compareAndSet(false, true)) {
        System.out.println("kubernetes-mesos: registered with Mesos master " + s.master() + " as framework "
            + s.frameworkId());
      }
    }, extras);
    System.out.println("kubernetes-mesos: API at " + scheduler.apiUrl() + "/api/v1beta1/pods");
    if (!scheduler.jmxUrl().isEmpty()) {
      System.out.println("kubernetes-mesos: JMX at " + scheduler.jmxUrl());
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        scheduler.close();
      } catch (Exception e) {
        // exiting anyway
      }
    }, "shutdown"));
    scheduler.system().getWhenTerminated().toCompletableFuture().join();
    if (scheduler.fatalError().isPresent()) {
      System.err.println("kubernetes-mesos: " + scheduler.fatalError().get());
      Runtime.getRuntime().halt(1);
    }
  }

  /** Places flag values under {@code k8sm.framework} in front of the loaded configuration. */
  public static Config withOverrides(Map<String, Object> overrides, Config base) {
    Map<String, Object> paths = new HashMap<>();
    overrides.forEach((key, value) -> paths.put("k8sm.framework." + key, value));
    return ConfigFactory.parseMap(paths, "command line").withFallback(base).resolve();
  }
}
