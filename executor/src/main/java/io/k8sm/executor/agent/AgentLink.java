package io.k8sm.executor.agent;

import akka.Done;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.PostStop;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.stream.javadsl.Sink;
import com.google.protobuf.ByteString;
import io.k8sm.executor.ExecutorGuardian;
import io.k8sm.protocol.client.MesosClient;
import io.k8sm.protocol.client.Outbox;
import io.k8sm.protocol.client.Subscription;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;

/**
 * The executor's subscription to its agent ({@code /api/v1/executor}). Turns events into
 * {@link ExecutorGuardian} commands (LAUNCH, KILL, SHUTDOWN) and status reports into UPDATE calls,
 * each with a fresh 16-byte uuid and {@code source=SOURCE_EXECUTOR}.
 *
 * <p>Invariants: every update stays in the {@link UpdateLedger} until the agent ACKNOWLEDGEs it,
 * and every launched task until one of its updates is acknowledged; both are re-sent in each
 * SUBSCRIBE. Between subscribes, UPDATEs go through the subscription's {@link Deliveries} (an
 * {@link Outbox} under the {@link ExecutorCallRules}): at most {@link CallLimits#inFlight} at the
 * agent at once, each in flight at most once, one the agent did not take (pool full, 503, refused
 * or reset connection, timeout) sent again after a backoff on the same subscription; only one the
 * agent refused (4xx) waits for the next SUBSCRIBE, and a 403 "not subscribed" re-subscribes. A broken connection is retried as {@link ReconnectPolicy} says; when
 * it gives up, the guardian gets {@link ExecutorGuardian.LinkLost}. Only the newest subscription's
 * events and answers count; its outbox is discarded with it.
 */
public final class AgentLink extends AbstractBehavior<AgentLink.Command> {
  public sealed interface Command {}

  /** Sends {@code status} (task id, state, data ...) as an UPDATE; uuid and source are added here. */
  public record SendUpdate(TaskStatus status) implements Command {}

  /** Answers once every update has been handed to the agent (2xx), or when {@code within} passed. */
  public record Flush(Duration within, ActorRef<Done> replyTo) implements Command {}

  private record Subscribed(Subscription<Call, Event> subscription, int generation) implements Command {}

  private record Lost(String why, int generation) implements Command {}

  private record Received(Event event, int generation) implements Command {}

  private record CallDelivered(long id, int generation) implements Command {}

  private record CallFailed(long id, Throwable failure, int generation) implements Command {}

  private record RetryDue(Outbox.Entry<Call> entry, int generation) implements Command {}

  private enum Tick implements Command { RESUBSCRIBE, FLUSH_DEADLINE }

  private final ExecutorEnv env;
  private final MesosClient<Call, Event> client;
  private final ActorRef<ExecutorGuardian.Command> pods;
  private final ReconnectPolicy policy;
  private final CallLimits limits;
  private final TimerScheduler<Command> timers;
  private final UpdateLedger ledger = new UpdateLedger();
  /** The current subscription's UPDATEs; a new one per SUBSCRIBE. */
  private Deliveries deliveries;
  private final FrameworkID frameworkId;
  private final ExecutorID executorId;
  private Subscription<Call, Event> subscription;
  private boolean connected;
  private int generation;
  private long disconnectedSinceNanos = System.nanoTime();
  private Flush flush;

  /** Sends calls as {@code k8sm.executor.calls-in-flight} and {@code call-retry-min/max} say. */
  public static Behavior<Command> create(ExecutorEnv env, MesosClient<Call, Event> client,
      ActorRef<ExecutorGuardian.Command> pods, ReconnectPolicy policy) {
    return Behaviors.setup(ctx -> Behaviors.withTimers(timers -> new AgentLink(ctx, env, client, pods, policy,
        CallLimits.fromConfig(ctx.getSystem().settings().config()), timers)));
  }

