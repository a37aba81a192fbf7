package io.k8sm.executor.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k8sm.executor.docker.ContainerNames.Owner;
import io.k8sm.executor.docker.ContainerNames.PodKey;
import org.junit.jupiter.api.Test;

class ContainerNamesTest {
  final PodKey pod = new PodKey("default", "nginx-1", "uid-1", "task-42");
  final Owner owner = new Owner("fw", "exec");

  @Test
  void namesFollowTheSeedWithAStableHashOfTheTaskId() {
    String hash = ContainerNames.hash("task-42");
    assertEquals(8, hash.length());
    assertEquals("k8s--net--nginx-1--" + hash, ContainerNames.infraName(pod));
    assertEquals("k8s--web--nginx-1--" + hash, ContainerNames.appName(pod, "web"));
    assertEquals(ContainerNames.infraName(pod), ContainerNames.infraName(pod), "stable across calls");
  }

  @Test
  void aNewTaskOfTheSamePodGetsNewNames() {
    PodKey relaunch = new PodKey("default", "nginx-1", "uid-1", "task-43");
    assertNotEquals(ContainerNames.appName(pod, "web"), ContainerNames.appName(relaunch, "web"));
  }

  @Test
  void charactersDockerRejectsAreReplaced() {
    PodKey odd = new PodKey("ns", "my pod/1", "u", "t");
    assertTrue(ContainerNames.appName(odd, "a:b").matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*"));
    assertEquals("_", ContainerNames.safe(""));
  }

  @Test
  void labelsCarryTheUnmodifiedIdentity() {
    var labels = ContainerNames.appLabels(owner, pod, "web", 0);
    assertEquals("default", labels.get(ContainerNames.LABEL_NAMESPACE));
    assertEquals("nginx-1", labels.get(ContainerNames.LABEL_POD));
    assertEquals("uid-1", labels.get(ContainerNames.LABEL_UID));
    assertEquals("web", labels.get(ContainerNames.LABEL_CONTAINER));
    assertEquals("task-42", labels.get(ContainerNames.LABEL_TASK_ID));
    assertEquals("exec", labels.get(ContainerNames.LABEL_EXECUTOR_ID));
    assertEquals("fw", labels.get(ContainerNames.LABEL_FRAMEWORK_ID));
    assertEquals(ContainerNames.APP_ROLE, labels.get(ContainerNames.LABEL_ROLE));
    assertEquals(ContainerNames.INFRA_ROLE, ContainerNames.infraLabels(owner, pod).get(ContainerNames.LABEL_ROLE));
    assertTrue(labels.entrySet().containsAll(ContainerNames.taskFilter(owner, "task-42").entrySet()));
  }

  @Test
  void theRestartCountTravelsInALabelAndReadsBackTolerantly() {
    var labels = ContainerNames.appLabels(owner, pod, "web", 4);
    assertEquals("4", labels.get(ContainerNames.LABEL_RESTART_COUNT));
    assertEquals(4, ContainerNames.restartCount(labels));
    assertEquals(0, ContainerNames.restartCount(java.util.Map.of()), "containers made before the label existed");
    assertEquals(0, ContainerNames.restartCount(java.util.Map.of(ContainerNames.LABEL_RESTART_COUNT, "x")));
    assertEquals(0, ContainerNames.restartCount(java.util.Map.of(ContainerNames.LABEL_RESTART_COUNT, "-3")));
  }
}
