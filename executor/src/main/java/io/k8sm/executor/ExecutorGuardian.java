package io.k8sm.executor;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.DispatcherSelector;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.k8sm.executor.agent.AgentLink;
import io.k8sm.executor.agent.ExecutorEnv;
import io.k8sm.executor.agent.NodeAddress;
import io.k8sm.executor.agent.ReconnectPolicy;
import io.k8sm.executor.docker.ContainerNames;
import io.k8sm.executor.docker.ContainerSnapshot;
import io.k8sm.executor.docker.DockerEventHub;
import io.k8sm.executor.docker.DockerRuntime;
import io.k8sm.executor.logs.LogServer;
import io.k8sm.executor.pod.PodEnv;
import io.k8sm.executor.pod.PodRunner;
import io.k8sm.executor.pod.Prober;
import io.k8sm.protocol.client.ClientSettings;
import io.k8sm.protocol.client.MesosClient;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * The executor process's root: wires the Docker facade, the events hub, the log endpoint and the
 * {@link AgentLink}, and owns one {@link PodRunner} per launched task (routing KILLs to them and
 * their updates to the agent).
 *
 * <p>Invariants: one runner per task id (a re-delivered LAUNCH adopts, never duplicates); after
 * the first subscription and the adoption window, containers of tasks nobody re-delivered are
 * removed; SHUTDOWN kills every pod, waits for their TASK_KILLED to reach the agent and stops the
 * system within the grace period. The process exit code is written to {@code exitCode}: 0 after
 * SHUTDOWN, 1 when the agent link was given up.
 */
public final class ExecutorGuardian extends AbstractBehavior<ExecutorGuardian.Command> {
  public sealed interface Command {}

  public record Launch(TaskInfo task) implements Command {}

  public record Kill(TaskID taskId, Optional<Duration> grace) implements Command {}

  public record Shutdown(Duration grace) implements Command {}

  /** The agent link is subscribed; {@code taskKillingState}: the framework wants TASK_KILLING. */
  public record AgentSubscribed(boolean taskKillingState) implements Command {}

  public record LinkLost(String reason) implements Command {}

  private record PodUpdate(PodRunner.Update update) implements Command {}

  private record PodEnded(String taskId) implements Command {}

  private record Listed(List<ContainerSnapshot> containers) implements Command {}

  private enum Tick implements Command { ADOPTION_WINDOW, DEADLINE, FLUSHED }

  private final ExecutorSettings settings;
  private final PodEnv podEnv;
  private final ActorRef<AgentLink.Command> agent;
  private final TimerScheduler<Command> timers;
  private final AtomicInteger exitCode;
  private final Map<String, ActorRef<PodRunner.Command>> runners = new HashMap<>();
  private final ActorRef<PodRunner.Update> updates;
  private boolean subscribedOnce;
  private boolean announceKilling;
  private boolean ending;
  private long endBy;

