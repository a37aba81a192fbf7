package io.k8sm.local.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;

class StatusUpdateQueueTest {
  private final StatusUpdateQueue q = new StatusUpdateQueue(Duration.ofMillis(100), Duration.ofMillis(350));

  static TaskStatus update(String task, TaskState state, int uuidByte) {
    byte[] uuid = new byte[16];
    uuid[0] = (byte) uuidByte;
    return TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(task)).setState(state)
        .setUuid(ByteString.copyFrom(uuid)).build();
  }

  @Test
  void onlyTheHeadOfATaskIsInFlight() {
    TaskStatus starting = update("t", TaskState.TASK_STARTING, 1);
    TaskStatus running = update("t", TaskState.TASK_RUNNING, 2);
    assertEquals(Optional.of(starting), q.enqueue(starting, 0));
    assertEquals(Optional.empty(), q.enqueue(running, 0), "waits behind STARTING");
    assertEquals(Optional.of(update("u", TaskState.TASK_RUNNING, 3)), q.enqueue(update("u", TaskState.TASK_RUNNING, 3), 0),
        "another task is independent");
    var acked = assertInstanceOf(StatusUpdateQueue.AckResult.Acked.class, q.acknowledge(starting.getTaskId(), starting.getUuid(), 10));
    assertEquals(Optional.of(running), acked.next());
  }

  @Test
  void retriesWithDoublingBackoffUpToTheCap() {
    TaskStatus s = update("t", TaskState.TASK_RUNNING, 1);
    q.enqueue(s, 0);
    assertEquals(List.of(), q.due(99));
    assertEquals(List.of(s), q.due(100)); // next after 200
    assertEquals(List.of(), q.due(299));
    assertEquals(List.of(s), q.due(300)); // next after 400, capped at 350
    assertEquals(List.of(), q.due(649));
    assertEquals(List.of(s), q.due(650));
  }

  @Test
  void acknowledgementNeedsTheExactUuid() {
    TaskStatus s = update("t", TaskState.TASK_RUNNING, 1);
    q.enqueue(s, 0);
    assertInstanceOf(StatusUpdateQueue.AckResult.Rejected.class,
        q.acknowledge(s.getTaskId(), update("t", TaskState.TASK_RUNNING, 9).getUuid(), 0));
    assertTrue(q.hasPending(s.getTaskId()));
    assertInstanceOf(StatusUpdateQueue.AckResult.Acked.class, q.acknowledge(s.getTaskId(), s.getUuid(), 0));
    assertFalse(q.hasPending(s.getTaskId()));
    assertEquals(List.of(), q.due(10_000), "nothing is retried after the ack");
    assertInstanceOf(StatusUpdateQueue.AckResult.Rejected.class, q.acknowledge(s.getTaskId(), s.getUuid(), 0));
  }

  @Test
  void inFlightRestartsBackoffForAResubscribedScheduler() {
    TaskStatus s = update("t", TaskState.TASK_RUNNING, 1);
    q.enqueue(s, 0);
    q.due(100);
    q.due(300);
    assertEquals(List.of(s), q.inFlight(1000));
    assertEquals(List.of(), q.due(1099));
    assertEquals(List.of(s), q.due(1100));
  }
}
