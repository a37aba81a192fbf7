package io.k8sm.local.agent;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.http.javadsl.model.HttpResponse;
import akka.util.ByteString;
import io.k8sm.local.http.Responses;
import io.k8sm.protocol.codec.Encoding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;

/**
 * The real agent: one per {@link RealAgent}. Owns one {@link ExecutorSupervisor} child per running
 * (framework, executor) pair, routes the master's commands and the executor API's calls to them,
 * and keeps a task index so a KILL finds its executor. Answers for what no executor holds: a KILL
 * of an unknown task gets TASK_LOST (TASK_DROPPED when partition-aware) and a call naming an
 * unknown framework or executor gets 400. {@link Stop} shuts every executor down and replies once
 * all have exited.
 */
public final class AgentActor extends AbstractBehavior<AgentActor.Command> {

  public sealed interface Command {}

  public record Launch(FrameworkInfo framework, ExecutorInfo executor, List<TaskInfo> tasks) implements Command {}

  public record Kill(FrameworkID framework, TaskID task, Optional<KillPolicy> killPolicy) implements Command {}

  public record ShutdownExecutor(FrameworkID framework, ExecutorID executor) implements Command {}

  public record ShutdownFramework(FrameworkID framework) implements Command {}

  public record FrameworkMessage(FrameworkID framework, ExecutorID executor, ByteString data) implements Command {}

  /** A decoded executor API call; the reply is the HTTP response. */
  public record ExecutorCall(Call call, Encoding encoding, ActorRef<HttpResponse> replyTo) implements Command {}

  public record Stop(ActorRef<Done> replyTo) implements Command {}

  private record ExecutorFinished(ActorRef<ExecutorSupervisor.Command> executor) implements Command {}

  private record ExecutorGone(Key key, ActorRef<ExecutorSupervisor.Command> executor) implements Command {}

  /** One executor of one framework. */
  private record Key(String framework, String executor) {}

  private final AgentInfo agent;
  private final String endpoint;
  private final RealAgentSettings settings;
  private final AgentListener listener;
  private final LiveProcesses processes;
  private final Map<Key, ActorRef<ExecutorSupervisor.Command>> executors = new HashMap<>();
  private final Map<String, Map<String, Key>> taskIndex = new HashMap<>();
  private final Map<String, FrameworkInfo> frameworks = new HashMap<>();
  private final List<ActorRef<Done>> stoppers = new ArrayList<>();
  private final ActorRef<ExecutorSupervisor.Finished> finished;
  private long spawned;

  static Behavior<Command> create(AgentInfo agent, String endpoint, RealAgentSettings settings,
      AgentListener listener, LiveProcesses processes) {
    // Resume on a failed message: the executor table must outlive one bad command.
    return Behaviors.supervise(Behaviors.<Command>setup(ctx -> new AgentActor(ctx, agent, endpoint, settings, listener, processes)))
        .onFailure(SupervisorStrategy.resume());
  }

