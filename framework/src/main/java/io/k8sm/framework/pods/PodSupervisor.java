package io.k8sm.framework.pods;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.RecoveryFailed;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.Effect;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import akka.persistence.typed.javadsl.RetentionCriteria;
import akka.persistence.typed.javadsl.SignalHandler;
import io.k8sm.framework.mesos.MesosBridge;
import io.k8sm.framework.mesos.MesosCalls;
import io.k8sm.framework.store.PodRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Creates and finds pod actors, keeps the durable {@link PodRegistry} of them (every registered pod
 * is brought back at start and recovers from its own journal), routes task status updates by task
 * id, and answers reconciliation with the tasks its pods hold.
 *
 * <p>Invariants: one pod per {@code namespace/name} while it lives (a second create is refused,
 * also while the first is terminating); a pod is registered before its actor exists and
 * unregistered only after it persisted its removal; an update for a task no pod owns is receipted
 * at once and, if the task still runs, killed (an orphan from an earlier scheduler life).
 */
public final class PodSupervisor extends EventSourcedBehavior<PodSupervisor.Command, PodRegistry.Event, PodRegistry> {

  public sealed interface Command {}

  public record CreatePod(PodSpec spec, ActorRef<CreateResult> replyTo) implements Command {}

  public record DeletePod(String key, ActorRef<DeleteResult> replyTo) implements Command {}

  /** From the bridge: route to the owning pod, which receipts to {@code ackTo}. */
  public record TaskUpdate(TaskStatus status, ActorRef<MesosBridge.Command> ackTo) implements Command {}

  /** Mesos removed our framework: every task of every pod is gone. */
  public record FrameworkRemoved(String reason) implements Command {}

  /** The bridge (re)subscribed: reply with every task our pods hold, for explicit reconciliation. */
  public record ListTasks(ActorRef<MesosBridge.Command> replyTo) implements Command {}

  /** A pod's current task (empty when none), sent by the pod on every change. */
  public record PodTask(String key, String taskId, String agentId, PodPhase phase) implements Command {}

  /** A pod persisted its removal (or has no journal): drop it from the registry. */
  public record PodGone(String key, String persistenceId) implements Command {}

  private record PodStopped(String key, ActorRef<PodActor.Command> pod) implements Command {}

  public sealed interface CreateResult {}

  public record Created(PodRecord record) implements CreateResult {}

  public record AlreadyExists(String message) implements CreateResult {}

  public sealed interface DeleteResult {}

  public record Deleted(PodRecord record) implements DeleteResult {}

  public record NotFound(String message) implements DeleteResult {}

  private final ActorContext<Command> ctx;
  private final PodDeps deps;
  private final PodPersistence persistence;
  private final Map<String, ActorRef<PodActor.Command>> live = new HashMap<>();
  private final Map<String, PodTask> tasks = new HashMap<>();

  public static Behavior<Command> create(PodDeps deps, PodPersistence persistence) {
    return Behaviors.setup(ctx -> new PodSupervisor(ctx, deps, persistence));
  }

  private PodSupervisor(ActorContext<Command> ctx, PodDeps deps, PodPersistence persistence) {
    super(PersistenceId.ofUniqueId(persistence.registryId()));
    this.ctx = ctx;
    this.deps = deps;
    this.persistence = persistence;
  }

  @Override
  public PodRegistry emptyState() {
    return PodRegistry.EMPTY;
  }

