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
import io.k8sm.framework.persistence.Store;
import io.k8sm.framework.persistence.StoreSchema;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.LoggerFactory;
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
  private final AtomicReference<String> fatal;

  private Scheduler(ActorSystem<Guardian.Command> system, Guardian.Started started, Jmx jmx, JmxConnector connector,
      List<AutoCloseable> extras, AtomicReference<String> fatal) {
    this.fatal = fatal;
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
    // The store must be reachable and hold our schema before any actor recovers from it.
    Store store = Store.parse(settings.store(), settings.dataDir());
    if (store.kind() == Store.Kind.H2) Files.createDirectories(settings.dataDir());
    if (StoreSchema.ensure(store)) {
      LoggerFactory.getLogger(Scheduler.class).info("created the journal schema in the {}", store.describe());
    }
    Config withStore = store.akkaConfig(config);
    AtomicReference<String> fatal = new AtomicReference<>();
    ClientSettings client = ClientSettings.fromConfig(config, masters, settings.masterApiPath())
        .withEncoding(settings.mesos().encoding());
    Jmx jmx = Jmx.platform();
    JmxConnector connector = null;
    if (settings.jmxPort() > 0) {
      connector = JmxConnector.start(settings.jmxPort(), ManagementFactory.getPlatformMBeanServer());
    }
    CompletableFuture<Guardian.Started> started = new CompletableFuture<>();
    AtomicReference<ActorSystem<Guardian.Command>> ref = new AtomicReference<>();
    Consumer<String> onFatal = message -> {
      // Stored state that cannot be read: stop rather than run an empty or partial cluster.
      if (fatal.compareAndSet(null, message + " (store: " + store.describe() + ")")) {
        LoggerFactory.getLogger(Scheduler.class).error("{}; stopping", fatal.get());
        started.completeExceptionally(new IllegalStateException(fatal.get()));
        if (ref.get() != null) ref.get().terminate();
      }
    };
    ActorSystem<Guardian.Command> system = ActorSystem.create(
        Guardian.create(settings, client, jmx, onBridge, started, onFatal), "kubernetes-mesos", withStore);
    ref.set(system);
    if (fatal.get() != null) system.terminate();
    try {
      return new Scheduler(system, started.get(30, TimeUnit.SECONDS), jmx, connector, extras, fatal);
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

  /** Why the scheduler stopped itself (stored state it cannot read), if it did. */
  public Optional<String> fatalError() {
    return Optional.ofNullable(fatal.get());
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
