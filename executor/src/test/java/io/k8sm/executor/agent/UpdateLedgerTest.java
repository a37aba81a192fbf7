package io.k8sm.executor.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.junit.jupiter.api.Test;

class UpdateLedgerTest {
  final FrameworkID fw = FrameworkID.newBuilder().setValue("fw").build();
  final ExecutorID exec = ExecutorID.newBuilder().setValue("exec").build();

  static TaskInfo task(String id) {
    return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
        .setAgentId(AgentID.newBuilder().setValue("a")).build();
  }

  static TaskStatus status(String id, TaskState state) {
    return TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(id)).setState(state)
        .setUuid(AgentLink.newUuid()).build();
  }

  @Test
  void subscribeCarriesUnacknowledgedTasksAndUpdates() {
    UpdateLedger ledger = new UpdateLedger();
    ledger.launched(task("t1"));
    ledger.launched(task("t2"));
    TaskStatus starting = status("t1", TaskState.TASK_STARTING);
    ledger.sent(starting);
    Call call = ledger.subscribe(fw, exec);
    assertEquals(Call.Type.SUBSCRIBE, call.getType());
    assertEquals(fw, call.getFrameworkId());
    assertEquals(exec, call.getExecutorId());
    assertEquals(List.of(task("t1"), task("t2")), call.getSubscribe().getUnacknowledgedTasksList());
    assertEquals(starting, call.getSubscribe().getUnacknowledgedUpdates(0).getStatus());
  }

  @Test
  void anAcknowledgementRemovesTheUpdateAndItsTask() {
    UpdateLedger ledger = new UpdateLedger();
    ledger.launched(task("t1"));
    TaskStatus starting = status("t1", TaskState.TASK_STARTING);
    TaskStatus running = status("t1", TaskState.TASK_RUNNING);
    ledger.sent(starting);
    ledger.sent(running);
    ledger.acknowledged("t1", starting.getUuid());
    assertEquals(List.of(running), List.copyOf(ledger.unacknowledgedUpdates()));
    assertTrue(ledger.unacknowledgedTasks().isEmpty());
    ledger.acknowledged("t1", running.getUuid());
    assertTrue(ledger.isEmpty());
  }

  @Test
  void uuidsAreSixteenFreshBytes() {
    assertEquals(16, AgentLink.newUuid().size());
    assertTrue(!AgentLink.newUuid().equals(AgentLink.newUuid()));
  }
}
