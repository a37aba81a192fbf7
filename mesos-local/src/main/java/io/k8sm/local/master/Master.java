package io.k8sm.local.master;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.util.ByteString;
import io.k8sm.local.agent.Agent;
import io.k8sm.local.agent.AgentListener;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * The mesos-local master: one actor owning all master state (frameworks, agents, offers, tasks,
 * status update queues). The HTTP layer sends it decoded calls; agents are started outside (their
 * start may block) and registered with {@link AddAgent}; they report through {@link #listener},
 * which turns every callback into a message. Timers drive heartbeats (per
 * framework), allocation (periodic, plus soon after any change that frees or wants resources),
 * update retries and failover timeouts.
 *
 * <p>Invariant: for every agent, used + offered is contained in total.
 */
public final class Master extends AbstractBehavior<Master.Command> {
  public sealed interface Command {}

  /** A SUBSCRIBE that passed the HTTP checks; events go to {@code stream}. */
  public record Subscribe(Call.Subscribe subscribe, Subscription stream) implements Command {}

  /** Any other call, with the request's Mesos-Stream-Id header. */
  public record Handle(Call call, Optional<String> streamId, ActorRef<HttpReply> replyTo) implements Command {}

  /** A subscription's HTTP response ended (client gone, connection broken, or closed by us). */
  public record StreamClosed(String streamId) implements Command {}

  /** An agent registers (started with the listener from {@link #listener}). */
  public record AddAgent(Agent agent) implements Command {}

  /** The HTTP server listens: fills in the address of MasterInfo. */
  public record Listening(String hostname, String ip, int port) implements Command {}

  /** The JSON body of a read-only endpoint ({@link StateViews}) with the request's query parameters. */
  public record Read(View view, Map<String, String> query, ActorRef<String> replyTo) implements Command {}

  /** The read-only endpoints: {@code /master/state} and {@code /master/tasks}. */
  public enum View { STATE, TASKS }

  public record AgentsQuery(ActorRef<List<Agent>> replyTo) implements Command {}

  public record FindTaskAgent(TaskID task, ActorRef<Optional<Agent>> replyTo) implements Command {}

  public record LoseAgent(AgentID agent, ActorRef<Boolean> replyTo) implements Command {}

  /** Drops every subscription stream; {@code wipe} also forgets frameworks as a new master would. */
  public record Restart(boolean wipe, ActorRef<Done> replyTo) implements Command {}

  /** Breaks the subscription connection of one (or, when empty, every) framework; replies how many. */
  public record DropSubscriptions(Optional<FrameworkID> framework, ActorRef<Integer> replyTo) implements Command {}

  public record Stop(ActorRef<Done> replyTo) implements Command {}

  private record AgentUpdate(FrameworkID framework, TaskStatus status) implements Command {}

  private record ExecutorExited(FrameworkID framework, ExecutorID executor, AgentID agent, int waitStatus)
      implements Command {}

  private record ExecutorSaid(FrameworkID framework, ExecutorID executor, AgentID agent, ByteString data)
      implements Command {}

  private enum Tick implements Command { ALLOCATE, ALLOCATE_SOON, RETRY_UPDATES }

  private record Heartbeat(FrameworkID framework) implements Command {}

  private record FailoverExpired(FrameworkID framework) implements Command {}

  private final MasterState state;
  private final FrameworkLifecycle lifecycle;
  private final CallHandler calls;
  private final AgentEvents agentEvents;
  private final Allocator allocator;
  private final TimerScheduler<Command> timers;
  private boolean allocationPending;

  public static Behavior<Command> create(MasterConfig config, String masterId) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new Master(ctx, timers, config, masterId)));
  }

  /** What agents report to: every callback becomes a message to {@code master}. */
  public static AgentListener listener(ActorRef<Command> master) {
    return new Listener(master);
  }

  private Master(ActorContext<Command> ctx, TimerScheduler<Command> timers, MasterConfig config, String masterId) {
    super(ctx);
    this.timers = timers;
    MasterInfo info = MasterInfos.of(masterId, "127.0.0.1", "127.0.0.1", 0);
    this.state = new MasterState(config, info, new TimerEffects(), () -> System.nanoTime() / 1_000_000L);
    this.lifecycle = new FrameworkLifecycle(state);
    this.calls = new CallHandler(state, lifecycle);
    this.agentEvents = new AgentEvents(state);
    this.allocator = new Allocator(state);
    timers.startTimerWithFixedDelay(Tick.ALLOCATE, Tick.ALLOCATE, config.allocationInterval());
    long retryMillis = Math.max(20, Math.min(config.updateRetryBackoff().toMillis() / 4, 1000));
    timers.startTimerWithFixedDelay(Tick.RETRY_UPDATES, Tick.RETRY_UPDATES, Duration.ofMillis(retryMillis));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Subscribe.class, m -> { lifecycle.subscribe(m.subscribe(), m.stream()); return this; })
        .onMessage(Handle.class, this::onHandle)
        .onMessage(StreamClosed.class, m -> { lifecycle.streamClosed(m.streamId()); return this; })
        .onMessage(Listening.class, this::onListening)
        .onMessage(AddAgent.class, m -> { agentEvents.added(m.agent()); return this; })
        .onMessage(AgentUpdate.class, m -> { agentEvents.statusUpdate(m.framework(), m.status()); return this; })
        .onMessage(ExecutorExited.class, this::onExecutorExited)
        .onMessage(ExecutorSaid.class, m -> {
          agentEvents.executorMessage(m.framework(), m.executor(), m.agent(), m.data());
          return this;
        })
        .onMessage(Tick.class, this::onTick)
        .onMessage(Heartbeat.class, this::onHeartbeat)
        .onMessage(FailoverExpired.class, m -> { lifecycle.failoverExpired(m.framework()); return this; })
        .onMessage(AgentsQuery.class, m -> {
          m.replyTo().tell(state.agents.values().stream().map(a -> a.agent).toList());
          return this;
        })
        .onMessage(FindTaskAgent.class, this::onFindTaskAgent)
        .onMessage(Read.class, this::onRead)
        .onMessage(LoseAgent.class, m -> { m.replyTo().tell(agentEvents.lost(m.agent())); return this; })
        .onMessage(Restart.class, this::onRestart)
        .onMessage(DropSubscriptions.class, this::onDropSubscriptions)
        .onMessage(Stop.class, this::onStop)
        .build();
  }

  private Behavior<Command> onHandle(Handle m) {
    m.replyTo().tell(calls.handle(m.call(), m.streamId()));
    return this;
  }

  private Behavior<Command> onListening(Listening m) {
    state.masterInfo = MasterInfos.of(state.masterId(), m.hostname(), m.ip(), m.port());
    return this;
  }

  private Behavior<Command> onExecutorExited(ExecutorExited m) {
    agentEvents.executorTerminated(m.framework(), m.executor(), m.agent(), m.waitStatus());
    return this;
  }

  private Behavior<Command> onTick(Tick tick) {
    switch (tick) {
      case ALLOCATE, ALLOCATE_SOON -> {
        allocationPending = false;
        allocator.allocate();
      }
      case RETRY_UPDATES -> {
        long now = state.clockMillis.getAsLong();
        for (FrameworkState fw : state.connected()) {
          fw.updates.due(now).forEach(u -> state.sendUpdate(fw, u));
        }
      }
    }
    return this;
  }

  private Behavior<Command> onHeartbeat(Heartbeat m) {
    FrameworkState fw = state.frameworks.get(m.framework());
    if (fw != null) {
      state.send(fw, FrameworkLifecycle.heartbeat());
    }
    return this;
  }

  private Behavior<Command> onFindTaskAgent(FindTaskAgent m) {
    Optional<Agent> found = state.frameworks.values().stream()
        .map(fw -> fw.tasks.get(m.task()))
        .filter(t -> t != null && state.agents.containsKey(t.agent))
        .map(t -> state.agents.get(t.agent).agent)
        .findFirst();
    m.replyTo().tell(found);
    return this;
  }

  private Behavior<Command> onRead(Read m) {
    m.replyTo().tell(m.view() == View.STATE ? StateViews.state(state)
        : StateViews.tasks(state, TasksQuery.of(m.query())));
    return this;
  }

  private Behavior<Command> onRestart(Restart m) {
    new MasterRestart(state).restart(m.wipe());
    m.replyTo().tell(Done.getInstance());
    return this;
  }

  private Behavior<Command> onDropSubscriptions(DropSubscriptions m) {
    List<FrameworkState> connected = state.connected().stream()
        .filter(fw -> m.framework().isEmpty() || m.framework().get().equals(fw.id)).toList();
    connected.forEach(fw -> fw.stream.fail("subscription dropped by fault injection"));
    m.replyTo().tell(connected.size());
    return this;
  }

  private Behavior<Command> onStop(Stop m) {
    for (FrameworkState fw : state.frameworks.values()) {
      if (fw.stream != null) {
        fw.stream.close();
      }
    }
    state.agents.values().forEach(a -> a.agent.stop());
    state.agents.clear();
    timers.cancelAll();
    m.replyTo().tell(Done.getInstance());
    return Behaviors.ignore();
  }

  /** Timers on behalf of the plain-class handlers. */
  private final class TimerEffects implements MasterState.Effects {
    @Override
    public void heartbeats(FrameworkID framework, boolean on) {
      Object key = "heartbeat-" + framework.getValue();
      if (on) {
        timers.startTimerWithFixedDelay(key, new Heartbeat(framework), state.config.heartbeatInterval());
      } else {
        timers.cancel(key);
      }
    }

    @Override
    public void failoverTimer(FrameworkID framework, Duration after) {
      timers.startSingleTimer("failover-" + framework.getValue(), new FailoverExpired(framework), after);
    }

    @Override
    public void cancelFailoverTimer(FrameworkID framework) {
      timers.cancel("failover-" + framework.getValue());
    }

    @Override
    public void allocateSoon() {
      if (!allocationPending) {
        allocationPending = true;
        getContext().getSelf().tell(Tick.ALLOCATE_SOON);
      }
    }
  }

  /** Agent callbacks (any thread) become master messages. */
  private record Listener(ActorRef<Command> master) implements AgentListener {
    @Override
    public void statusUpdate(FrameworkID framework, TaskStatus status) {
      master.tell(new AgentUpdate(framework, status));
    }

    @Override
    public void executorTerminated(FrameworkID framework, ExecutorID executor, AgentID agent, int waitStatus) {
      master.tell(new ExecutorExited(framework, executor, agent, waitStatus));
    }

    @Override
    public void executorMessage(FrameworkID framework, ExecutorID executor, AgentID agent, ByteString data) {
      master.tell(new ExecutorSaid(framework, executor, agent, data));
    }
  }
}