  private AgentActor(ActorContext<Command> ctx, AgentInfo agent, String endpoint, RealAgentSettings settings,
      AgentListener listener, LiveProcesses processes) {
    super(ctx);
    this.processes = processes;
    this.agent = agent;
    this.endpoint = endpoint;
    this.settings = settings;
    this.listener = listener;
    this.finished = ctx.messageAdapter(ExecutorSupervisor.Finished.class, f -> new ExecutorFinished(f.executor()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Launch.class, this::onLaunch)
        .onMessage(Kill.class, this::onKill)
        .onMessage(ShutdownExecutor.class, this::onShutdownExecutor)
        .onMessage(ShutdownFramework.class, this::onShutdownFramework)
        .onMessage(FrameworkMessage.class, this::onFrameworkMessage)
        .onMessage(ExecutorCall.class, this::onExecutorCall)
        .onMessage(Stop.class, this::onStop)
        .onMessage(ExecutorFinished.class, this::onExecutorFinished)
        .onMessage(ExecutorGone.class, m -> forget(m.key(), m.executor()))
        .build();
  }

  private Behavior<Command> onLaunch(Launch m) {
    String fid = m.framework().getId().getValue();
    frameworks.put(fid, m.framework());
    if (!stoppers.isEmpty()) {
      m.tasks().forEach(t -> listener.statusUpdate(m.framework().getId(), AgentStatuses.create(t.getTaskId(),
          AgentStatuses.dropped(m.framework()), TaskStatus.Reason.REASON_AGENT_RESTARTED, "Agent is shutting down",
          agent.getId(), m.executor().getExecutorId())));
      return this;
    }
    Key key = new Key(fid, m.executor().getExecutorId().getValue());
    m.tasks().forEach(t -> taskIndex.computeIfAbsent(fid, f -> new HashMap<>()).put(t.getTaskId().getValue(), key));
    ActorRef<ExecutorSupervisor.Command> existing = executors.get(key);
    if (existing != null) {
      existing.tell(new ExecutorSupervisor.Launch(m.tasks()));
      return this;
    }
    ExecutorRun.Spec spec = new ExecutorRun.Spec(m.framework(), m.executor(), agent, endpoint, settings, listener,
        processes);
    ActorRef<ExecutorSupervisor.Command> ref =
        getContext().spawn(ExecutorSupervisor.create(spec, m.tasks(), finished), "executor-" + (++spawned));
    getContext().watchWith(ref, new ExecutorGone(key, ref));
    executors.put(key, ref);
    return this;
  }

  private Behavior<Command> onKill(Kill m) {
    Key key = taskIndex.getOrDefault(m.framework().getValue(), Map.of()).get(m.task().getValue());
    ActorRef<ExecutorSupervisor.Command> ref = key == null ? null : executors.get(key);
    if (ref != null) {
      ref.tell(new ExecutorSupervisor.Kill(m.task(), m.killPolicy()));
      return this;
    }
    getContext().getLog().warn("Cannot kill task {} of framework {}: no executor runs it",
        m.task().getValue(), m.framework().getValue());
    FrameworkInfo framework = frameworks.getOrDefault(m.framework().getValue(), FrameworkInfo.getDefaultInstance());
    listener.statusUpdate(m.framework(), AgentStatuses.withoutExecutor(m.task(), AgentStatuses.dropped(framework),
        TaskStatus.Reason.REASON_EXECUTOR_TERMINATED, "Cannot find executor", agent.getId()));
    return this;
  }

  private Behavior<Command> onShutdownExecutor(ShutdownExecutor m) {
    ActorRef<ExecutorSupervisor.Command> ref = executors.get(new Key(m.framework().getValue(), m.executor().getValue()));
    if (ref != null) {
      ref.tell(new ExecutorSupervisor.Shutdown());
    }
    return this;
  }

  private Behavior<Command> onShutdownFramework(ShutdownFramework m) {
    executors.forEach((key, ref) -> {
      if (key.framework().equals(m.framework().getValue())) {
        ref.tell(new ExecutorSupervisor.Shutdown());
      }
    });
    return this;
  }

  private Behavior<Command> onFrameworkMessage(FrameworkMessage m) {
    ActorRef<ExecutorSupervisor.Command> ref = executors.get(new Key(m.framework().getValue(), m.executor().getValue()));
    if (ref != null) {
      ref.tell(new ExecutorSupervisor.FrameworkMessage(m.data()));
    } else {
      getContext().getLog().info("Dropping a message for unknown executor '{}' of framework {}",
          m.executor().getValue(), m.framework().getValue());
    }
    return this;
  }

  private Behavior<Command> onExecutorCall(ExecutorCall m) {
    String fid = m.call().getFrameworkId().getValue();
    ActorRef<ExecutorSupervisor.Command> ref = executors.get(new Key(fid, m.call().getExecutorId().getValue()));
    if (ref == null) {
      boolean frameworkKnown = executors.keySet().stream().anyMatch(k -> k.framework().equals(fid));
      m.replyTo().tell(Responses.badRequest(frameworkKnown
          ? "Executor '" + m.call().getExecutorId().getValue() + "' of framework " + fid + " cannot be found"
          : "Framework " + fid + " cannot be found"));
      return this;
    }
    ref.tell(new ExecutorSupervisor.ExecutorCall(m.call(), m.encoding(), m.replyTo()));
    return this;
  }

  private Behavior<Command> onStop(Stop m) {
    stoppers.add(m.replyTo());
    executors.values().forEach(ref -> ref.tell(new ExecutorSupervisor.Shutdown()));
    return maybeStopped();
  }

  /** The executor exited: forget it, then let its actor stop (what it got meanwhile it answered). */
  private Behavior<Command> onExecutorFinished(ExecutorFinished m) {
    executors.entrySet().stream().filter(e -> e.getValue().equals(m.executor())).map(Map.Entry::getKey)
        .findFirst().ifPresent(key -> forget(key, m.executor()));
    m.executor().tell(new ExecutorSupervisor.Stop());
    return maybeStopped();
  }

  /** Drops the entry of {@code key} if it is still this executor (a newer run may have replaced it). */
  private Behavior<Command> forget(Key key, ActorRef<ExecutorSupervisor.Command> executor) {
    if (executor.equals(executors.get(key))) {
      executors.remove(key);
      Map<String, Key> tasks = taskIndex.getOrDefault(key.framework(), new HashMap<>());
      tasks.values().removeIf(key::equals);
    }
    return maybeStopped();
  }

  private Behavior<Command> maybeStopped() {
    if (!stoppers.isEmpty() && executors.isEmpty()) {
      stoppers.forEach(s -> s.tell(Done.getInstance()));
      return Behaviors.stopped();
    }
    return this;
  }
}
