package io.k8sm.executor.pod;

import io.k8sm.protocol.pod.Container;
import io.k8sm.protocol.pod.ContainerStatus;
import io.k8sm.protocol.pod.PodPhase;
import io.k8sm.protocol.pod.PodStatusReport;
import io.k8sm.protocol.pod.PodTask;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Builds one pod's {@link TaskStatus} updates, each carrying a {@link PodStatusReport} in
 * {@code data}, and remembers the last one sent so that only real changes go out (the report's
 * clock does not count as a change).
 */
final class PodReports {
  private final TaskID taskId;
  private final PodEnv env;
  private TaskStatus last;
  private String podIp = "";

  PodReports(TaskID taskId, PodEnv env) {
    this.taskId = taskId;
    this.env = env;
  }

  TaskStatus status(PodTask pod, TaskState state, PodPhase phase, String reason, String message,
      Iterable<ContainerStatus> containers) {
    PodStatusReport report = PodStatusReport.newBuilder()
        .setNamespace(pod.getNamespace()).setName(pod.getName()).setUid(pod.getUid())
        .setPhase(phase).addAllContainers(containers)
        .setHost(env.settings().logsHostForReports()).setHostIp(env.nodeIp()).setPodIp(podIp)
        .setReason(reason == null ? "" : reason).setMessage(message == null ? "" : message)
        .setLogEndpoint(env.logEndpoint()).setObservedAtMillis(System.currentTimeMillis())
        .build();
    String text = message == null || message.isEmpty() ? phase.name() : message;
    if (reason != null && !reason.isEmpty()) {
      text = reason + ": " + text;
    }
    return TaskStatus.newBuilder().setTaskId(taskId).setState(state).setMessage(text)
        .setData(report.toByteString()).build();
  }

  /** The infra container's address, shared by every container of the pod. */
  void podIp(String ip) {
    podIp = ip;
  }

  TaskStatus undecodable(String why) {
    PodStatusReport report = PodStatusReport.newBuilder().setPhase(PodPhase.POD_FAILED)
        .setReason("InvalidPodTask").setMessage(why).setLogEndpoint(env.logEndpoint())
        .setObservedAtMillis(System.currentTimeMillis()).build();
    return TaskStatus.newBuilder().setTaskId(taskId).setState(TaskState.TASK_FAILED)
        .setReason(TaskStatus.Reason.REASON_TASK_INVALID)
        .setMessage("cannot run task: " + why).setData(report.toByteString()).build();
  }

  /** Whether {@code next} differs from the last status sent (ignoring the report's clock). */
  boolean changed(TaskStatus next) {
    boolean changed = last == null || !withoutClock(last).equals(withoutClock(next));
    if (changed) {
      last = next;
    }
    return changed;
  }

  private static TaskStatus withoutClock(TaskStatus s) {
    try {
      PodStatusReport r = PodStatusReport.parseFrom(s.getData()).toBuilder().clearObservedAtMillis().build();
      return s.toBuilder().setData(r.toByteString()).build();
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      return s;
    }
  }

  /** The containers' latest statuses in spec order; ContainerCreating for those not reported yet. */
  static java.util.List<ContainerStatus> statuses(PodTask pod, Map<String, PodVerdict.ContainerView> views) {
    return pod.getContainersList().stream().map(c -> views.containsKey(c.getName())
        ? views.get(c.getName()).status() : waiting(c, "ContainerCreating", "")).toList();
  }

  /** Every container waiting: ErrImagePull with Docker's message where its image failed to pull. */
  static java.util.List<ContainerStatus> pullFailures(PodTask pod, Map<String, String> failures) {
    return pod.getContainersList().stream().map(c -> waiting(c, failures.containsKey(c.getImage())
        ? "ErrImagePull" : "ContainerCreating", failures.getOrDefault(c.getImage(), ""))).toList();
  }

  private static ContainerStatus waiting(Container c, String reason, String message) {
    return ContainerStatus.newBuilder().setName(c.getName()).setImage(c.getImage())
        .setWaiting(io.k8sm.protocol.pod.Waiting.newBuilder().setReason(reason).setMessage(message)).build();
  }

  /** Container port -> where it is published on the host (0.0.0.0 is probed on loopback). */
  Map<Integer, InetSocketAddress> hostPorts(Container c) {
    Map<Integer, InetSocketAddress> ports = new HashMap<>();
    c.getPortsList().stream().filter(p -> p.getHostPort() > 0).forEach(p -> {
      String ip = p.getHostIp().isEmpty() ? env.settings().hostIp() : p.getHostIp();
      ports.put(p.getContainerPort(), new InetSocketAddress("0.0.0.0".equals(ip) ? "127.0.0.1" : ip, p.getHostPort()));
    });
    return ports;
  }
}
