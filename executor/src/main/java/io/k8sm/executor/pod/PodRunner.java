package io.k8sm.executor.pod;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.k8sm.executor.docker.ContainerNames;
import io.k8sm.executor.docker.ContainerNames.PodKey;
import io.k8sm.executor.docker.ContainerSnapshot;
import io.k8sm.protocol.pod.Container;
import io.k8sm.protocol.pod.PodPhase;
import io.k8sm.protocol.pod.PodTask;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Runs one launched task: one pod. Decodes the {@link PodTask}, lets a {@link PodStartup} adopt
 * or create the pod's infra container, then runs one {@link ContainerActor} per app container. It
 * folds the containers' reports into the task state ({@link PodVerdict}) and tells its parent every
 * change as an {@link Update} carrying a {@code PodStatusReport}.
 *
 * <p>Protocol: {@link Kill} stops everything within the grace period, removes the containers,
 * reports TASK_KILLED and ends. A pod that ends by itself is removed too, then reported
 * (FINISHED/FAILED). Invariants: the terminal update is the last one and comes after the pod's
 * containers are gone (clean-up waits for the start-up to end, so nothing it creates is missed);
 * a pending kill is never overridden.
 */
public final class PodRunner extends AbstractBehavior<PodRunner.Command> {
  public sealed interface Command {}

  /**
   * Kills the pod; {@code grace} from the KILL's kill policy, else the task's, else the pod's, else
   * the default. {@code announce}: report TASK_KILLING first (the framework asked for that state).
   */
  public record Kill(Optional<Duration> grace, boolean announce) implements Command {}

  /** A status update for the agent link (uuid and source are added there). */
  public record Update(TaskStatus status) {}

  private record FromStartup(PodStartup.Progress progress) implements Command {}

  private record StartupEnded() implements Command {}

  private record FromContainer(ContainerActor.Reported report) implements Command {}

  private record ContainerGone(ContainerActor.Stopped stopped) implements Command {}

  private enum Tick implements Command { CLEANED }

  private final PodEnv env;
  private final ActorRef<Update> updates;
  private final PodReports reports;
  private final PodTask pod;
  private final PodKey key;
  private final Duration podGrace;
  private ActorRef<PodStartup.Command> startup;
  private final Map<String, ActorRef<ContainerActor.Command>> containers = new LinkedHashMap<>();
  private final Map<String, PodVerdict.ContainerView> views = new LinkedHashMap<>();
  private boolean wasRunning;
  private boolean cleaning;
  private boolean stopsSent;
  private TaskState ending;
  private String endingMessage;

  public static Behavior<Command> create(TaskInfo task, PodEnv env, ActorRef<Update> updates) {
    return Behaviors.setup(ctx -> {
      PodTask pod;
      try {
        pod = PodTasks.decode(task);
      } catch (IllegalArgumentException e) {
        ctx.getLog().warn("Task {}: {}", task.getTaskId().getValue(), e.getMessage());
        updates.tell(new Update(new PodReports(task.getTaskId(), env).undecodable(e.getMessage())));
        return Behaviors.stopped();
      }
      return new PodRunner(ctx, task, pod, env, updates);
    });
  }

  private PodRunner(ActorContext<Command> ctx, TaskInfo task, PodTask pod, PodEnv env, ActorRef<Update> updates) {
    super(ctx);
    this.env = env;
    this.updates = updates;
    this.reports = new PodReports(task.getTaskId(), env);
    this.pod = pod;
    this.podGrace = PodTasks.grace(task, pod, env.settings().defaultGracePeriod());
    key = new PodKey(pod.getNamespace(), pod.getName(), pod.getUid(), task.getTaskId().getValue());
    ctx.getLog().info("Task {}: starting pod {}/{}", key.taskId(), pod.getNamespace(), pod.getName());
    send(TaskState.TASK_STARTING, PodPhase.POD_PENDING, "ContainerCreating", "");
    startup = ctx.spawn(PodStartup.create(env, pod, key, ctx.messageAdapter(PodStartup.Progress.class, FromStartup::new)),
        "startup");
    ctx.watchWith(startup, new StartupEnded());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(FromStartup.class, this::onStartupProgress)
        .onMessage(StartupEnded.class, this::onStartupEnded)
        .onMessage(FromContainer.class, this::onContainerReport)
        .onMessage(Kill.class, this::onKill)
        .onMessage(ContainerGone.class, this::onContainerGone)
        .onMessageEquals(Tick.CLEANED, this::onCleaned)
        .build();
  }

  private Behavior<Command> onStartupProgress(FromStartup from) {
    if (ending != null) {
      return this; // The clean-up follows once the start-up has ended.
    }
    if (from.progress() instanceof PodStartup.PullFailing failing) {
      send(reports.status(pod, TaskState.TASK_STARTING, PodPhase.POD_PENDING, "ErrImagePull", failing.message(),
          PodReports.pullFailures(pod, failing.failures())));
    } else if (from.progress() instanceof PodStartup.Ready ready) {
      reports.podIp(ready.podIp());
      spawnContainers(ready.infraId(), ready.adopted());
    } else if (from.progress() instanceof PodStartup.Failed failed) {
      getContext().getLog().warn("Task {}: failed: {}", key.taskId(), failed.message());
      end(TaskState.TASK_FAILED, failed.message());
    }
    return this;
  }

