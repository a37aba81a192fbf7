package io.k8sm.executor.pod;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.k8sm.executor.docker.ContainerNames;
import io.k8sm.executor.docker.ContainerNames.PodKey;
import io.k8sm.executor.docker.ContainerSnapshot;
import io.k8sm.protocol.pod.Container;
import io.k8sm.protocol.pod.ContainerStatus;
import io.k8sm.protocol.pod.PodPhase;
import io.k8sm.protocol.pod.PodTask;
import io.k8sm.protocol.pod.Waiting;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Runs one launched task: one pod. Decodes the {@link PodTask}, adopts the task's containers when
 * they already exist (a restarted executor, a re-delivered LAUNCH), else pulls missing images
 * (ErrImagePull, retried with backoff), creates the infra container holding the network namespace
 * and every host port, then one {@link ContainerActor} per app container. It folds the containers'
 * reports into the task state ({@link PodVerdict}) and tells its parent every change as an
 * {@link Update} carrying a {@code PodStatusReport}.
 *
 * <p>Protocol: {@link Kill} stops everything within the grace period, removes the containers,
 * reports TASK_KILLED and ends. A pod that ends by itself is removed too, then reported
 * (FINISHED/FAILED). Invariants: the terminal update is the last one and comes after the pod's
 * containers are gone; a pending kill is never overridden.
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

  private record Found(List<ContainerSnapshot> containers) implements Command {}

  private record Pulled(Map<String, String> failures) implements Command {}

  private record InfraReady(String id, String ip) implements Command {}

  private record PodIp(String ip) implements Command {}

  private record StepFailed(String message) implements Command {}

  private record FromContainer(ContainerActor.Reported report) implements Command {}

  private record ContainerGone(ContainerActor.Stopped stopped) implements Command {}

  private enum Tick implements Command { PULL, RETRY_PULL, CLEANED }

  private final PodEnv env;
  private final ActorRef<Update> updates;
  private final TimerScheduler<Command> timers;
  private final PodReports reports;
  private final PodTask pod;
  private final PodKey key;
  private final Optional<Duration> taskGrace;
  private String infraId;
  private final Map<String, ActorRef<ContainerActor.Command>> containers = new LinkedHashMap<>();
  private final Map<String, PodVerdict.ContainerView> views = new LinkedHashMap<>();
  private int pullAttempts;
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
      return Behaviors.withTimers(timers -> new PodRunner(ctx, task, pod, env, updates, timers));
    });
  }

  private PodRunner(ActorContext<Command> ctx, TaskInfo task, PodTask pod, PodEnv env,
      ActorRef<Update> updates, TimerScheduler<Command> timers) {
    super(ctx);
    this.env = env;
    this.updates = updates;
    this.timers = timers;
    this.reports = new PodReports(task.getTaskId(), env);
    this.pod = pod;
    this.taskGrace = task.hasKillPolicy() && task.getKillPolicy().hasGracePeriod()
        ? Optional.of(Duration.ofNanos(task.getKillPolicy().getGracePeriod().getNanoseconds())) : Optional.empty();
    key = new PodKey(pod.getNamespace(), pod.getName(), pod.getUid(), task.getTaskId().getValue());
    ctx.getLog().info("Task {}: starting pod {}/{}", key.taskId(), pod.getNamespace(), pod.getName());
    send(reports.status(pod, TaskState.TASK_STARTING, PodPhase.POD_PENDING, "ContainerCreating", "", statuses()));
    ctx.pipeToSelf(env.docker().list(ContainerNames.taskFilter(env.owner(), key.taskId())),
        (found, failure) -> failure == null ? new Found(found) : new StepFailed(ContainerActor.message(failure)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Found.class, this::onFound)
        .onMessageEquals(Tick.PULL, this::pull)
        .onMessageEquals(Tick.RETRY_PULL, this::pull)
        .onMessage(Pulled.class, this::onPulled)
        .onMessage(InfraReady.class, this::onInfraReady)
        .onMessage(PodIp.class, ip -> {
          reports.podIp(ip.ip());
          return this;
        })
        .onMessage(StepFailed.class, this::onStepFailed)
        .onMessage(FromContainer.class, this::onContainerReport)
        .onMessage(Kill.class, this::onKill)
        .onMessage(ContainerGone.class, this::onContainerGone)
        .onMessageEquals(Tick.CLEANED, this::onCleaned)
        .build();
  }

  private Behavior<Command> onFound(Found found) {
    if (ending != null) {
      return cleanUp();
    }
    Adoption.Plan plan = Adoption.plan(found.containers());
    if (plan instanceof Adoption.Adopt adopt) {
      getContext().getLog().info("Task {}: adopting its running infra container and {} app containers",
          key.taskId(), adopt.apps().size());
      infraId = adopt.infraId();
      getContext().pipeToSelf(env.docker().ipAddress(infraId), (ip, failure) -> new PodIp(failure == null ? ip : ""));
      spawnContainers(adopt.apps());
      return this;
    }
    List<String> stale = ((Adoption.Fresh) plan).stale();
    if (stale.isEmpty()) {
      return pull();
    }
    getContext().getLog().info("Task {}: removing {} containers left without a running infra container", key.taskId(), stale.size());
    // Removed before anything is created again: the new containers reuse the old names.
    getContext().pipeToSelf(env.docker().removeAll(stale), (v, failure) -> failure == null
        ? Tick.PULL : new StepFailed("cannot remove stale containers: " + ContainerActor.message(failure)));
    return this;
  }

  private Behavior<Command> pull() {
    if (ending != null) {
      return cleanUp();
    }
    getContext().pipeToSelf(new ImagePuller(env.docker()).ensure(ImagePuller.imagesOf(pod, env.settings().infraImage())),
        (failures, failure) -> failure == null ? new Pulled(failures) : new StepFailed(ContainerActor.message(failure)));
    return this;
  }

  private Behavior<Command> onPulled(Pulled pulled) {
    if (ending != null) {
      return cleanUp();
    }
    if (!pulled.failures().isEmpty()) {
      Duration delay = env.settings().pullBackoff().delay(pullAttempts++);
      String message = String.join("; ", pulled.failures().values());
      getContext().getLog().warn("Task {}: ErrImagePull (retry in {} ms): {}", key.taskId(), delay.toMillis(), message);
      // The attempt number makes every retry a visible update (progress, and proof of the retry).
      send(reports.status(pod, TaskState.TASK_STARTING, PodPhase.POD_PENDING, "ErrImagePull",
          message + " (attempt " + pullAttempts + ", next in " + delay.toMillis() + " ms)",
          PodReports.pullFailures(pod, pulled.failures())));
      timers.startSingleTimer(Tick.RETRY_PULL, delay);
      return this;
    }
    var plan = ContainerPlans.infra(pod, key, env.owner(), env.settings().infraImage(), env.settings().hostIp());
    var docker = env.docker();
    getContext().pipeToSelf(docker.create(plan).thenCompose(id -> docker.start(id)
            .thenCompose(v -> docker.ipAddress(id)).thenApply(ip -> new InfraReady(id, ip))),
        (ready, failure) -> failure == null ? ready
            : new StepFailed("infra container: " + ContainerActor.message(failure)));
    return this;
  }

  private Behavior<Command> onInfraReady(InfraReady ready) {
    infraId = ready.id();
    reports.podIp(ready.ip());
    if (ending != null) {
      return cleanUp();
    }
    spawnContainers(Map.of());
    return this;
  }

  private void spawnContainers(Map<String, String> existing) {
    ActorRef<ContainerActor.Reported> reportTo =
        getContext().messageAdapter(ContainerActor.Reported.class, FromContainer::new);
    for (Container c : pod.getContainersList()) {
      Prober.Target target = new Prober.Target(null, infraId, reports.hostPorts(c));
      containers.put(c.getName(), getContext().spawn(ContainerActor.create(env, key, c, pod.getRestartPolicy(),
          target, podGrace(), Optional.ofNullable(existing.get(c.getName())), reportTo), "container-" + containers.size()));
    }
  }

  private Behavior<Command> onStepFailed(StepFailed failed) {
    if (ending == null) {
      getContext().getLog().warn("Task {}: failed: {}", key.taskId(), failed.message());
      ending = TaskState.TASK_FAILED;
      endingMessage = failed.message();
    }
    return cleanUp();
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
      ending = verdict.state();
      endingMessage = verdict.message();
      return stopContainers(Duration.ZERO);
    }
    send(reports.status(pod, verdict.state(), verdict.phase(), verdict.reason(), verdict.message(), statuses()));
    return this;
  }

  private Behavior<Command> onKill(Kill kill) {
    if (ending != null) {
      return this; // Already ending: the terminal update follows.
    }
    Duration grace = kill.grace().orElse(podGrace());
    getContext().getLog().info("Task {}: killing pod (grace {} ms)", key.taskId(), grace.toMillis());
    timers.cancelAll();
    if (kill.announce()) {
      send(reports.status(pod, TaskState.TASK_KILLING, lastPhase(), "Killing",
          "stopping within " + grace.toMillis() + " ms", statuses()));
    }
    ending = TaskState.TASK_KILLED;
    endingMessage = "killed by the framework";
    return containers.isEmpty() ? cleanUp() : stopContainers(grace);
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
    if (cleaning) {
      return this; // One removal pass, one terminal update.
    }
    cleaning = true;
    getContext().pipeToSelf(env.docker().list(ContainerNames.taskFilter(env.owner(), key.taskId()))
            .thenCompose(all -> env.docker().removeAll(all.stream().map(ContainerSnapshot::id).toList())),
        (v, f) -> Tick.CLEANED);
    return this;
  }

  private Behavior<Command> onCleaned() {
    PodVerdict.Verdict last = PodVerdict.of(views.values(), pod.getContainersCount(), wasRunning);
    PodPhase phase = ending == TaskState.TASK_FINISHED ? PodPhase.POD_SUCCEEDED : PodPhase.POD_FAILED;
    String reason = ending == TaskState.TASK_KILLED ? "Killed" : last.terminal() ? last.reason() : "Error";
    getContext().getLog().info("Task {}: {} ({})", key.taskId(), ending, endingMessage);
    send(reports.status(pod, ending, phase, reason, endingMessage, statuses()));
    return Behaviors.stopped();
  }

  /** The TaskInfo's kill policy, else the pod's termination grace, else the configured default. */
  private Duration podGrace() {
    if (taskGrace.isPresent()) {
      return taskGrace.get();
    }
    return pod.getTerminationGraceSeconds() > 0
        ? Duration.ofSeconds(pod.getTerminationGraceSeconds()) : env.settings().defaultGracePeriod();
  }

  private PodPhase lastPhase() {
    return wasRunning ? PodPhase.POD_RUNNING : PodPhase.POD_PENDING;
  }

  private List<ContainerStatus> statuses() {
    return pod.getContainersList().stream().map(c -> views.containsKey(c.getName())
        ? views.get(c.getName()).status()
        : ContainerStatus.newBuilder().setName(c.getName()).setImage(c.getImage())
            .setWaiting(Waiting.newBuilder().setReason("ContainerCreating")).build()).toList();
  }

  private void send(TaskStatus status) {
    if (reports.changed(status)) {
      updates.tell(new Update(status));
    }
  }
}
