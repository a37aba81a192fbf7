package io.k8sm.local;

import com.typesafe.config.ConfigFactory;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * bin/mesos-local: runs mesos-local until SIGTERM/SIGINT. Prints
 * {@code mesos-local master listening on http://HOST:PORT} on stdout once it listens. Bad flags:
 * message on stderr, exit 2. A shutdown hook stops the agents and the master.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    io.k8sm.protocol.CommonPool.atLeastTwo();
    MainArgs.Parsed parsed;
    try {
      parsed = MainArgs.parse(Arrays.asList(args), MesosLocalSettings.fromConfig(ConfigFactory.load()));
    } catch (IllegalArgumentException e) {
      System.err.println("mesos-local: " + e.getMessage());
      System.err.println("Try 'mesos-local --help'.");
      System.exit(2);
      return;
    }
    if (parsed.help()) {
      System.out.println(MainArgs.USAGE);
      return;
    }
    MesosLocal mesos;
    try {
      mesos = MesosLocal.start(parsed.settings());
    } catch (IllegalStateException e) {
      System.err.println("mesos-local: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      mesos.close();
      stopped.countDown();
    }, "mesos-local-shutdown"));
    System.out.println("mesos-local master listening on " + mesos.masterUrl());
    System.out.flush();
    stopped.await();
  }
}
