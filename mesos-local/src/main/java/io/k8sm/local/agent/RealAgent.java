package io.k8sm.local.agent;

import akka.Done;
import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.settings.ServerSettings;
import akka.japi.function.Function;
import akka.stream.Materializer;
import akka.stream.javadsl.Tcp;
import io.k8sm.local.http.MesosHttpServer;
import akka.util.ByteString;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * An {@link Agent} that runs executors as real child processes and serves them the Mesos v1
 * executor API on its own HTTP server ({@link RealAgentSettings#bindAddress()}:{@link
 * RealAgentSettings#port()}, the endpoint executors find in MESOS_AGENT_ENDPOINT).
 *
 * <p>{@link #factory} is what the master uses; {@link AgentFactory#start} binds the server (waiting
 * at most the request timeout, since {@link #info()} must carry the bound port) and starts the
 * {@link AgentActor}. Every {@link Agent} method just enqueues. {@link #stop()} shuts all executors
 * down (SHUTDOWN, grace period, forced kill) and then unbinds; {@link #whenStopped()} completes
 * after that.
 */
public final class RealAgent implements Agent {
  private final AgentInfo info;
  private final String endpoint;
  private final ActorSystem<?> system;
  private final ActorRef<AgentActor.Command> actor;
  private final Tcp.ServerBinding binding;
  private final CompletableFuture<Done> stopped = new CompletableFuture<>();

  private RealAgent(AgentInfo info, String endpoint, ActorSystem<?> system, ActorRef<AgentActor.Command> actor,
      Tcp.ServerBinding binding) {
    this.info = info;
    this.endpoint = endpoint;
    this.system = system;
    this.actor = actor;
    this.binding = binding;
  }

  /** The factory the master calls for each real agent it starts. */
  public static AgentFactory factory(ActorSystem<?> system, RealAgentSettings settings) {
    return (id, listener) -> start(system, settings, id, listener);
  }

  /** Binds the executor API and starts the agent; throws IllegalStateException when binding fails. */
  public static RealAgent start(ActorSystem<?> system, RealAgentSettings settings, AgentID id, AgentListener listener) {
    AtomicReference<ExecutorApi> api = new AtomicReference<>();
    Function<HttpRequest, CompletionStage<HttpResponse>> handler = request -> api.get().handle(request);
    Tcp.ServerBinding binding;
    try {
      binding = MesosHttpServer.bind(system, settings.bindAddress(), settings.port(),
              ExecutorApi.serverSettings(ServerSettings.create(system.settings().config())), handler)
          .toCompletableFuture().get(settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("agent " + id.getValue() + " cannot listen on " + settings.bindAddress() + ":"
          + settings.port() + ": " + e.getMessage(), e);
    }
    InetSocketAddress local = binding.localAddress();
    String endpoint = endpointHost(settings.bindAddress()) + ":" + local.getPort();
    AgentInfo info = AgentInfo.newBuilder()
        .setId(id)
        .setHostname(settings.hostname())
        .setPort(local.getPort())
        .addAllResources(settings.resources())
        .build();
    LiveProcesses processes = new LiveProcesses();
    ActorRef<AgentActor.Command> actor = system.systemActorOf(
        AgentActor.create(info, endpoint, settings, listener, processes), "agent-" + id.getValue().replaceAll("[^A-Za-z0-9_-]", "_")
            + "-" + local.getPort(), Props.empty());
    api.set(new ExecutorApi(actor, system.scheduler(), Materializer.matFromSystem(system), settings.requestTimeout()));
    system.log().info("Agent {} serves the executor API on http://{}/api/v1/executor with {}", id.getValue(), endpoint,
        ResourceSpecText.render(settings.resources()));
    RealAgent agent = new RealAgent(info, endpoint, system, actor, binding);
    agent.stopWithTheSystem(processes);
    return agent;
  }

  /**
   * When the actor system shuts down (a JVM exit included), executors get the graceful stop first;
   * whatever still runs when the phase's time is nearly up is killed, so none is orphaned.
   */
  private void stopWithTheSystem(LiveProcesses processes) {
    CoordinatedShutdown shutdown = CoordinatedShutdown.get(system);
    String phase = CoordinatedShutdown.PhaseBeforeServiceUnbind();
    Duration budget = Duration.ofMillis(shutdown.timeout(phase).toMillis()).minusMillis(500);
    shutdown.addTask(phase, "stop-agent-" + info.getId().getValue() + "-" + info.getPort(), () -> {
      stop();
      return stopped.copy().completeOnTimeout(Done.getInstance(), Math.max(budget.toMillis(), 100), TimeUnit.MILLISECONDS)
          .thenApply(done -> {
            processes.destroyAll();
            return done;
          });
    });
  }

  /** The wildcard address is not reachable as such; executors then use loopback. */
  private static String endpointHost(String bindAddress) {
    return bindAddress.equals("0.0.0.0") || bindAddress.equals("::") ? "127.0.0.1" : bindAddress;
  }

  @Override
  public AgentInfo info() {
    return info;
  }

  /** {@code ip:port} of the executor API, as in MESOS_AGENT_ENDPOINT. */
  public String endpoint() {
    return endpoint;
  }

  @Override
  public void launch(FrameworkInfo framework, ExecutorInfo executor, List<TaskInfo> tasks) {
    actor.tell(new AgentActor.Launch(framework, executor, List.copyOf(tasks)));
  }

  @Override
  public void kill(FrameworkID framework, TaskID task, Optional<KillPolicy> killPolicy) {
    actor.tell(new AgentActor.Kill(framework, task, killPolicy));
  }

  @Override
  public void shutdownExecutor(FrameworkID framework, ExecutorID executor) {
    actor.tell(new AgentActor.ShutdownExecutor(framework, executor));
  }

  @Override
  public void shutdownFramework(FrameworkID framework) {
    actor.tell(new AgentActor.ShutdownFramework(framework));
  }

  @Override
  public void frameworkMessage(FrameworkID framework, ExecutorID executor, ByteString data) {
    actor.tell(new AgentActor.FrameworkMessage(framework, executor, data));
  }

  @Override
  public synchronized void stop() {
    if (stopped.isDone() || stopping) {
      return;
    }
    stopping = true;
    // Executors may take their whole grace period; the ask only bounds a stuck agent.
    AskPattern.<AgentActor.Command, Done>ask(actor, AgentActor.Stop::new, Duration.ofHours(1), system.scheduler())
        .thenCompose(done -> binding.unbind())
        .whenComplete((ok, err) -> stopped.complete(Done.getInstance()));
  }

  private boolean stopping;

  /** Completes once every executor has exited and the server is unbound. */
  public CompletionStage<Done> whenStopped() {
    return stopped;
  }
}