  public static Behavior<Command> create(ExecutorSettings settings, ExecutorEnv env, AtomicInteger exitCode) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new ExecutorGuardian(ctx, settings, env, exitCode, timers)));
  }

  private ExecutorGuardian(ActorContext<Command> ctx, ExecutorSettings settings, ExecutorEnv env,
      AtomicInteger exitCode, TimerScheduler<Command> timers) throws Exception {
    super(ctx);
    this.settings = settings;
    this.timers = timers;
    this.exitCode = exitCode;
    Executor blocking = ctx.getSystem().dispatchers().lookup(DispatcherSelector.fromConfig(ExecutorSettings.DOCKER_DISPATCHER));
    DockerRuntime docker = new DockerRuntime(settings.dockerHost(), blocking);
    var owner = new ContainerNames.Owner(env.frameworkId(), env.executorId());
    var hub = ctx.spawn(DockerEventHub.create(docker, owner.filter()), "docker-events");
    // Pods report the log endpoint's address in every update, so it is bound before any pod starts;
    // waiting here once at start-up is simpler than stashing every early message.
    String logEndpoint = LogServer.start(ctx.getSystem(), docker, owner, settings)
        .toCompletableFuture().get(30, java.util.concurrent.TimeUnit.SECONDS);
    String nodeIp = NodeAddress.choose(Optional.of(env.agentEndpoint()), settings.hostIp(),
        NodeAddress.SYSTEM, NodeAddress.LOCAL_HOST);
    this.podEnv = new PodEnv(settings, docker, new Prober(docker, blocking), hub, owner, logEndpoint, nodeIp);
    ctx.getLog().info("Executor {} of framework {}: node {}, Docker at {}, logs at http://{}/containerLogs/",
        env.executorId(), env.frameworkId(), nodeIp, docker.dockerHost(), logEndpoint);
    this.updates = ctx.messageAdapter(PodRunner.Update.class, PodUpdate::new);
    ClientSettings client = ClientSettings.fromConfig(ctx.getSystem().settings().config(),
        List.of(env.agentEndpoint()), "/api/v1/executor");
    if (env.authToken().isPresent()) {
      client = client.withHeaders(Map.of("Authorization", "Bearer " + env.authToken().get()));
    }
    var policy = new ReconnectPolicy(env.checkpoint(), env.recoveryTimeout(), env.subscriptionBackoffMax(), new Random());
    this.agent = ctx.spawn(AgentLink.create(env, MesosClient.executor(ctx.getSystem(), client), ctx.getSelf(), policy),
        "agent-link");
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Launch.class, this::onLaunch)
        .onMessage(Kill.class, this::onKill)
        .onMessage(PodUpdate.class, u -> {
          agent.tell(new AgentLink.SendUpdate(u.update().status()));
          return this;
        })
        .onMessage(PodEnded.class, this::onPodEnded)
        .onMessage(AgentSubscribed.class, this::onSubscribed)
        .onMessageEquals(Tick.ADOPTION_WINDOW, this::onAdoptionWindowClosed)
        .onMessage(Listed.class, this::onListed)
        .onMessage(Shutdown.class, s -> end(s.grace(), 0, "SHUTDOWN from the agent"))
        .onMessage(LinkLost.class, l -> end(settings.defaultGracePeriod(), 1, l.reason()))
        .onMessageEquals(Tick.DEADLINE, this::onDeadline)
        .onMessageEquals(Tick.FLUSHED, () -> Behaviors.stopped())
        .build();
  }

  private Behavior<Command> onLaunch(Launch launch) {
    String taskId = launch.task().getTaskId().getValue();
    if (ending || runners.containsKey(taskId)) {
      getContext().getLog().info("Ignoring LAUNCH of task {} ({})", taskId, ending ? "shutting down" : "already running");
      return this;
    }
    var runner = getContext().spawnAnonymous(PodRunner.create(launch.task(), podEnv, updates));
    getContext().watchWith(runner, new PodEnded(taskId));
    runners.put(taskId, runner);
    return this;
  }

  private Behavior<Command> onKill(Kill kill) {
    var runner = runners.get(kill.taskId().getValue());
    if (runner == null) {
      getContext().getLog().info("KILL of unknown task {}: nothing runs it", kill.taskId().getValue());
    } else {
      runner.tell(new PodRunner.Kill(kill.grace(), announceKilling));
    }
    return this;
  }

  private Behavior<Command> onPodEnded(PodEnded ended) {
    runners.remove(ended.taskId());
    return ending && runners.isEmpty() ? flushAndStop() : this;
  }

  /** Last updates out to the agent (when there is one to talk to), then the process ends. */
  private Behavior<Command> flushAndStop() {
    if (exitCode.get() != 0) {
      return Behaviors.stopped(); // The agent link is gone: nothing can be delivered any more.
    }
    Duration left = Duration.ofNanos(Math.max(0, endBy - System.nanoTime()));
    agent.tell(new AgentLink.Flush(left, getContext().messageAdapter(Done.class, d -> Tick.FLUSHED)));
    return this;
  }

  private Behavior<Command> onSubscribed(AgentSubscribed s) {
    announceKilling = s.taskKillingState();
    if (!subscribedOnce) {
      subscribedOnce = true;
      timers.startSingleTimer(Tick.ADOPTION_WINDOW, settings.adoptionWindow());
    }
    return this;
  }

  private Behavior<Command> onAdoptionWindowClosed() {
    getContext().pipeToSelf(podEnv.docker().list(podEnv.owner().filter()),
        (list, failure) -> new Listed(failure == null ? list : List.of()));
    return this;
  }

  private Behavior<Command> onListed(Listed listed) {
    listed.containers().stream()
        .filter(c -> !runners.containsKey(c.labels().getOrDefault(ContainerNames.LABEL_TASK_ID, "")))
        .forEach(c -> {
          getContext().getLog().info("Removing container {}: its task was not re-delivered by the agent", c.name());
          podEnv.docker().remove(c.id());
        });
    return this;
  }

  private Behavior<Command> end(Duration grace, int code, String why) {
    if (ending) {
      return this;
    }
    ending = true;
    exitCode.set(code);
    endBy = System.nanoTime() + grace.toNanos();
    // Leave part of the grace period for removing containers and delivering TASK_KILLED.
    Duration podGrace = grace.compareTo(Duration.ofSeconds(3)) > 0 ? grace.minusSeconds(2) : grace.dividedBy(3);
    getContext().getLog().info("Ending ({}): killing {} pods within {} ms", why, runners.size(), grace.toMillis());
    timers.startSingleTimer(Tick.DEADLINE, grace.minusMillis(Math.min(500, grace.toMillis() / 5)));
    runners.values().forEach(r -> r.tell(new PodRunner.Kill(Optional.of(podGrace), announceKilling)));
    return runners.isEmpty() ? flushAndStop() : this;
  }

  private Behavior<Command> onDeadline() {
    getContext().getLog().warn("Grace period over with {} pods still stopping; exiting", runners.size());
    return Behaviors.stopped();
  }
}
