package io.k8sm.executor;

import io.k8sm.protocol.pod.Container;
import io.k8sm.protocol.pod.HttpGetAction;
import io.k8sm.protocol.pod.PodTask;
import io.k8sm.protocol.pod.PortMapping;
import io.k8sm.protocol.pod.Probe;
import io.k8sm.protocol.pod.RestartPolicy;
import java.util.List;
import java.util.UUID;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;

/** Test fixtures: pod specs and the TaskInfos that carry them. */
public final class Pods {
  private Pods() {}

  public static PodTask.Builder pod(String name, RestartPolicy policy, Container... containers) {
    return PodTask.newBuilder().setNamespace("default").setName(name).setUid(UUID.randomUUID().toString())
        .setRestartPolicy(policy).setTerminationGraceSeconds(2).addAllContainers(List.of(containers));
  }

  public static Container.Builder container(String name, String image, String... command) {
    return Container.newBuilder().setName(name).setImage(image).addAllCommand(List.of(command));
  }

  public static Container httpd(String name, int hostPort) {
    return container(name, "k8sm/httpd:1")
        .addPorts(PortMapping.newBuilder().setName("http").setContainerPort(80).setHostPort(hostPort)).build();
  }

  public static Probe httpProbe(String path, int port, int period, int threshold) {
    return Probe.newBuilder().setHttpGet(HttpGetAction.newBuilder().setPath(path).setPort(port))
        .setPeriodSeconds(period).setTimeoutSeconds(1).setFailureThreshold(threshold).build();
  }

  public static TaskInfo task(PodTask pod) {
    return TaskInfo.newBuilder().setName(pod.getName())
        .setTaskId(TaskID.newBuilder().setValue(pod.getName() + "-" + UUID.randomUUID()))
        .setAgentId(AgentID.newBuilder().setValue("agent-1"))
        .setData(pod.toByteString()).build();
  }
}