  @Override
  public EventHandler<PodRegistry, PodRegistry.Event> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(PodRegistry::apply);
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(persistence.snapshotEvery(), persistence.keepSnapshots())
        .withDeleteEventsOnSnapshot();
  }

  @Override
  public SignalHandler<PodRegistry> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::onRecovered)
        .onSignal(RecoveryFailed.class, (state, f) -> persistence.fatal().accept("cannot read the pod registry "
            + persistence.registryId() + " from the store: " + f.getFailure().getMessage()))
        .build();
  }

  /** Brings back every registered pod (a restart of this actor finds the ones still alive as children). */
  private void onRecovered(PodRegistry registry) {
    if (!registry.pods().isEmpty()) ctx.getLog().info("recovering {} pod(s)", registry.pods().size());
    registry.pods().forEach((key, pid) -> {
      Optional<ActorRef<Void>> child = ctx.getChild(pid);
      if (child.isPresent()) {
        ActorRef<PodActor.Command> pod = child.get().unsafeUpcast();
        ctx.watchWith(pod, new PodStopped(key, pod));
        live.put(key, pod);
      } else {
        spawn(key, pid, Optional.empty(), ctx.getSystem().ignoreRef());
      }
    });
  }

  @Override
  public CommandHandler<Command, PodRegistry.Event, PodRegistry> commandHandler() {
    return newCommandHandlerBuilder().forAnyState()
        .onCommand(CreatePod.class, this::onCreate)
        .onCommand(DeletePod.class, this::onDelete)
        .onCommand(TaskUpdate.class, this::onUpdate)
        .onCommand(FrameworkRemoved.class, (s, m) -> {
          live.values().forEach(p -> p.tell(new PodActor.TasksLost(m.reason())));
          return Effect().none();
        })
        .onCommand(ListTasks.class, (s, m) -> {
          m.replyTo().tell(new MesosCalls.KnownTasks(knownTasks()));
          return Effect().none();
        })
        .onCommand(PodTask.class, (s, m) -> {
          tasks.put(m.key(), m);
          return Effect().none();
        })
        .onCommand(PodGone.class, this::onGone)
        .onCommand(PodStopped.class, (s, m) -> {
          live.remove(m.key(), m.pod());
          return Effect().none();
        })
        .build();
  }

  private Effect<PodRegistry.Event, PodRegistry> onCreate(PodRegistry registry, CreatePod m) {
    String key = m.spec().key();
    if (registry.pods().containsKey(key) || live.containsKey(key)) {
      m.replyTo().tell(new AlreadyExists("pod \"" + m.spec().name() + "\" already exists"));
      return Effect().none();
    }
    String pid = "pod-" + m.spec().namespace() + "." + m.spec().name() + "." + m.spec().uid();
    return Effect().persist(new PodRegistry.PodRegistered(key, pid))
        .thenRun(r -> spawn(key, pid, Optional.of(m.spec()), m.replyTo()));
  }

  private void spawn(String key, String pid, Optional<PodSpec> fresh, ActorRef<CreateResult> creator) {
    // A failing pod actor restarts and recovers its state from the journal.
    Behavior<PodActor.Command> behavior = Behaviors.supervise(PodActor.create(pid, fresh, deps, persistence, creator,
        ctx.getSelf())).onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10),
        0.2));
    ActorRef<PodActor.Command> pod = ctx.spawn(behavior, pid);
    ctx.watchWith(pod, new PodStopped(key, pod));
    live.put(key, pod);
  }

  private Effect<PodRegistry.Event, PodRegistry> onDelete(PodRegistry registry, DeletePod m) {
    ActorRef<PodActor.Command> pod = live.get(m.key());
    if (pod == null) {
      m.replyTo().tell(new NotFound("pod \"" + m.key().substring(m.key().indexOf('/') + 1) + "\" not found"));
    } else {
      pod.tell(new PodActor.Delete(m.replyTo()));
    }
    return Effect().none();
  }

  private Effect<PodRegistry.Event, PodRegistry> onUpdate(PodRegistry registry, TaskUpdate m) {
    TaskStatus s = m.status();
    Optional<ActorRef<PodActor.Command>> pod = TaskIds.podKey(s.getTaskId()).map(live::get);
    if (pod.isPresent()) {
      pod.get().tell(new PodActor.TaskUpdate(s, m.ackTo()));
      return Effect().none();
    }
    m.ackTo().tell(new MesosCalls.UpdateTaken(s));
    if (Reconciliation.judge(null, PodPhase.PENDING, PodSpec.RestartPolicy.NEVER, s.getTaskId().getValue(), s.getState())
        instanceof Reconciliation.Verdict.Kill k) {
      ctx.getLog().warn("{}: killing it", k.why());
      deps.bridge().tell(new MesosCalls.Kill(s.getTaskId(), s.hasAgentId() ? Optional.of(s.getAgentId()) : Optional.empty(),
          Duration.ZERO));
    }
    return Effect().none();
  }

  private Effect<PodRegistry.Event, PodRegistry> onGone(PodRegistry registry, PodGone m) {
    // A pod with no journal does not know its key: find it by persistence id.
    Optional<String> key = registry.pods().entrySet().stream().filter(e -> e.getValue().equals(m.persistenceId()))
        .map(Map.Entry::getKey).findFirst();
    key.ifPresent(tasks::remove);
    return key.isEmpty() ? Effect().none() : Effect().persist(new PodRegistry.PodUnregistered(key.get()));
  }

  private List<MesosCalls.KnownTask> knownTasks() {
    return tasks.values().stream().filter(t -> !t.taskId().isEmpty() && !t.phase().ended())
        .map(t -> new MesosCalls.KnownTask(TaskID.newBuilder().setValue(t.taskId()).build(),
            t.agentId().isEmpty() ? Optional.empty() : Optional.of(AgentID.newBuilder().setValue(t.agentId()).build())))
        .toList();
  }
}
