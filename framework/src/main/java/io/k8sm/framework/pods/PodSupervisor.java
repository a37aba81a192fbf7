package io.k8sm.framework.pods;

import akka.actor.typed.ActorRef;
import akka.actor.typed.BackoffSupervisorStrategy;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.k8sm.framework.mesos.MesosBridge;
import io.k8sm.framework.mesos.MesosCalls;
import io.k8sm.framework.store.ObjectStore;
import io.k8sm.framework.store.PodRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Creates and finds pod actors, routes task status updates by task id, and answers reconciliation
 * with the tasks its pods hold. A plain actor: it never waits for a journal write, so a burst of
 * creates cannot hold up updates, notes or queries. The durable list of pods lives in its child
 * {@link PodRegistrar}; registrations are written there in batches ({@link RegistryWrites}: one
 * write in flight, everything that arrives meanwhile goes into the next), so one journal write
 * serves many creates.
 *
 * <p>Invariants: one pod per {@code namespace/name} while it lives (a second create is refused,
 * also while the first one's registration is being written and while it is terminating); a pod is
 * registered (persisted) before its actor exists, and the create is answered by that actor; it is
 * unregistered only after it persisted its removal; an update for a task no pod owns is receipted
 * at once and, if the task still runs, killed (an orphan from an earlier scheduler life). At start
 * it reads the registry and brings every registered pod back, each recovering from its own journal;
 * until then it keeps what arrives (the only stash, once, bounded by {@link #START_STASH}). A
 * restart (its registrar failed, say) finds the pod actors still alive as children.
 */
public final class PodSupervisor extends AbstractBehavior<PodSupervisor.Command> {

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

  record RegistryRead(PodRegistry registry) implements Command {}

  private record ListTasksOverdue() implements Command {}

  /** The bulk read of the pods to bring back ({@link StartupRead}); null states when it failed. */
  record StartupStates(PodRegistry registry, Map<String, PodState> states, Throwable failure)
      implements Command {}

  private record RegistryWritten(List<PodRegistry.Event> events) implements Command {}

  record RegistrarStopped() implements Command {}

  public sealed interface CreateResult {}

  public record Created(PodRecord record) implements CreateResult {}

  public record AlreadyExists(String message) implements CreateResult {}

  public sealed interface DeleteResult {}

  public record Deleted(PodRecord record) implements DeleteResult {}

  public record NotFound(String message) implements DeleteResult {}

  /** Commands kept while the registry is read at start (a burst of that size fails the start loudly). */
  static final int START_STASH = 1 << 20;
  /** How long a task list waits for pods still recovering before it is answered with what is known. */
  static final Duration LIST_TASKS_PATIENCE = Duration.ofSeconds(30);
  /** Every pod's persistence id starts with this. */
  static final String PID_PREFIX = "pod-";
  /** Most registry events in one journal write. */
  static final int MAX_BATCH = 1000;
  /** A failing pod actor restarts and recovers its state from the journal; one instance serves every pod. */
  private static final BackoffSupervisorStrategy POD_RESTARTS = SupervisorStrategy.restartWithBackoff(
      Duration.ofMillis(200), Duration.ofSeconds(10), 0.2);

  private final ActorContext<Command> ctx;
  private final PodDeps deps;
  private final PodPersistence persistence;
  private final ActorRef<PodRegistrar.Command> registrar;
  private final ActorRef<PodRegistrar.Written> written;
  private final RegistryWrites writes = new RegistryWrites(MAX_BATCH);
  /** Registered pods: key to persistence id, and back. */
  private final Map<String, String> registered = new HashMap<>();
  private final Map<String, String> keysByPid = new HashMap<>();
  private final Map<String, ActorRef<PodActor.Command>> live = new HashMap<>();
  private final TaskListing tasks = new TaskListing();

  public static Behavior<Command> create(PodDeps deps, PodPersistence persistence) {
    return Behaviors.setup(ctx -> Behaviors.withStash(START_STASH, stash -> PodSupervisorStart.starting(ctx, stash, deps, persistence)));
  }

  PodSupervisor(ActorContext<Command> ctx, PodDeps deps, PodPersistence persistence,
      ActorRef<PodRegistrar.Command> registrar, PodRegistry registry, Map<String, PodState> stored) {
    super(ctx);
    this.ctx = ctx;
    this.deps = deps;
    this.persistence = persistence;
    this.registrar = registrar;
    this.written = ctx.messageAdapter(PodRegistrar.Written.class, w -> new RegistryWritten(w.events()));
    if (!registry.pods().isEmpty()) ctx.getLog().info("recovering {} pod(s)", registry.pods().size());
    registry.pods().forEach((key, pid) -> {
      register(key, pid);
      tasks.expect(key);
    });
    seed(stored);
    registry.pods().forEach((key, pid) -> {
      Optional<ActorRef<Void>> child = ctx.getChild(pid);
      if (child.isPresent()) {
        ActorRef<PodActor.Command> pod = child.get().unsafeUpcast();
        ctx.watchWith(pod, new PodStopped(key, pod));
        live.put(key, pod);
        pod.tell(new PodActor.ReportTask()); // an adopted pod would not say it again until it changes
      } else {
        spawn(key, pid, Optional.empty(), ctx.getSystem().ignoreRef());
      }
    });
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(CreatePod.class, this::onCreate)
        .onMessage(RegistryWritten.class, this::onWritten)
        .onMessage(DeletePod.class, this::onDelete)
        .onMessage(TaskUpdate.class, this::onUpdate)
        .onMessage(FrameworkRemoved.class, m -> {
          live.values().forEach(p -> p.tell(new PodActor.TasksLost(m.reason())));
          return this;
        })
        .onMessage(ListTasks.class, this::onListTasks)
        .onMessage(ListTasksOverdue.class, m -> {
          if (tasks.waiting() > 0) {
            ctx.getLog().warn("listing tasks for reconciliation while {} pod(s) are still recovering", tasks.unreported());
            answer(tasks.overdue());
          }
          return this;
        })
        .onMessage(PodTask.class, m -> answer(tasks.reported(m)))
        .onMessage(PodGone.class, this::onGone)
        .onMessage(PodStopped.class, m -> {
          live.remove(m.key(), m.pod());
          return answer(tasks.forget(m.key()));
        })
        .onMessage(RegistrarStopped.class, PodSupervisor::registrarStopped)
        .build();
  }

  private Behavior<Command> onCreate(CreatePod m) {
    String key = m.spec().key();
    if (registered.containsKey(key) || writes.registering(key)) {
      m.replyTo().tell(new AlreadyExists("pod \"" + m.spec().name() + "\" already exists"));
      return this;
    }
    writes.register(m, PID_PREFIX + m.spec().namespace() + "." + m.spec().name() + "." + m.spec().uid());
    flush();
    return this;
  }

  /** Spawns the pods whose registration is stored; their actors answer the creates. */
  private Behavior<Command> onWritten(RegistryWritten m) {
    for (RegistryWrites.Registered r : writes.written(m.events())) {
      register(r.key(), r.persistenceId());
      spawn(r.key(), r.persistenceId(), Optional.of(r.create().spec()), r.create().replyTo());
    }
    flush();
    return this;
  }

  private void flush() {
    writes.next().ifPresent(batch -> registrar.tell(new PodRegistrar.Write(batch, written)));
  }

  private void register(String key, String pid) {
    registered.put(key, pid);
    keysByPid.put(pid, key);
  }

  private void spawn(String key, String pid, Optional<PodSpec> fresh, ActorRef<CreateResult> creator) {
    Behavior<PodActor.Command> behavior = Behaviors.supervise(PodActor.create(pid, fresh, deps, persistence,
        creator, ctx.getSelf())).onFailure(POD_RESTARTS);
    ActorRef<PodActor.Command> pod = ctx.spawn(behavior, pid);
    ctx.watchWith(pod, new PodStopped(key, pod));
    live.put(key, pod);
  }

  private Behavior<Command> onDelete(DeletePod m) {
    ActorRef<PodActor.Command> pod = live.get(m.key());
    String name = m.key().substring(m.key().indexOf('/') + 1);
    if (pod != null) {
      pod.tell(new PodActor.Delete(m.replyTo()));
    } else if (writes.registering(m.key())) {
      m.replyTo().tell(new NotFound("pod \"" + name + "\" is still being created; delete it once it exists"));
    } else {
      m.replyTo().tell(new NotFound("pod \"" + name + "\" not found"));
    }
    return this;
  }

  private Behavior<Command> onUpdate(TaskUpdate m) {
    TaskStatus s = m.status();
    Optional<ActorRef<PodActor.Command>> pod = TaskIds.podKey(s.getTaskId()).map(live::get);
    if (pod.isPresent()) {
      pod.get().tell(new PodActor.TaskUpdate(s, m.ackTo()));
      return this;
    }
    m.ackTo().tell(new MesosCalls.UpdateTaken(s));
    if (Reconciliation.judge(null, PodPhase.PENDING, PodSpec.RestartPolicy.NEVER, s.getTaskId().getValue(), s.getState())
        instanceof Reconciliation.Verdict.Kill k) {
      ctx.getLog().warn("{}: killing it", k.why());
      deps.bridge().tell(new MesosCalls.Kill(s.getTaskId(), s.hasAgentId() ? Optional.of(s.getAgentId()) : Optional.empty(),
          Duration.ZERO));
    }
    return this;
  }

  /** The name is free from now on; its unregistration is written before any later registration of it. */
  private Behavior<Command> onGone(PodGone m) {
    // A pod with no journal does not know its key: find it by persistence id.
    String key = keysByPid.remove(m.persistenceId());
    if (key == null) return this;
    registered.remove(key);
    live.remove(key);
    answer(tasks.forget(key));
    writes.unregister(key);
    flush();
    return this;
  }

  static Behavior<Command> registrarStopped(RegistrarStopped m) {
    throw new IllegalStateException("the pod registry stopped (a journal write failed); restarting to read it again");
  }

  /**
   * Shows every pod read in bulk at start and lists its task for reconciliation before the pod
   * actors have recovered (each then publishes what it recovered, the same state).
   */
  private void seed(Map<String, PodState> stored) {
    if (stored.isEmpty()) return;
    List<PodRecord> seeds = new java.util.ArrayList<>();
    stored.forEach((pid, s) -> {
      String key = keysByPid.get(pid);
      if (key == null || !s.exists() || !s.spec().key().equals(key)) return;
      seeds.add(s.record(""));
      answer(tasks.seeded(new PodTask(key, s.task(), s.agent(), s.phase())));
    });
    deps.store().tell(new ObjectStore.Seed(seeds));
    ctx.getLog().info("read {} pod(s) from the store at once", seeds.size());
  }

  /** Answered once every recovered pod has reported (or after a patience), so no journal task is left out. */
  private Behavior<Command> onListTasks(ListTasks m) {
    if (tasks.ask(m.replyTo())) return answer(List.of(m.replyTo()));
    if (tasks.waiting() == 1) ctx.scheduleOnce(LIST_TASKS_PATIENCE, ctx.getSelf(), new ListTasksOverdue());
    return this;
  }

  private Behavior<Command> answer(List<ActorRef<MesosBridge.Command>> callers) {
    if (!callers.isEmpty()) {
      MesosCalls.KnownTasks known = new MesosCalls.KnownTasks(tasks.known());
      callers.forEach(c -> c.tell(known));
    }
    return this;
  }
}
