package io.k8sm.framework.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k8sm.framework.api.Json;
import io.k8sm.framework.api.v1beta1.Pod;
import io.k8sm.protocol.pod.PodTask;
import io.k8sm.protocol.pod.RestartPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.junit.jupiter.api.Test;

/** From the shipped examples/pod.json to the TaskInfo and PodTask the executor receives. */
class PodTasksTest {
  static final PodSpecs.Defaults DEFAULTS = new PodSpecs.Defaults(100, 64, 0);

  static Pod example() throws Exception {
    Path p = Path.of("../examples/pod.json");
    return Json.MAPPER.readValue(Files.readString(p), Pod.class);
  }

  @Test
  void theExamplePodBecomesAPodTaskWithItsHostPortAndAProbeOnTheContainerPort() throws Exception {
    PodSpec spec = PodSpecs.from(example(), "default", "uid-1", Instant.EPOCH, DEFAULTS);
    assertEquals(List.of(31080), spec.shape().hostPorts());
    assertEquals(100, spec.shape().cpus());
    PodTask task = PodTasks.podTask(spec, 10);
    assertEquals("php", task.getName());
    assertEquals("default", task.getNamespace());
    assertEquals("foo", task.getLabelsMap().get("name"));
    assertEquals(RestartPolicy.RESTART_ALWAYS, task.getRestartPolicy());
    var c = task.getContainers(0);
    assertEquals("k8sm/httpd:1", c.getImage());
    assertEquals(31080, c.getPorts(0).getHostPort());
    assertEquals(80, c.getPorts(0).getContainerPort());
    assertEquals(80, c.getLivenessProbe().getHttpGet().getPort(), "the seed names the host port; we probe the container's");
    assertEquals("/index.html", c.getLivenessProbe().getHttpGet().getPath());
  }

  @Test
  void memoryInBytesAndMillicoresBecomeFixedPointShapes() throws Exception {
    Pod pod = Json.MAPPER.readValue("{\"id\":\"m\",\"desiredState\":{\"manifest\":{\"containers\":["
        + "{\"name\":\"a\",\"image\":\"i\",\"cpu\":250,\"memory\":134217728},{\"name\":\"b\",\"image\":\"i\"}]}}}", Pod.class);
    PodSpec spec = PodSpecs.from(pod, "default", "u", Instant.EPOCH, DEFAULTS);
    assertEquals(350, spec.shape().cpus());
    assertEquals(192_000, spec.shape().mem());
    assertEquals("v1beta1", spec.manifest().version());
    assertEquals("m", spec.manifest().id());
  }

  @Test
  void executorIdIsStablePerConfigurationAndTheTaskNamesIt() throws Exception {
    ExecutorInfo a = ExecutorInfos.of("/opt/k8sm/bin/kubernetes-executor", 100, 64, "*");
    assertEquals(a, ExecutorInfos.of("/opt/k8sm/bin/kubernetes-executor", 100, 64, "*"));
    assertNotEquals(a.getExecutorId(), ExecutorInfos.of("/other", 100, 64, "*").getExecutorId());
    assertEquals("/opt/k8sm/bin/kubernetes-executor", a.getCommand().getValue());
    assertEquals(0.1, a.getResources(0).getScalar().getValue());
    PodSpec spec = PodSpecs.from(example(), "default", "uid-1", Instant.EPOCH, DEFAULTS);
    TaskID id = TaskIds.next(spec);
    assertTrue(id.getValue().matches("default\\.php\\.[0-9a-f-]{36}"));
    assertEquals("default/php", TaskIds.podKey(id).orElseThrow());
    var info = PodTasks.taskInfo(spec, id, org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue("a").build(),
        List.of(io.k8sm.framework.testing.Offers.scalar("cpus", 0.1)), a, 10);
    assertEquals(a, info.getExecutor());
    assertEquals("php", PodTask.parseFrom(info.getData()).getName());
    assertTrue(info.isInitialized());
  }

  @Test
  void everyShippedExamplePodIsValid() throws Exception {
    try (var files = Files.list(Path.of("../examples"))) {
      List<Path> examples = files.filter(f -> f.getFileName().toString().matches("(pod|job).*\\.json")).toList();
      assertTrue(examples.size() >= 3, examples.toString());
      for (Path f : examples) {
        Pod pod = Json.MAPPER.readValue(Files.readString(f), Pod.class);
        assertEquals(List.of(), io.k8sm.framework.api.v1beta1.PodValidator.validate(pod), f.toString());
        PodTask task = PodTasks.podTask(PodSpecs.from(pod, "default", "u", Instant.EPOCH, DEFAULTS), 10);
        assertEquals(pod.id(), task.getName());
      }
    }
  }

  @Test
  void aNamedProbePortBecomesItsContainerPortAndCommandBecomesArgs() throws Exception {
    Pod pod = Json.MAPPER.readValue(Files.readString(Path.of("../examples/pod-sidecar.json")), Pod.class);
    PodTask task = PodTasks.podTask(PodSpecs.from(pod, "default", "u", Instant.EPOCH, DEFAULTS), 10);
    assertEquals(80, task.getContainers(0).getLivenessProbe().getHttpGet().getPort());
    assertEquals("sh", task.getContainers(1).getArgs(0));
    assertEquals(0, task.getContainers(1).getCommandCount());
    assertEquals("TARGET", task.getContainers(1).getEnv(0).getName());
  }
}
