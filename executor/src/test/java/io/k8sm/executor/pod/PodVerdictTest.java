package io.k8sm.executor.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k8sm.executor.pod.PodVerdict.ContainerView;
import io.k8sm.protocol.pod.ContainerStatus;
import io.k8sm.protocol.pod.PodPhase;
import io.k8sm.protocol.pod.Running;
import io.k8sm.protocol.pod.Terminated;
import io.k8sm.protocol.pod.Waiting;
import java.util.List;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;

class PodVerdictTest {
  static ContainerView running(String name) {
    return new ContainerView(ContainerStatus.newBuilder().setName(name)
        .setRunning(Running.newBuilder().setStartedAtMillis(1)).build(), false);
  }

  static ContainerView waiting(String name, String reason) {
    return new ContainerView(ContainerStatus.newBuilder().setName(name)
        .setWaiting(Waiting.newBuilder().setReason(reason)).build(), false);
  }

  static ContainerView exited(String name, int code) {
    return new ContainerView(ContainerStatus.newBuilder().setName(name)
        .setTerminated(Terminated.newBuilder().setExitCode(code).setReason(code == 0 ? "Completed" : "Error")).build(), true);
  }

  @Test
  void startingUntilEveryContainerRuns() {
    var v = PodVerdict.of(List.of(running("a"), waiting("b", "ContainerCreating")), 2, false);
    assertEquals(TaskState.TASK_STARTING, v.state());
    assertEquals(PodPhase.POD_PENDING, v.phase());
    assertEquals("ContainerCreating", v.reason());
    assertEquals(TaskState.TASK_STARTING, PodVerdict.of(List.of(running("a")), 2, false).state(),
        "a container not reported yet is not running");
  }

  @Test
  void runningOnceEveryContainerRuns() {
    var v = PodVerdict.of(List.of(running("a"), running("b")), 2, false);
    assertEquals(TaskState.TASK_RUNNING, v.state());
    assertEquals(PodPhase.POD_RUNNING, v.phase());
  }

  @Test
  void aRestartingContainerKeepsARunningPodRunningWithTheReason() {
    var v = PodVerdict.of(List.of(running("a"), waiting("b", "CrashLoopBackOff")), 2, true);
    assertEquals(TaskState.TASK_RUNNING, v.state());
    assertEquals("CrashLoopBackOff", v.reason());
  }

  @Test
  void allExitedZeroFinishes() {
    var v = PodVerdict.of(List.of(exited("a", 0), exited("b", 0)), 2, true);
    assertEquals(TaskState.TASK_FINISHED, v.state());
    assertEquals(PodPhase.POD_SUCCEEDED, v.phase());
    assertTrue(v.terminal());
  }

  @Test
  void anyNonZeroExitFailsNamingTheContainerAndCode() {
    var v = PodVerdict.of(List.of(exited("a", 0), exited("b", 3)), 2, true);
    assertEquals(TaskState.TASK_FAILED, v.state());
    assertEquals(PodPhase.POD_FAILED, v.phase());
    assertEquals("b exited with code 3", v.message());
  }

  @Test
  void oneContainerStillRunningKeepsThePodRunning() {
    var v = PodVerdict.of(List.of(exited("a", 0), running("b")), 2, true);
    assertEquals(TaskState.TASK_RUNNING, v.state());
  }
}