  private AgentLink(ActorContext<Command> ctx, ExecutorEnv env, MesosClient<Call, Event> client,
      ActorRef<ExecutorGuardian.Command> pods, ReconnectPolicy policy, CallLimits limits,
      TimerScheduler<Command> timers) {
    super(ctx);
    this.env = env;
    this.client = client;
    this.pods = pods;
    this.policy = policy;
    this.limits = limits;
    this.timers = timers;
    this.frameworkId = FrameworkID.newBuilder().setValue(env.frameworkId()).build();
    this.executorId = ExecutorID.newBuilder().setValue(env.executorId()).build();
    subscribe();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Subscribed.class, this::onSubscribed)
        .onMessage(Lost.class, this::onLost)
        .onMessage(Received.class, this::onReceived)
        .onMessageEquals(Tick.RESUBSCRIBE, () -> {
          subscribe();
          return this;
        })
        .onMessage(SendUpdate.class, this::onSendUpdate)
        .onMessage(CallDelivered.class, this::onCallDelivered)
        .onMessage(CallFailed.class, this::onCallFailed)
        .onMessage(RetryDue.class, this::onRetryDue)
        .onMessage(Flush.class, this::onFlush)
        .onMessageEquals(Tick.FLUSH_DEADLINE, this::answerFlush)
        .onSignal(PostStop.class, s -> {
          if (subscription != null) {
            subscription.close();
          }
          return this;
        })
        .build();
  }

  private void subscribe() {
    int gen = ++generation;
    Call call = ledger.subscribe(frameworkId, executorId);
    deliveries = new Deliveries(limits, ledger.unacknowledgedUpdates());
    getContext().getLog().info("Subscribing to the agent at {} ({} unacknowledged updates, {} tasks)",
        env.agentEndpoint(), call.getSubscribe().getUnacknowledgedUpdatesCount(),
        call.getSubscribe().getUnacknowledgedTasksCount());
    getContext().pipeToSelf(client.subscribe(call), (sub, failure) -> failure == null
        ? new Subscribed(sub, gen) : new Lost("SUBSCRIBE failed: " + failure.getMessage(), gen));
  }

  private Behavior<Command> onSubscribed(Subscribed s) {
    if (s.generation() != generation) {
      s.subscription().close();
      return this;
    }
    subscription = s.subscription();
    int gen = s.generation();
    ActorRef<Command> self = getContext().getSelf();
    subscription.events()
        .runWith(Sink.foreach(e -> self.tell(new Received(e, gen))), getContext().getSystem())
        .whenComplete((done, failure) -> self.tell(new Lost(failure == null
            ? "the agent ended the event stream" : "event stream failed: " + failure.getMessage(), gen)));
    return this;
  }

  private Behavior<Command> onReceived(Received r) {
    if (r.generation() != generation) {
      return this;
    }
    Event e = r.event();
    switch (e.getType()) {
      case SUBSCRIBED -> {
        getContext().getLog().info("Subscribed to the agent at {}", env.agentEndpoint());
        connected = true;
        boolean killing = e.getSubscribed().getFrameworkInfo().getCapabilitiesList().stream()
            .anyMatch(c -> c.getType() == FrameworkInfo.Capability.Type.TASK_KILLING_STATE);
        pods.tell(new ExecutorGuardian.AgentSubscribed(killing));
        ledger.unacknowledgedUpdates().forEach(this::post); // those not carried in the SUBSCRIBE
      }
      case LAUNCH -> launch(e.getLaunch().getTask());
      case LAUNCH_GROUP -> e.getLaunchGroup().getTaskGroup().getTasksList().forEach(this::launch);
      case KILL -> {
        var kill = e.getKill();
        Optional<Duration> grace = kill.hasKillPolicy() && kill.getKillPolicy().hasGracePeriod()
            ? Optional.of(Duration.ofNanos(kill.getKillPolicy().getGracePeriod().getNanoseconds()))
            : Optional.empty();
        pods.tell(new ExecutorGuardian.Kill(kill.getTaskId(), grace));
      }
      case ACKNOWLEDGED -> {
        ledger.acknowledged(e.getAcknowledged().getTaskId().getValue(), e.getAcknowledged().getUuid());
        maybeAnswerFlush();
      }
      case SHUTDOWN -> pods.tell(new ExecutorGuardian.Shutdown(env.shutdownGracePeriod()));
      case ERROR -> {
        // The agent gave up on this subscription: treat it as a lost connection and re-subscribe.
        return onLost(new Lost("the agent sent ERROR: " + e.getError().getMessage(), r.generation()));
      }
      default -> getContext().getLog().debug("Ignoring {} from the agent", e.getType());
    }
    return this;
  }

  private void launch(org.apache.mesos.v1.Protos.TaskInfo task) {
    ledger.launched(task);
    pods.tell(new ExecutorGuardian.Launch(task));
  }

  private Behavior<Command> onLost(Lost lost) {
    if (lost.generation() != generation) {
      return this;
    }
    if (connected) {
      disconnectedSinceNanos = System.nanoTime();
    }
    connected = false;
    if (subscription != null) {
      subscription.close();
      subscription = null;
    }
    Duration down = Duration.ofNanos(System.nanoTime() - disconnectedSinceNanos);
    ReconnectPolicy.Decision decision = policy.next(down);
    if (decision instanceof ReconnectPolicy.RetryAfter retry) {
      getContext().getLog().warn("Agent link lost ({}); re-subscribing in {} ms", lost.why(), retry.delay().toMillis());
      timers.startSingleTimer(Tick.RESUBSCRIBE, retry.delay());
    } else {
      String reason = ((ReconnectPolicy.GiveUp) decision).reason();
      getContext().getLog().error("Agent link lost ({}): {}", lost.why(), reason);
      generation++;
      pods.tell(new ExecutorGuardian.LinkLost(reason));
    }
    return this;
  }

  private Behavior<Command> onSendUpdate(SendUpdate send) {
    TaskStatus status = send.status().toBuilder().setUuid(newUuid()).setSource(TaskStatus.Source.SOURCE_EXECUTOR)
        .setExecutorId(executorId).setTimestamp(System.currentTimeMillis() / 1000.0).build();
    ledger.sent(status);
    getContext().getLog().info("Task {} is {}: {}", status.getTaskId().getValue(), status.getState(), status.getMessage());
    if (connected) {
      post(status);
    }
    return this;
  }

  private void post(TaskStatus status) {
    deliveries.post(Call.newBuilder().setType(Call.Type.UPDATE).setFrameworkId(frameworkId).setExecutorId(executorId)
        .setUpdate(Call.Update.newBuilder().setStatus(status)).build());
    pump();
  }

  /** Sends whatever the outbox lets out now; nothing while disconnected (the next SUBSCRIBE carries it). */
  private void pump() {
    if (!connected) {
      return;
    }
    int gen = generation;
    for (Outbox.Entry<Call> e : deliveries.take()) {
      getContext().pipeToSelf(subscription.send(e.call()),
          (done, failure) -> failure == null ? new CallDelivered(e.id(), gen) : new CallFailed(e.id(), failure, gen));
    }
  }

  private Behavior<Command> onCallDelivered(CallDelivered d) {
    if (d.generation() != generation) {
      return this;
    }
    deliveries.delivered(d.id());
    pump();
    maybeAnswerFlush();
    return this;
  }

  private Behavior<Command> onCallFailed(CallFailed f) {
    if (f.generation() != generation) {
      return this;
    }
    Outbox.Verdict<Call> verdict = deliveries.failed(f.id(), f.failure());
    if (verdict instanceof Outbox.Retry<Call> r) {
      getContext().getLog().debug("{} failed ({}); sending it again in {} ms", r.entry().call().getType(), r.reason(),
          r.after().toMillis());
      timers.startSingleTimer(new RetryDue(r.entry(), generation), new RetryDue(r.entry(), generation), r.after());
    } else if (verdict instanceof Outbox.Drop<Call> d) {
      getContext().getLog().warn("{} dropped: {}; an UPDATE goes in the next SUBSCRIBE", d.entry().call().getType(),
          d.reason());
    } else if (verdict instanceof Outbox.Resubscribe<Call> r) {
      return onLost(new Lost(r.reason(), generation));
    }
    pump();
    maybeAnswerFlush();
    return this;
  }

  private Behavior<Command> onRetryDue(RetryDue r) {
    if (r.generation() == generation && connected) {
      deliveries.due(r.entry());
      pump();
    }
    return this;
  }

  private Behavior<Command> onFlush(Flush f) {
    flush = f;
    timers.startSingleTimer(Tick.FLUSH_DEADLINE, f.within());
    maybeAnswerFlush();
    return this;
  }

  private void maybeAnswerFlush() {
    boolean allHandedOver = connected && deliveries.allHandedOver(ledger.unacknowledgedUpdates());
    if (flush != null && (allHandedOver || ledger.isEmpty())) {
      answerFlush();
    }
  }

  private Behavior<Command> answerFlush() {
    if (flush != null) {
      flush.replyTo().tell(Done.getInstance());
      flush = null;
      timers.cancel(Tick.FLUSH_DEADLINE);
    }
    return this;
  }

  static ByteString newUuid() {
    UUID uuid = UUID.randomUUID();
    return ByteString.copyFrom(ByteBuffer.allocate(16)
        .putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits()).array());
  }
}
