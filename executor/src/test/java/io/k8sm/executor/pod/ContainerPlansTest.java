package io.k8sm.executor.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.k8sm.executor.Pods;
import io.k8sm.executor.docker.ContainerNames.Owner;
import io.k8sm.executor.docker.ContainerNames.PodKey;
import io.k8sm.executor.docker.ContainerPlan.HostPort;
import io.k8sm.protocol.pod.Container;
import io.k8sm.protocol.pod.EnvVar;
import io.k8sm.protocol.pod.PortMapping;
import io.k8sm.protocol.pod.Resources;
import io.k8sm.protocol.pod.RestartPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerPlansTest {
  final PodKey key = new PodKey("default", "web", "uid", "task-1");
  final Owner owner = new Owner("fw", "exec");

  @Test
  void everyHostPortOfThePodGoesOnTheInfraContainer() {
    Container a = Pods.container("a", "img").addPorts(PortMapping.newBuilder().setContainerPort(80).setHostPort(31000))
        .addPorts(PortMapping.newBuilder().setContainerPort(9090)).build();
    Container b = Pods.container("b", "img").addPorts(PortMapping.newBuilder().setContainerPort(53).setHostPort(31001)
        .setHostIp("10.0.0.1").setProtocol(io.k8sm.protocol.pod.Protocol.UDP)).build();
    var infra = ContainerPlans.infra(Pods.pod("web", RestartPolicy.RESTART_ALWAYS, a, b).build(), key, owner, "pause", "127.0.0.1");
    assertEquals(List.of(new HostPort("127.0.0.1", 31000, 80, false), new HostPort("10.0.0.1", 31001, 53, true)), infra.ports());
    assertEquals("pause", infra.image());
    assertNull(infra.networkMode());
  }

  @Test
  void appContainersJoinTheInfraNamespaceWithTheirSpec() {
    Container c = Pods.container("app", "img", "/bin/run").addArgs("--fast").setWorkingDir("/srv")
        .addEnv(EnvVar.newBuilder().setName("A").setValue("1"))
        .setResources(Resources.newBuilder().setCpuMillis(500).setMemoryBytes(64 << 20)).build();
    var plan = ContainerPlans.app(c, key, owner, "infra-id", 0);
    assertEquals("container:infra-id", plan.networkMode());
    assertEquals(List.of("/bin/run"), plan.entrypoint());
    assertEquals(List.of("--fast"), plan.cmd());
    assertEquals(List.of("A=1"), plan.env());
    assertEquals("/srv", plan.workingDir());
    assertEquals(64L << 20, plan.memoryBytes());
    assertEquals(512, plan.cpuShares());
    assertEquals(List.of(), plan.ports());
  }

  @Test
  void cpuSharesFollowKubelet() {
    assertEquals(0, ContainerPlans.cpuShares(0));
    assertEquals(2, ContainerPlans.cpuShares(1));
    assertEquals(1024, ContainerPlans.cpuShares(1000));
  }
}