  private Behavior<Command> onStartupEnded(StartupEnded ended) {
    startup = null;
    return ending != null ? cleanUp() : this;
  }

  private void spawnContainers(String infraId, Map<String, String> existing) {
    ActorRef<ContainerActor.Reported> reportTo =
        getContext().messageAdapter(ContainerActor.Reported.class, FromContainer::new);
    for (Container c : pod.getContainersList()) {
      Prober.Target target = new Prober.Target(null, infraId, reports.hostPorts(c));
      containers.put(c.getName(), getContext().spawn(ContainerActor.create(env, key, c, pod.getRestartPolicy(),
          target, podGrace, Optional.ofNullable(existing.get(c.getName())), reportTo), "container-" + containers.size()));
    }
  }

  private Behavior<Command> onContainerReport(FromContainer from) {
    var r = from.report();
    views.put(r.name(), new PodVerdict.ContainerView(r.status(), r.staysDown()));
    if (ending != null) {
      return this;
    }
    PodVerdict.Verdict verdict = PodVerdict.of(views.values(), pod.getContainersCount(), wasRunning);
    wasRunning |= verdict.state() == TaskState.TASK_RUNNING;
    if (verdict.terminal()) {
      getContext().getLog().info("Task {}: pod ended: {} {}", key.taskId(), verdict.state(), verdict.message());
      end(verdict.state(), verdict.message());
      return stopContainers(Duration.ZERO);
    }
    send(verdict.state(), verdict.phase(), verdict.reason(), verdict.message());
    return this;
  }

  private Behavior<Command> onKill(Kill kill) {
    if (ending != null) {
      return this; // Already ending: the terminal update follows.
    }
    Duration grace = kill.grace().orElse(podGrace);
    getContext().getLog().info("Task {}: killing pod (grace {} ms)", key.taskId(), grace.toMillis());
    if (kill.announce()) {
      send(TaskState.TASK_KILLING, wasRunning ? PodPhase.POD_RUNNING : PodPhase.POD_PENDING, "Killing",
          "stopping within " + grace.toMillis() + " ms");
    }
    end(TaskState.TASK_KILLED, "killed by the framework");
    return containers.isEmpty() ? cleanUp() : stopContainers(grace);
  }

  /** The pod is ending for {@code why}; the start-up, if still under way, gives up. */
  private void end(TaskState state, String why) {
    ending = state;
    endingMessage = why;
    if (startup != null) {
      startup.tell(new PodStartup.Abort());
    }
  }

  private Behavior<Command> stopContainers(Duration grace) {
    if (containers.isEmpty()) {
      return cleanUp();
    }
    if (!stopsSent) {
      // Once: a later reason to end (a failure, a second KILL) never shortens the first grace period.
      stopsSent = true;
      ActorRef<ContainerActor.Stopped> replyTo =
          getContext().messageAdapter(ContainerActor.Stopped.class, ContainerGone::new);
      containers.values().forEach(c -> c.tell(new ContainerActor.Stop(grace, replyTo)));
    }
    return this;
  }

  private Behavior<Command> onContainerGone(ContainerGone gone) {
    containers.remove(gone.stopped().name());
    return containers.isEmpty() ? cleanUp() : this;
  }

  /** Removes whatever is left of the task (the infra container, anything half-created). */
  private Behavior<Command> cleanUp() {
    if (!containers.isEmpty()) {
      return stopContainers(Duration.ZERO);
    }
    if (startup != null || cleaning) {
      return this; // After the start-up's last step; one removal pass, one terminal update.
    }
    cleaning = true;
    getContext().pipeToSelf(env.docker().list(ContainerNames.taskFilter(env.owner(), key.taskId()))
            .thenCompose(all -> env.docker().removeAll(all.stream().map(ContainerSnapshot::id).toList())),
        (v, f) -> Tick.CLEANED);
    return this;
  }

  private Behavior<Command> onCleaned() {
    var last = PodVerdict.ended(ending, endingMessage, PodVerdict.of(views.values(), pod.getContainersCount(), wasRunning));
    getContext().getLog().info("Task {}: {} ({})", key.taskId(), ending, endingMessage);
    send(last.state(), last.phase(), last.reason(), last.message());
    return Behaviors.stopped();
  }

  private void send(TaskState state, PodPhase phase, String reason, String message) {
    send(reports.status(pod, state, phase, reason, message, PodReports.statuses(pod, views)));
  }

  private void send(TaskStatus status) {
    if (reports.changed(status)) {
      updates.tell(new Update(status));
    }
  }
}
