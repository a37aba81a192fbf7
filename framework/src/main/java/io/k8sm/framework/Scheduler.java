package io.k8sm.framework;

import akka.actor.typed.ActorSystem;
import com.typesafe.config.Config;
import io.k8sm.framework.jmx.Jmx;
import io.k8sm.framework.jmx.JmxConnector;
import io.k8sm.framework.mesos.BridgeSnapshot;
import io.k8sm.protocol.client.ClientSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A running scheduler: the actor system under {@link Guardian}, the optional JMX connector, and the
 * Mesos masters it talks to. {@link #start} returns once the REST API listens.
 */
public final class Scheduler implements AutoCloseable {
  private final ActorSystem<Guardian.Command> system;
  private final Guardian.Started started;
  private final Jmx jmx;
  private final JmxConnector connector;
  private final List<AutoCloseable> extras;

  private Scheduler(ActorSystem<Guardian.Command> system, Guardian.Started started, Jmx jmx, JmxConnector connector,
      List<AutoCloseable> extras) {
    this.system = system;
    this.started = started;
    this.jmx = jmx;
    this.connector = connector;
    this.extras = extras;
  }

  /**
   * Starts against {@code masters}. {@code onBridge} sees every bridge snapshot (start-up output
   * uses it to print the master once registered); {@code extras} are closed after the system.
   */
  public static Scheduler start(Config config, List<URI> masters, Consumer<BridgeSnapshot> onBridge,
      List<AutoCloseable> extras) throws Exception {
    FrameworkSettings settings = FrameworkSettings.fromConfig(config);
    ClientSettings client = ClientSettings.fromConfig(config, masters, settings.masterApiPath());
    Jmx jmx = Jmx.platform();
    JmxConnector connector = null;
    if (settings.jmxPort() > 0) {
      connector = JmxConnector.start(settings.jmxPort(), ManagementFactory.getPlatformMBeanServer());
    }
    CompletableFuture<Guardian.Started> started = new CompletableFuture<>();
    ActorSystem<Guardian.Command> system = ActorSystem.create(
        Guardian.create(settings, client, jmx, onBridge, started), "kubernetes-mesos", config);
    try {
      return new Scheduler(system, started.get(30, TimeUnit.SECONDS), jmx, connector, extras);
    } catch (Exception e) {
      system.terminate();
      if (connector != null) connector.close();
      jmx.close();
      throw e;
    }
  }

  public String apiUrl() {
    return started.apiUrl();
  }

  public ActorSystem<Guardian.Command> system() {
    return system;
  }

  public Guardian.Started started() {
    return started;
  }

  public String jmxUrl() {
    return connector == null ? "" : connector.url().toString();
  }

  @Override
  public void close() throws IOException {
    system.terminate();
    try {
      system.getWhenTerminated().toCompletableFuture().get(Duration.ofSeconds(20).toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      // shutting down anyway
    }
    if (connector != null) connector.close();
    jmx.close();
    for (AutoCloseable c : extras) {
      try {
        c.close();
      } catch (Exception e) {
        // best effort
      }
    }
  }
}
