package io.k8sm.framework.pods;

import com.google.protobuf.InvalidProtocolBufferException;
import io.k8sm.framework.persistence.Persisted;
import io.k8sm.framework.store.PodRecord;
import io.k8sm.protocol.pod.PodStatusReport;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * A pod's durable state: the fold of its {@link PodEvent}s, and its snapshot. Immutable and pure,
 * so recovery rebuilds exactly what the actor had. {@code spec == null} only before PodCreated.
 * {@code task} is "" when the pod has no task.
 */
public record PodState(PodSpec spec, PodPhase phase, String task, String agent, String host,
    List<Integer> hostPorts, int restarts, String message, Optional<PodStatusReport> report, boolean removed)
    implements Persisted {

  public static final PodState EMPTY = new PodState(null, PodPhase.PENDING, "", "", "", List.of(), 0, "", Optional.empty(),
      false);

  public PodState {
    hostPorts = List.copyOf(hostPorts);
  }

  public boolean exists() {
    return spec != null && !removed;
  }

  public boolean hasTask() {
    return !task.isEmpty();
  }

  public PodState apply(PodEvent event) {
    if (event instanceof PodEvent.PodCreated c) {
      return new PodState(c.spec(), PodPhase.PENDING, "", "", "", List.of(), 0, "waiting for an offer", Optional.empty(),
          false);
    } else if (event instanceof PodEvent.ResourcesReserved r) {
      return new PodState(spec, PodPhase.LAUNCHING, task, r.agentId(), r.host(), r.hostPorts(), restarts,
          "launching on " + r.host(), report, false);
    } else if (event instanceof PodEvent.TaskLaunched l) {
      return new PodState(spec, PodPhase.LAUNCHING, l.taskId(), agent, host, hostPorts, restarts, message, report, false);
    } else if (event instanceof PodEvent.TaskStatusChanged s) {
      return onStatus(s);
    } else if (event instanceof PodEvent.LaunchAbandoned a) {
      return cleared(PodPhase.PENDING, a.why(), restarts);
    } else if (event instanceof PodEvent.DeleteRequested) {
      return new PodState(spec, PodPhase.TERMINATING, task, agent, host, hostPorts, restarts,
          "deleting: stopping task " + task, report, false);
    } else if (event instanceof PodEvent.PodRemoved) {
      return new PodState(spec, phase, task, agent, host, hostPorts, restarts, message, report, true);
    }
    throw new IllegalArgumentException("unknown pod event " + event);
  }

  /** What the status update means, by {@link PodLifecycle}; the actor reads the answer off the new state. */
  private PodState onStatus(PodEvent.TaskStatusChanged s) {
    Optional<PodStatusReport> rep = parse(s).or(() -> report);
    String detail = s.detail();
    PodLifecycle.Next next = PodLifecycle.onStatus(phase, s.state(), spec.restartPolicy());
    if (next instanceof PodLifecycle.Next.Stay) {
      return new PodState(spec, phase, task, agent, host, hostPorts, restarts, detail.isEmpty() ? message : detail, rep,
          false);
    } else if (next instanceof PodLifecycle.Next.Run) {
      // Only a problem the executor names (e.g. CrashLoopBackOff) is worth showing next to "running".
      // Without one, every pod on the host says the same sentence for as long as it runs: one String.
      boolean problem = rep.map(r -> !r.getReason().isEmpty()).orElse(false);
      return new PodState(spec, PodPhase.RUNNING, task, agent, host, hostPorts, restarts,
          problem ? "running on " + host + ": " + detail : ("running on " + host).intern(), rep, false);
    } else if (next instanceof PodLifecycle.Next.Reschedule r) {
      PodState c = cleared(PodPhase.PENDING, r.why() + (detail.isEmpty() ? "" : " (" + detail + ")"), restarts + 1);
      return new PodState(c.spec, c.phase, c.task, c.agent, c.host, c.hostPorts, c.restarts, c.message, rep, false);
    } else if (next instanceof PodLifecycle.Next.End e) {
      return new PodState(spec, e.phase(), task, agent, host, hostPorts, restarts,
          e.why() + (detail.isEmpty() ? "" : " (" + detail + ")"), rep, false);
    }
    // Gone: a deleted pod's task ended; PodRemoved follows in the same write.
    return new PodState(spec, phase, "", "", "", List.of(), restarts, "deleted: its task ended", rep, false);
  }

  private PodState cleared(PodPhase next, String why, int restartCount) {
    return new PodState(spec, next, "", "", "", List.of(), restartCount, why, report, false);
  }

  private static Optional<PodStatusReport> parse(PodEvent.TaskStatusChanged s) {
    if (s.report().isEmpty()) return Optional.empty();
    try {
      return Optional.of(PodStatusReport.parseFrom(s.report()));
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  /** The event for a status update of the current task. */
  public static PodEvent.TaskStatusChanged changed(TaskStatus s) {
    return new PodEvent.TaskStatusChanged(s.getTaskId().getValue(), s.getState(), StatusText.detail(s),
        StatusText.report(s).isPresent() ? s.getData() : com.google.protobuf.ByteString.EMPTY);
  }

  public PodRecord record(String messageOverride) {
    return new PodRecord(spec, new PodRecord.Status(phase, task, agent, host, hostPorts, restarts,
        messageOverride.isEmpty() ? message : messageOverride, report), 0);
  }
}
