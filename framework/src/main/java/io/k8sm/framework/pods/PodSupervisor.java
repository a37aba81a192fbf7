package io.k8sm.framework.pods;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.k8sm.framework.mesos.MesosBridge;
import io.k8sm.framework.mesos.MesosCalls;
import io.k8sm.framework.store.PodRecord;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Creates and finds pod actors and routes task status updates to them by task id.
 *
 * <p>Invariants: one pod actor per {@code namespace/name} while it lives (a second create is
 * refused, also while the first is terminating); an update for a task no pod owns is receipted at
 * once and, if the task still runs, killed (an orphan from an earlier scheduler life).
 */
public final class PodSupervisor extends AbstractBehavior<PodSupervisor.Command> {

  public sealed interface Command {}

  public record CreatePod(PodSpec spec, ActorRef<CreateResult> replyTo) implements Command {}

  public record DeletePod(String key, ActorRef<DeleteResult> replyTo) implements Command {}

  /** From the bridge: route to the owning pod, which receipts to {@code ackTo}. */
  public record TaskUpdate(TaskStatus status, ActorRef<MesosBridge.Command> ackTo) implements Command {}

  /** Mesos removed our framework: every task of every pod is gone. */
  public record FrameworkRemoved(String reason) implements Command {}

  private record PodStopped(String key, ActorRef<PodActor.Command> pod) implements Command {}

  public sealed interface CreateResult {}

  public record Created(PodRecord record) implements CreateResult {}

  public record AlreadyExists(String message) implements CreateResult {}

  public sealed interface DeleteResult {}

  public record Deleted(PodRecord record) implements DeleteResult {}

  public record NotFound(String message) implements DeleteResult {}

  private final PodDeps deps;
  private final Map<String, ActorRef<PodActor.Command>> pods = new HashMap<>();

  public static Behavior<Command> create(PodDeps deps) {
    return Behaviors.setup(ctx -> new PodSupervisor(ctx, deps));
  }

  private PodSupervisor(ActorContext<Command> context, PodDeps deps) {
    super(context);
    this.deps = deps;
    // After a restart (children kept) find the live pod actors again by their names.
    for (ActorRef<Void> child : context.getChildren()) {
      String[] parts = child.path().name().split("\\.");
      if (parts.length == 3) {
        ActorRef<PodActor.Command> pod = child.unsafeUpcast();
        String key = parts[0] + "/" + parts[1];
        context.watchWith(pod, new PodStopped(key, pod));
        pods.put(key, pod);
      }
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(CreatePod.class, this::onCreate)
        .onMessage(DeletePod.class, this::onDelete)
        .onMessage(TaskUpdate.class, this::onUpdate)
        .onMessage(FrameworkRemoved.class, m -> {
          pods.values().forEach(p -> p.tell(new PodActor.TasksLost(m.reason())));
          return this;
        })
        .onMessage(PodStopped.class, this::onStopped)
        .build();
  }

  private Behavior<Command> onCreate(CreatePod m) {
    String key = m.spec().key();
    if (pods.containsKey(key)) {
      m.replyTo().tell(new AlreadyExists("pod \"" + m.spec().name() + "\" already exists"));
      return this;
    }
    // A failing pod actor keeps its state (resume): restarting it blank would lose track of its
    // live task. Persistence will turn this into restart-and-recover.
    Behavior<PodActor.Command> behavior = Behaviors.supervise(PodActor.create(m.spec(), deps, m.replyTo()))
        .onFailure(SupervisorStrategy.resume());
    ActorRef<PodActor.Command> pod = getContext().spawn(behavior,
        m.spec().namespace() + "." + m.spec().name() + "." + m.spec().uid());
    getContext().watchWith(pod, new PodStopped(key, pod));
    pods.put(key, pod);
    return this;
  }

  private Behavior<Command> onDelete(DeletePod m) {
    ActorRef<PodActor.Command> pod = pods.get(m.key());
    if (pod == null) {
      m.replyTo().tell(new NotFound("pod \"" + m.key().substring(m.key().indexOf('/') + 1) + "\" not found"));
    } else {
      pod.tell(new PodActor.Delete(m.replyTo()));
    }
    return this;
  }

  private Behavior<Command> onUpdate(TaskUpdate m) {
    TaskStatus s = m.status();
    Optional<ActorRef<PodActor.Command>> pod = TaskIds.podKey(s.getTaskId()).map(pods::get);
    if (pod.isPresent()) {
      pod.get().tell(new PodActor.TaskUpdate(s, m.ackTo()));
      return this;
    }
    m.ackTo().tell(new MesosCalls.UpdateTaken(s));
    if (!PodLifecycle.terminal(s.getState())) {
      getContext().getLog().warn("task {} ({}) belongs to no pod: killing it", s.getTaskId().getValue(), s.getState());
      deps.bridge().tell(new MesosCalls.Kill(s.getTaskId(), s.hasAgentId() ? Optional.of(s.getAgentId()) : Optional.empty(),
          Duration.ZERO));
    }
    return this;
  }

  private Behavior<Command> onStopped(PodStopped m) {
    pods.remove(m.key(), m.pod());
    return this;
  }
}
