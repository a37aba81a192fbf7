package io.k8sm.local.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.http.javadsl.model.HttpResponse;
import com.typesafe.config.ConfigFactory;
import io.k8sm.protocol.codec.Encoding;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The executor actor on its own, with a probe as the agent: its end of life. */
class ExecutorSupervisorTest {
  static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.load());

  @TempDir Path workDir;

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @Test
  void afterExitItAnswersForTheGoneExecutorUntilTheAgentStopsIt() throws Exception {
    RecordingListener listener = new RecordingListener();
    FrameworkInfo fw = AgentFixture.framework("fw-s", false);
    ExecutorInfo exec = AgentFixture.executor("exec-s", CommandInfo.newBuilder().setValue("exit 7").build(),
        Duration.ofSeconds(1));
    AgentInfo agent = AgentInfo.newBuilder().setId(AgentFixture.AGENT).setHostname("localhost").build();
    ExecutorRun.Spec spec = new ExecutorRun.Spec(fw, exec, agent, "127.0.0.1:1",
        AgentFixture.settings(KIT, workDir), listener);
    TestProbe<ExecutorSupervisor.Finished> parent = KIT.createTestProbe();
    ActorRef<ExecutorSupervisor.Command> supervisor =
        KIT.spawn(ExecutorSupervisor.create(spec, List.of(AgentFixture.task("t-1", "", exec)), parent.getRef()));

    ExecutorLifecycleTest.assertAgentFailure(listener.nextStatus(), "t-1", TaskStatus.Reason.REASON_EXECUTOR_TERMINATED);
    assertEquals(7 << 8, listener.nextTermination().waitStatus());
    assertEquals(supervisor, parent.receiveMessage().executor());

    supervisor.tell(new ExecutorSupervisor.Launch(List.of(AgentFixture.task("late", "", exec))));
    TaskStatus late = listener.nextStatus();
    assertEquals("late", late.getTaskId().getValue());
    assertEquals(TaskState.TASK_LOST, late.getState(), "not partition-aware: TASK_LOST");
    assertEquals(TaskStatus.Reason.REASON_EXECUTOR_TERMINATED, late.getReason());

    TestProbe<HttpResponse> http = KIT.createTestProbe();
    Call heartbeat = Call.newBuilder().setType(Call.Type.HEARTBEAT).setFrameworkId(fw.getId())
        .setExecutorId(exec.getExecutorId()).build();
    supervisor.tell(new ExecutorSupervisor.ExecutorCall(heartbeat, Encoding.JSON, http.getRef()));
    assertEquals(400, http.receiveMessage().status().intValue());

    supervisor.tell(new ExecutorSupervisor.Stop());
    parent.expectTerminated(supervisor);
  }
}
