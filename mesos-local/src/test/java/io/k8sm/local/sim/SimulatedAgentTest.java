package io.k8sm.local.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import akka.util.ByteString;
import io.k8sm.local.MesosLocalSettings;
import io.k8sm.local.agent.Agent;
import io.k8sm.local.agent.AgentListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatedAgentTest {
  private static final FrameworkID FW = FrameworkID.newBuilder().setValue("fw").build();
  private static final FrameworkInfo INFO = FrameworkInfo.newBuilder().setUser("u").setName("n").setId(FW).build();
  private static final ExecutorInfo EXEC = ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder()
      .setValue("e")).setCommand(CommandInfo.newBuilder().setValue("x")).build();

  private final SimulatedAgents agents = new SimulatedAgents();
  private final Recorder recorder = new Recorder();

  /** Collects what the agent reports. */
  static final class Recorder implements AgentListener {
    final LinkedBlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @Override
    public void statusUpdate(FrameworkID framework, TaskStatus status) {
      events.add(status);
    }

    @Override
    public void executorTerminated(FrameworkID framework, ExecutorID executor, AgentID agent, int waitStatus) {
      events.add("terminated " + executor.getValue() + " " + waitStatus);
    }

    @Override
    public void executorMessage(FrameworkID framework, ExecutorID executor, AgentID agent, ByteString data) {
      events.add("message " + data.utf8String());
    }

    Object next() throws InterruptedException {
      Object o = events.poll(5, TimeUnit.SECONDS);
      if (o == null) {
        throw new AssertionError("nothing reported");
      }
      return o;
    }

    TaskStatus nextStatus() throws InterruptedException {
      return (TaskStatus) next();
    }
  }

  @AfterEach
  void close() {
    agents.close();
  }

  private SimulatedAgent agent(long seed) {
    return (SimulatedAgent) agents.factories(1, MesosLocalSettings.simulatedResources(2, 1024, 100, 1, 0),
        Duration.ofMillis(20), seed).get(0).start(AgentID.newBuilder().setValue("a").build(), recorder);
  }

  private static TaskInfo task(String id) {
    return TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
        .setAgentId(AgentID.newBuilder().setValue("a")).setExecutor(EXEC).build();
  }

  @Test
  void tasksStartAndRunWithExecutorUpdates() throws Exception {
    Agent a = agent(1);
    assertEquals("sim-0.mesos-local", a.info().getHostname());
    a.launch(INFO, EXEC, List.of(task("t")));
    TaskStatus starting = recorder.nextStatus();
    TaskStatus running = recorder.nextStatus();
    assertEquals(TaskState.TASK_STARTING, starting.getState());
    assertEquals(TaskState.TASK_RUNNING, running.getState());
    for (TaskStatus s : List.of(starting, running)) {
      assertEquals(16, s.getUuid().size());
      assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, s.getSource());
      assertEquals("e", s.getExecutorId().getValue());
    }
    assertNotEquals(starting.getUuid(), running.getUuid());
  }

  @Test
  void killAndFaults() throws Exception {
    SimulatedAgent a = agent(1);
    a.launch(INFO, EXEC, List.of(task("k"), task("f")));
    for (int i = 0; i < 4; i++) {
      recorder.nextStatus();
    }
    a.kill(FW, TaskID.newBuilder().setValue("k").build(), Optional.empty());
    assertEquals(TaskState.TASK_KILLED, recorder.nextStatus().getState());
    a.failTask(TaskID.newBuilder().setValue("f").build(), "boom");
    TaskStatus failed = recorder.nextStatus();
    assertEquals(TaskState.TASK_FAILED, failed.getState());
    assertEquals("boom", failed.getMessage());
    a.kill(FW, TaskID.newBuilder().setValue("nope").build(), Optional.empty());
    assertEquals(TaskState.TASK_LOST, recorder.nextStatus().getState());
  }

  @Test
  void executorTerminationFailsItsTasks() throws Exception {
    SimulatedAgent a = agent(1);
    a.launch(INFO, EXEC, List.of(task("t")));
    assertEquals(TaskState.TASK_STARTING, recorder.nextStatus().getState());
    assertEquals(TaskState.TASK_RUNNING, recorder.nextStatus().getState());
    a.terminateExecutor(FW, EXEC.getExecutorId(), 9);
    TaskStatus s = recorder.nextStatus();
    assertEquals(TaskState.TASK_FAILED, s.getState());
    assertEquals(TaskStatus.Reason.REASON_EXECUTOR_TERMINATED, s.getReason());
    assertEquals("terminated e 9", recorder.next());
  }

  @Test
  void messagesAreEchoed() throws Exception {
    agent(1).frameworkMessage(FW, EXEC.getExecutorId(), ByteString.fromString("hi"));
    assertEquals("message hi", recorder.next());
  }

  @Test
  void uuidsAreReproducibleForASeed() throws Exception {
    agent(5).launch(INFO, EXEC, List.of(task("t")));
    var first = recorder.nextStatus().getUuid();
    recorder.nextStatus();
    agent(5).launch(INFO, EXEC, List.of(task("t")));
    assertEquals(first, recorder.nextStatus().getUuid());
  }
}
