package io.k8sm.framework.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k8sm.framework.pods.PodSpec.RestartPolicy;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodLifecycleTest {

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(PodPhase.LAUNCHING, TaskState.TASK_STARTING, RestartPolicy.ALWAYS, "Stay"),
        Arguments.of(PodPhase.LAUNCHING, TaskState.TASK_RUNNING, RestartPolicy.ALWAYS, "Run"),
        Arguments.of(PodPhase.RUNNING, TaskState.TASK_UNREACHABLE, RestartPolicy.ALWAYS, "Reschedule"),
        Arguments.of(PodPhase.RUNNING, TaskState.TASK_UNREACHABLE, RestartPolicy.NEVER, "End:FAILED"),
        Arguments.of(PodPhase.LAUNCHING, TaskState.TASK_UNKNOWN, RestartPolicy.ON_FAILURE, "Reschedule"),
        Arguments.of(PodPhase.RUNNING, TaskState.TASK_LOST, RestartPolicy.ALWAYS, "Reschedule"),
        Arguments.of(PodPhase.RUNNING, TaskState.TASK_GONE, RestartPolicy.ON_FAILURE, "Reschedule"),
        Arguments.of(PodPhase.RUNNING, TaskState.TASK_KILLING, RestartPolicy.NEVER, "Stay"),
        Arguments.of(PodPhase.RUNNING, TaskState.TASK_FINISHED, RestartPolicy.ALWAYS, "Reschedule"),
        Arguments.of(PodPhase.RUNNING, TaskState.TASK_FINISHED, RestartPolicy.ON_FAILURE, "End:SUCCEEDED"),
        Arguments.of(PodPhase.RUNNING, TaskState.TASK_FINISHED, RestartPolicy.NEVER, "End:SUCCEEDED"),
        Arguments.of(PodPhase.RUNNING, TaskState.TASK_FAILED, RestartPolicy.ON_FAILURE, "Reschedule"),
        Arguments.of(PodPhase.RUNNING, TaskState.TASK_FAILED, RestartPolicy.NEVER, "End:FAILED"),
        Arguments.of(PodPhase.LAUNCHING, TaskState.TASK_DROPPED, RestartPolicy.ALWAYS, "Reschedule"),
        Arguments.of(PodPhase.LAUNCHING, TaskState.TASK_ERROR, RestartPolicy.NEVER, "End:FAILED"),
        Arguments.of(PodPhase.RUNNING, TaskState.TASK_GONE_BY_OPERATOR, RestartPolicy.ALWAYS, "Reschedule"),
        Arguments.of(PodPhase.TERMINATING, TaskState.TASK_RUNNING, RestartPolicy.ALWAYS, "Stay"),
        Arguments.of(PodPhase.TERMINATING, TaskState.TASK_KILLED, RestartPolicy.ALWAYS, "Gone"),
        Arguments.of(PodPhase.TERMINATING, TaskState.TASK_FINISHED, RestartPolicy.ALWAYS, "Gone"),
        Arguments.of(PodPhase.PENDING, TaskState.TASK_RUNNING, RestartPolicy.ALWAYS, "Stay"),
        Arguments.of(PodPhase.SUCCEEDED, TaskState.TASK_FAILED, RestartPolicy.ALWAYS, "Stay"));
  }

  @ParameterizedTest(name = "{0} + {1} under {2} -> {3}")
  @MethodSource("table")
  void decidesFromPhaseStateAndPolicy(PodPhase phase, TaskState state, RestartPolicy policy, String expected) {
    PodLifecycle.Next next = PodLifecycle.onStatus(phase, state, policy);
    String got = next.getClass().getSimpleName()
        + (next instanceof PodLifecycle.Next.End e ? ":" + e.phase() : "");
    assertEquals(expected, got);
  }
}
