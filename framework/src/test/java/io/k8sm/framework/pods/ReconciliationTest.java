package io.k8sm.framework.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.k8sm.framework.pods.PodSpec.RestartPolicy;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reconciliation verdicts as a table: journal's current task × reported task and state × policy. */
class ReconciliationTest {

  static Stream<Arguments> table() {
    return Stream.of(
        // a task no pod owns
        Arguments.of(null, PodPhase.PENDING, RestartPolicy.ALWAYS, "t1", TaskState.TASK_RUNNING, "Kill"),
        Arguments.of(null, PodPhase.PENDING, RestartPolicy.ALWAYS, "t1", TaskState.TASK_STAGING, "Kill"),
        Arguments.of(null, PodPhase.PENDING, RestartPolicy.ALWAYS, "t1", TaskState.TASK_FINISHED, "Ignore"),
        Arguments.of(null, PodPhase.PENDING, RestartPolicy.ALWAYS, "t1", TaskState.TASK_UNKNOWN, "Ignore"),
        // the pod's current task: lost / gone / unreachable / unknown reschedule under the policy
        Arguments.of("t1", PodPhase.RUNNING, RestartPolicy.ALWAYS, "t1", TaskState.TASK_LOST, "Reschedule"),
        Arguments.of("t1", PodPhase.RUNNING, RestartPolicy.ON_FAILURE, "t1", TaskState.TASK_GONE, "Reschedule"),
        Arguments.of("t1", PodPhase.RUNNING, RestartPolicy.ALWAYS, "t1", TaskState.TASK_UNREACHABLE, "Reschedule"),
        Arguments.of("t1", PodPhase.LAUNCHING, RestartPolicy.ALWAYS, "t1", TaskState.TASK_UNKNOWN, "Reschedule"),
        Arguments.of("t1", PodPhase.LAUNCHING, RestartPolicy.NEVER, "t1", TaskState.TASK_UNKNOWN, "End:FAILED"),
        Arguments.of("t1", PodPhase.RUNNING, RestartPolicy.NEVER, "t1", TaskState.TASK_LOST, "End:FAILED"),
        Arguments.of("t1", PodPhase.LAUNCHING, RestartPolicy.ALWAYS, "t1", TaskState.TASK_RUNNING, "Run"),
        Arguments.of("t1", PodPhase.RUNNING, RestartPolicy.ALWAYS, "t1", TaskState.TASK_RUNNING, "Run"),
        Arguments.of("t1", PodPhase.TERMINATING, RestartPolicy.ALWAYS, "t1", TaskState.TASK_LOST, "Gone"),
        // duplicates: the journal's current task wins, the other live one is killed
        Arguments.of("t2", PodPhase.RUNNING, RestartPolicy.ALWAYS, "t1", TaskState.TASK_RUNNING, "Kill"),
        Arguments.of("t2", PodPhase.LAUNCHING, RestartPolicy.ALWAYS, "t1", TaskState.TASK_RUNNING, "Kill"),
        Arguments.of("", PodPhase.PENDING, RestartPolicy.ALWAYS, "t1", TaskState.TASK_RUNNING, "Kill"),
        Arguments.of("", PodPhase.FAILED, RestartPolicy.NEVER, "t1", TaskState.TASK_RUNNING, "Kill"),
        Arguments.of("t2", PodPhase.RUNNING, RestartPolicy.ALWAYS, "t1", TaskState.TASK_UNREACHABLE, "Ignore"),
        Arguments.of("t2", PodPhase.RUNNING, RestartPolicy.ALWAYS, "t1", TaskState.TASK_KILLED, "Ignore"));
  }

  @ParameterizedTest(name = "current {0} ({1}, {2}), reported {3} {4} -> {5}")
  @MethodSource("table")
  void judges(String current, PodPhase phase, RestartPolicy policy, String reported, TaskState state, String expected) {
    Reconciliation.Verdict v = Reconciliation.judge(current, phase, policy, reported, state);
    String got = v instanceof Reconciliation.Verdict.Apply a
        ? a.next().getClass().getSimpleName() + (a.next() instanceof PodLifecycle.Next.End e ? ":" + e.phase() : "")
        : v.getClass().getSimpleName();
    assertEquals(expected, got);
  }

  @ParameterizedTest(name = "{3} {4}")
  @MethodSource("table")
  void everyKillAndIgnoreSaysWhy(String current, PodPhase phase, RestartPolicy policy, String reported, TaskState state,
      String expected) {
    Reconciliation.Verdict v = Reconciliation.judge(current, phase, policy, reported, state);
    if (v instanceof Reconciliation.Verdict.Kill k) assertEquals(true, k.why().contains(reported), k.why());
    if (v instanceof Reconciliation.Verdict.Ignore i) assertEquals(true, i.why().contains(reported), i.why());
  }
}
