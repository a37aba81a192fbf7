package io.k8sm.executor.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.k8sm.executor.Pods;
import io.k8sm.protocol.pod.PodTask;
import io.k8sm.protocol.pod.RestartPolicy;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.junit.jupiter.api.Test;

class PodTasksTest {
  static String rejection(TaskInfo task) {
    return assertThrows(IllegalArgumentException.class, () -> PodTasks.decode(task)).getMessage();
  }

  static TaskInfo carrying(PodTask.Builder pod) {
    return Pods.task(pod.build());
  }

  @Test
  void aWellFormedPodIsReturned() {
    PodTask pod = Pods.pod("web", RestartPolicy.RESTART_ALWAYS, Pods.httpd("web", 0)).build();
    assertEquals(pod, PodTasks.decode(Pods.task(pod)));
  }

  @Test
  void everyRejectionSaysWhatIsWrong() {
    TaskInfo empty = carrying(Pods.pod("x", RestartPolicy.RESTART_NEVER)).toBuilder().clearData().build();
    assertTrue(rejection(empty).contains("TaskInfo.data is empty"));
    TaskInfo garbage = empty.toBuilder().setData(ByteString.copyFromUtf8("{\"kind\":\"Pod\"}")).build();
    assertTrue(rejection(garbage).contains("is not a k8sm.v1.PodTask"));
    assertTrue(rejection(carrying(Pods.pod("x", RestartPolicy.RESTART_NEVER))).contains("at least one container"));
    assertTrue(rejection(carrying(Pods.pod("x", RestartPolicy.RESTART_NEVER,
        Pods.container("a", "img").build(), Pods.container("a", "img").build()))).contains("same name"));
    assertTrue(rejection(carrying(Pods.pod("x", RestartPolicy.RESTART_NEVER,
        Pods.container("a", "").build()))).contains("needs a name and an image"));
  }
}
