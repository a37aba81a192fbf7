package io.k8sm.executor;

import akka.actor.typed.ActorRef;
import akka.actor.typed.DispatcherSelector;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.k8sm.executor.docker.ContainerNames.Owner;
import io.k8sm.executor.docker.ContainerSnapshot;
import io.k8sm.executor.docker.DockerEventHub;
import io.k8sm.executor.docker.DockerRuntime;
import io.k8sm.executor.pod.PodEnv;
import io.k8sm.executor.pod.Prober;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A real Docker engine behind a test's actors: fast backoffs, host ports on 127.0.0.1 only, a
 * unique owner (framework and executor id) per fixture so that {@link #cleanUp()} removes exactly
 * what the test created.
 */
public final class DockerFixture {
  public static final Config TEST_CONFIG = ConfigFactory.parseString("""
      k8sm.executor {
        host-ip = "127.0.0.1"
        restart-backoff.base = 500ms
        restart-backoff.max = 4s
        image-pull-backoff.base = 500ms
        image-pull-backoff.max = 2s
        adoption-window = 2s
        default-grace-period = 2s
        logs.interface = "127.0.0.1"
      }
      """).withFallback(ConfigFactory.load());

  /** The node IP pods report as their host IP: a documentation address, never contacted. */
  public static final String NODE_IP = "192.0.2.10";

  public final ActorTestKit kit;
  public final ExecutorSettings settings;
  public final Owner owner;
  public final DockerRuntime docker;
  public final Executor blocking;

  public DockerFixture(ActorTestKit kit) {
    this(kit, new Owner("fw-test", "exec-" + UUID.randomUUID().toString().substring(0, 8)));
  }

  /** A fixture for containers of a given owner (e.g. an executor process under test). */
  public DockerFixture(ActorTestKit kit, Owner owner) {
    this.kit = kit;
    this.settings = ExecutorSettings.fromConfig(TEST_CONFIG);
    this.owner = owner;
    this.blocking = kit.system().dispatchers().lookup(DispatcherSelector.fromConfig(ExecutorSettings.DOCKER_DISPATCHER));
    this.docker = new DockerRuntime(settings.dockerHost(), blocking);
  }

  public PodEnv env() {
    return env(docker);
  }

  public PodEnv env(DockerRuntime runtime) {
    ActorRef<DockerEventHub.Command> hub = kit.spawn(DockerEventHub.create(runtime, owner.filter()));
    return new PodEnv(settings, runtime, new Prober(runtime, blocking), hub, owner, "127.0.0.1:1", NODE_IP);
  }

  /** Every container this fixture's owner has, running or not. */
  public List<ContainerSnapshot> containers() {
    try {
      return docker.list(owner.filter()).toCompletableFuture().get(20, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public void cleanUp() {
    containers().forEach(c -> docker.remove(c.id()).toCompletableFuture().join());
  }

  public static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

}
