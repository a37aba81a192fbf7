package io.k8sm.local.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReconcilerTest {
  private static final TaskID KNOWN = TaskID.newBuilder().setValue("known").build();
  private static final TaskStatus RUNNING = TaskStatus.newBuilder().setTaskId(KNOWN).setState(TaskState.TASK_RUNNING)
      .setSource(TaskStatus.Source.SOURCE_EXECUTOR).setUuid(ByteString.copyFrom(new byte[16]))
      .setData(ByteString.copyFromUtf8("payload")).build();

  private static Reconciler.AgentKnowledge knowledge(AgentID a) {
    return switch (a.getValue()) {
      case "registered" -> Reconciler.AgentKnowledge.REGISTERED;
      case "unreachable" -> Reconciler.AgentKnowledge.UNREACHABLE;
      case "removed" -> Reconciler.AgentKnowledge.REMOVED;
      default -> Reconciler.AgentKnowledge.UNKNOWN;
    };
  }

  private static List<TaskStatus> ask(Call.Reconcile r, boolean partitionAware) {
    return Reconciler.answer(r, Map.of(KNOWN, RUNNING), ReconcilerTest::knowledge, partitionAware, 5.0);
  }

  @ParameterizedTest(name = "task {0} on agent {1}, partition aware {2} -> {3}")
  @CsvSource({
      "known,   registered,  false, TASK_RUNNING",
      "unknown, registered,  true,  TASK_GONE",
      "unknown, registered,  false, TASK_LOST",
      "unknown, unreachable, true,  TASK_UNREACHABLE",
      "unknown, removed,     true,  TASK_GONE_BY_OPERATOR",
      "unknown, nobody,      true,  TASK_UNKNOWN",
      "unknown, nobody,      false, TASK_LOST",
  })
  void explicit(String task, String agent, boolean partitionAware, TaskState expected) {
    Call.Reconcile r = Call.Reconcile.newBuilder().addTasks(Call.Reconcile.Task.newBuilder()
        .setTaskId(TaskID.newBuilder().setValue(task)).setAgentId(AgentID.newBuilder().setValue(agent))).build();
    List<TaskStatus> answers = ask(r, partitionAware);
    assertEquals(1, answers.size());
    TaskStatus s = answers.get(0);
    assertEquals(expected, s.getState());
    assertEquals(TaskStatus.Source.SOURCE_MASTER, s.getSource());
    assertEquals(TaskStatus.Reason.REASON_RECONCILIATION, s.getReason());
    assertFalse(s.hasUuid());
    assertFalse(s.hasData());
  }

  @Test
  void implicitAnswersEveryKnownTask() {
    List<TaskStatus> answers = ask(Call.Reconcile.getDefaultInstance(), false);
    assertEquals(1, answers.size());
    assertEquals(KNOWN, answers.get(0).getTaskId());
    assertEquals(TaskState.TASK_RUNNING, answers.get(0).getState());
    assertFalse(answers.get(0).hasUuid());
  }
}
