package io.k8sm.local.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.Optional;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallValidatorTest {

  static Call update(int uuidBytes, String source, TaskState state, String executorInStatus) {
    TaskStatus.Builder status = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t")).setState(state);
    if (uuidBytes >= 0) {
      status.setUuid(ByteString.copyFrom(new byte[uuidBytes]));
    }
    if (!source.equals("-")) {
      status.setSource(TaskStatus.Source.valueOf(source));
    }
    if (!executorInStatus.equals("-")) {
      status.setExecutorId(ExecutorID.newBuilder().setValue(executorInStatus));
    }
    return Call.newBuilder().setType(Call.Type.UPDATE).setFrameworkId(FrameworkID.newBuilder().setValue("f"))
        .setExecutorId(ExecutorID.newBuilder().setValue("e"))
        .setUpdate(Call.Update.newBuilder().setStatus(status)).build();
  }

  @ParameterizedTest(name = "uuid {0} bytes, {1}, {2}, executor {3} -> {4}")
  @CsvSource(delimiter = '|', value = {
      "16 | SOURCE_EXECUTOR | TASK_RUNNING  | -     | ok",
      "16 | SOURCE_EXECUTOR | TASK_FINISHED | e     | ok",
      "-1 | SOURCE_EXECUTOR | TASK_RUNNING  | -     | 'uuid' to be present",
      "15 | SOURCE_EXECUTOR | TASK_RUNNING  | -     | exactly 16 bytes, got 15",
      "17 | SOURCE_EXECUTOR | TASK_RUNNING  | -     | exactly 16 bytes, got 17",
      "16 | SOURCE_AGENT    | TASK_RUNNING  | -     | must send SOURCE_EXECUTOR",
      "16 | SOURCE_MASTER   | TASK_RUNNING  | -     | must send SOURCE_EXECUTOR",
      "16 | -               | TASK_RUNNING  | -     | source unset",
      "16 | SOURCE_EXECUTOR | TASK_STAGING  | -     | cannot send TASK_STAGING",
      "16 | SOURCE_EXECUTOR | TASK_RUNNING  | other | does not match 'e'",
  })
  void updateRules(int uuidBytes, String source, TaskState state, String executor, String expected) {
    Optional<String> result = CallValidator.shape(update(uuidBytes, source, state, executor));
    if (expected.equals("ok")) {
      assertEquals(Optional.empty(), result);
    } else {
      assertTrue(result.orElse("").contains(expected), () -> "got " + result);
    }
  }

  @ParameterizedTest(name = "{0} without its message")
  @CsvSource({"SUBSCRIBE, subscribe", "UPDATE, update", "MESSAGE, message", "UNKNOWN, type"})
  void callsNeedTheirSubMessage(Call.Type type, String missing) {
    Call call = Call.newBuilder().setType(type).setFrameworkId(FrameworkID.newBuilder().setValue("f"))
        .setExecutorId(ExecutorID.newBuilder().setValue("e")).build();
    assertEquals(Optional.of("Expecting '" + missing + "' to be present"), CallValidator.shape(call));
  }
}
