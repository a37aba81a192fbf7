package io.k8sm.executor.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k8sm.protocol.client.MesosHttpException;
import io.k8sm.protocol.client.Outbox;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.junit.jupiter.api.Test;

/** One subscription's UPDATEs as plain tables: no actor, no agent. */
class DeliveriesTest {
  static final CallLimits LIMITS = new CallLimits(2, Duration.ofMillis(250), Duration.ofSeconds(10));
  static final URI AGENT = URI.create("http://127.0.0.1:5051/api/v1/executor");

  static TaskStatus status(String task) {
    return TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(task)).setState(TaskState.TASK_RUNNING)
        .setUuid(AgentLink.newUuid()).build();
  }

  static Call update(TaskStatus s) {
    return Call.newBuilder().setType(Call.Type.UPDATE).setFrameworkId(FrameworkID.newBuilder().setValue("fw"))
        .setExecutorId(ExecutorID.newBuilder().setValue("exec")).setUpdate(Call.Update.newBuilder().setStatus(s)).build();
  }

  @Test
  void updatesCarriedInTheSubscribeAreNotQueuedAgain() {
    TaskStatus carried = status("a");
    Deliveries d = new Deliveries(LIMITS, List.of(carried));
    assertTrue(d.allHandedOver(List.of(carried)));
    d.post(update(carried));
    assertEquals(List.of(), d.take(), "the agent has it from the SUBSCRIBE");
  }

  @Test
  void anUpdateIsQueuedOnceAndHandedOverOnlyWhenDelivered() {
    TaskStatus a = status("a");
    Deliveries d = new Deliveries(LIMITS, List.of());
    d.post(update(a));
    d.post(update(a));
    List<Outbox.Entry<Call>> sent = d.take();
    assertEquals(1, sent.size(), "queued once, so never in flight twice");
    assertFalse(d.allHandedOver(List.of(a)), "in flight is not handed over");
    Outbox.Retry<Call> retry = assertInstanceOf(Outbox.Retry.class, d.failed(sent.get(0).id(),
        new MesosHttpException(503, "Agent has not finished recovery", AGENT)));
    assertFalse(d.allHandedOver(List.of(a)), "waiting to be retried is not handed over");
    d.due(retry.entry());
    d.delivered(d.take().get(0).id());
    assertTrue(d.allHandedOver(List.of(a)));
  }

  @Test
  void aRefusedUpdateIsForgottenSoItCountsAsNotHandedOver() {
    TaskStatus a = status("a");
    Deliveries d = new Deliveries(LIMITS, List.of());
    d.post(update(a));
    Outbox.Drop<Call> drop = assertInstanceOf(Outbox.Drop.class, d.failed(d.take().get(0).id(),
        new MesosHttpException(400, "Status update must have 'source' set to SOURCE_EXECUTOR", AGENT)));
    assertTrue(drop.reason().contains("SOURCE_EXECUTOR"), drop.reason());
    assertFalse(d.allHandedOver(List.of(a)), "the next SUBSCRIBE must carry it");
  }
}
