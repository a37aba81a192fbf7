package io.k8sm.local.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.junit.jupiter.api.Test;

class SubscribeReplayTest {

  @Test
  void validUpdatesAreTakenOverAndInvalidOnesIgnoredWithAReason() {
    TaskStatus good = TaskBookTest.status("t-1", TaskState.TASK_RUNNING, 1).toBuilder()
        .setSource(TaskStatus.Source.SOURCE_EXECUTOR).build();
    TaskStatus shortUuid = good.toBuilder().setTaskId(AgentFixture.taskId("t-2")).setUuid(ByteString.copyFrom(new byte[3]))
        .build();
    Call call = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setFrameworkId(FrameworkID.newBuilder().setValue("f")).setExecutorId(ExecutorID.newBuilder().setValue("e"))
        .setSubscribe(Call.Subscribe.newBuilder()
            .addUnacknowledgedUpdates(Call.Update.newBuilder().setStatus(good))
            .addUnacknowledgedUpdates(Call.Update.newBuilder().setStatus(shortUuid))
            .addUnacknowledgedTasks(TaskBookTest.task("t-3")))
        .build();
    SubscribeReplay replay = SubscribeReplay.of(call);
    assertEquals(List.of(good), replay.updates());
    assertEquals(1, replay.ignored().size(), replay.ignored().toString());
    assertEquals(Set.of("t-3"), replay.unacknowledgedTasks());
    assertEquals(Set.of("t-1", "t-2"), replay.updatedTasks());
  }
}
