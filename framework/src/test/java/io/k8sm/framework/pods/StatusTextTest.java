package io.k8sm.framework.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import io.k8sm.protocol.pod.PodStatusReport;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StatusTextTest {
  static TaskStatus.Builder status() {
    return TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t")).setState(TaskState.TASK_STARTING);
  }

  static Stream<Arguments> table() {
    return Stream.of(
        Arguments.of(status().setData(PodStatusReport.newBuilder().setReason("ErrImagePull")
            .setMessage("pull access denied for nope/nope").build().toByteString()),
            "ErrImagePull: pull access denied for nope/nope"),
        Arguments.of(status().setData(PodStatusReport.newBuilder().setReason("CrashLoopBackOff").build().toByteString()),
            "CrashLoopBackOff"),
        Arguments.of(status().setMessage("Task uses more resources than available")
            .setReason(TaskStatus.Reason.REASON_TASK_INVALID), "Task uses more resources than available [REASON_TASK_INVALID]"),
        Arguments.of(status().setData(ByteString.copyFromUtf8("not a report")).setMessage("m"), "m"),
        Arguments.of(status(), ""));
  }

  @ParameterizedTest
  @MethodSource("table")
  void saysWhatTheUpdateSays(TaskStatus.Builder s, String expected) {
    assertEquals(expected, StatusText.detail(s.build()));
  }
}
