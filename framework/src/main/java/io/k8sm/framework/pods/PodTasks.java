package io.k8sm.framework.pods;

import io.k8sm.framework.api.v1beta1.Container;
import io.k8sm.protocol.pod.EnvVar;
import io.k8sm.protocol.pod.ExecAction;
import io.k8sm.protocol.pod.HttpGetAction;
import io.k8sm.protocol.pod.PodTask;
import io.k8sm.protocol.pod.PortMapping;
import io.k8sm.protocol.pod.Probe;
import io.k8sm.protocol.pod.Protocol;
import io.k8sm.protocol.pod.Resources;
import io.k8sm.protocol.pod.RestartPolicy;
import io.k8sm.protocol.pod.TcpSocketAction;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;

/**
 * Builds the TaskInfo of one launch: our executor, the resources the offer pool reserved, and the
 * {@link PodTask} in {@code data}. Pure.
 *
 * <p>v1beta1 {@code command} was Docker's Cmd, so it becomes {@code PodTask} args (the image's
 * entrypoint stays). A probe port is translated to a container port: the seed names the host
 * port ("8080" with hostPort 8080), the executor probes inside the pod's network namespace.
 */
public final class PodTasks {
  private PodTasks() {}

  public static TaskInfo taskInfo(PodSpec spec, TaskID taskId, AgentID agent, List<Resource> resources,
      ExecutorInfo executor, long graceSeconds) {
    return TaskInfo.newBuilder()
        .setName("pod " + spec.key())
        .setTaskId(taskId)
        .setAgentId(agent)
        .setExecutor(executor)
        .addAllResources(resources)
        .setData(podTask(spec, graceSeconds).toByteString())
        .build();
  }

  public static PodTask podTask(PodSpec spec, long graceSeconds) {
    PodTask.Builder b = PodTask.newBuilder()
        .setNamespace(spec.namespace())
        .setName(spec.name())
        .setUid(spec.uid())
        .putAllLabels(spec.labels())
        .setRestartPolicy(switch (spec.restartPolicy()) {
          case ALWAYS -> RestartPolicy.RESTART_ALWAYS;
          case ON_FAILURE -> RestartPolicy.RESTART_ON_FAILURE;
          case NEVER -> RestartPolicy.RESTART_NEVER;
        })
        .setTerminationGraceSeconds((int) graceSeconds)
        .setSpecVersion(spec.uid());
    for (Container c : spec.manifest().containers()) {
      b.addContainers(container(c));
    }
    return b.build();
  }

  static io.k8sm.protocol.pod.Container container(Container c) {
    io.k8sm.protocol.pod.Container.Builder b = io.k8sm.protocol.pod.Container.newBuilder()
        .setName(c.name())
        .setImage(c.image());
    if (c.command() != null) b.addAllArgs(c.command());
    if (c.workingDir() != null) b.setWorkingDir(c.workingDir());
    if (c.env() != null) {
      c.env().forEach(e -> b.addEnv(EnvVar.newBuilder().setName(e.name()).setValue(e.value() == null ? "" : e.value())));
    }
    if (c.ports() != null) {
      for (Container.Port p : c.ports()) {
        PortMapping.Builder pm = PortMapping.newBuilder().setContainerPort(p.containerPort())
            .setHostPort(p.hostPort() == null ? 0 : p.hostPort())
            .setProtocol("UDP".equalsIgnoreCase(p.protocol()) ? Protocol.UDP : Protocol.TCP);
        if (p.name() != null) pm.setName(p.name());
        b.addPorts(pm);
      }
    }
    Resources.Builder r = Resources.newBuilder();
    if (c.cpu() != null) r.setCpuMillis(c.cpu());
    if (c.memory() != null) r.setMemoryBytes(c.memory());
    b.setResources(r);
    Container.LivenessProbe probe = c.livenessProbe();
    if (probe != null && !Boolean.FALSE.equals(probe.enabled()) && probe.type() != null) {
      b.setLivenessProbe(probe(c, probe));
    }
    return b.build();
  }

  static Probe probe(Container c, Container.LivenessProbe p) {
    Probe.Builder b = Probe.newBuilder();
    switch (p.type()) {
      case "http" -> b.setHttpGet(HttpGetAction.newBuilder()
          .setPath(p.httpGet().path() == null ? "/" : p.httpGet().path())
          .setPort(containerPort(c, p.httpGet().port())));
      case "tcp" -> b.setTcpSocket(TcpSocketAction.newBuilder().setPort(containerPort(c, p.tcpSocket().port())));
      default -> b.setExec(ExecAction.newBuilder().addAllCommand(p.exec().command()));
    }
    if (p.initialDelaySeconds() != null) b.setInitialDelaySeconds(p.initialDelaySeconds());
    if (p.timeoutSeconds() != null) b.setTimeoutSeconds(p.timeoutSeconds());
    if (p.periodSeconds() != null) b.setPeriodSeconds(p.periodSeconds());
    return b.build();
  }

  /** A port name, a host port of this container (the seed's habit), or else a container port. */
  static int containerPort(Container c, String port) {
    List<Container.Port> ports = c.ports() == null ? List.of() : c.ports();
    if (!port.chars().allMatch(Character::isDigit)) {
      return ports.stream().filter(p -> port.equals(p.name())).map(Container.Port::containerPort).findFirst().orElse(0);
    }
    int n = Integer.parseInt(port);
    return ports.stream().filter(p -> p.hostPort() != null && p.hostPort() == n)
        .map(Container.Port::containerPort).findFirst().orElse(n);
  }
}
