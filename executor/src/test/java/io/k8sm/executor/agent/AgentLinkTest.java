package io.k8sm.executor.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.google.protobuf.ByteString;
import io.k8sm.executor.ExecutorGuardian;
import io.k8sm.executor.FakeAgent;
import io.k8sm.protocol.client.ClientSettings;
import io.k8sm.protocol.client.MesosClient;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentLinkTest {
  static final ActorTestKit kit = ActorTestKit.create(io.k8sm.executor.DockerFixture.TEST_CONFIG);
  static final Duration WAIT = Duration.ofSeconds(10);
  static final TaskID TASK = TaskID.newBuilder().setValue("task-1").build();
  FakeAgent agent;

  @BeforeEach
  void start() throws Exception {
    agent = new FakeAgent(kit.system());
  }

  final java.util.List<ActorRef<AgentLink.Command>> links = new java.util.ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    links.forEach(kit::stop);
    agent.close();
  }

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  ActorRef<AgentLink.Command> link(boolean checkpoint, Duration recovery, TestProbe<ExecutorGuardian.Command> pods) {
    ExecutorEnv env = new ExecutorEnv("fw-1", "exec-1", agent.uri(), checkpoint, recovery, Duration.ofMillis(200),
        Duration.ofSeconds(5), java.util.Optional.empty());
    var client = MesosClient.executor(kit.system(),
        ClientSettings.fromConfig(kit.system().settings().config(), List.of(agent.uri()), "/api/v1/executor"));
    var link = kit.spawn(AgentLink.create(env, client, pods.getRef(), new ReconnectPolicy(checkpoint, recovery,
        Duration.ofMillis(200), new Random(1))));
    links.add(link);
    return link;
  }

  static TaskInfo task() {
    return TaskInfo.newBuilder().setName("t").setTaskId(TASK).setAgentId(AgentID.newBuilder().setValue("a")).build();
  }

  static Event launch() {
    return Event.newBuilder().setType(Event.Type.LAUNCH).setLaunch(Event.Launch.newBuilder().setTask(task())).build();
  }

  static TaskStatus starting() {
    return TaskStatus.newBuilder().setTaskId(TASK).setState(TaskState.TASK_STARTING).setMessage("starting").build();
  }

  @Test
  void eventsBecomeCommandsAndUpdatesCarryFreshUuidsFromTheExecutor() throws Exception {
    TestProbe<ExecutorGuardian.Command> pods = kit.createTestProbe();
    ActorRef<AgentLink.Command> link = link(false, Duration.ZERO, pods);
    var sub = agent.awaitSubscription(WAIT);
    assertEquals("fw-1", sub.subscribe().getFrameworkId().getValue());
    assertEquals("exec-1", sub.subscribe().getExecutorId().getValue());
    sub.feed().event(FakeAgent.subscribed()).event(launch());
    assertEquals(false, pods.expectMessageClass(ExecutorGuardian.AgentSubscribed.class, WAIT).taskKillingState());
    assertEquals(task(), pods.expectMessageClass(ExecutorGuardian.Launch.class, WAIT).task());

    link.tell(new AgentLink.SendUpdate(starting()));
    link.tell(new AgentLink.SendUpdate(starting()));
    TaskStatus first = agent.awaitCall(Call.Type.UPDATE, WAIT).getUpdate().getStatus();
    TaskStatus second = agent.awaitCall(Call.Type.UPDATE, WAIT).getUpdate().getStatus();
    for (TaskStatus s : List.of(first, second)) {
      assertEquals(16, s.getUuid().size());
      assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, s.getSource());
      assertEquals("exec-1", s.getExecutorId().getValue());
      assertEquals(TaskState.TASK_STARTING, s.getState());
    }
    assertTrue(!first.getUuid().equals(second.getUuid()), "every update has its own uuid");

    sub.feed().event(Event.newBuilder().setType(Event.Type.KILL).setKill(Event.Kill.newBuilder().setTaskId(TASK)
        .setKillPolicy(KillPolicy.newBuilder().setGracePeriod(DurationInfo.newBuilder().setNanoseconds(3_000_000_000L))))
        .build());
    var kill = pods.expectMessageClass(ExecutorGuardian.Kill.class, WAIT);
    assertEquals(TASK, kill.taskId());
    assertEquals(java.util.Optional.of(Duration.ofSeconds(3)), kill.grace());

    sub.feed().event(Event.newBuilder().setType(Event.Type.SHUTDOWN).build());
    assertEquals(Duration.ofSeconds(5), pods.expectMessageClass(ExecutorGuardian.Shutdown.class, WAIT).grace());
  }

  @Test
  void aReSubscribeResendsUnacknowledgedUpdatesAndTasks() throws Exception {
    TestProbe<ExecutorGuardian.Command> pods = kit.createTestProbe();
    ActorRef<AgentLink.Command> link = link(true, Duration.ofMinutes(1), pods);
    var sub = agent.awaitSubscription(WAIT);
    sub.feed().event(FakeAgent.subscribed()).event(launch());
    pods.expectMessageClass(ExecutorGuardian.AgentSubscribed.class, WAIT);
    link.tell(new AgentLink.SendUpdate(starting()));
    ByteString uuid = agent.awaitCall(Call.Type.UPDATE, WAIT).getUpdate().getStatus().getUuid();

    sub.feed().complete(); // the agent connection drops
    var again = agent.awaitSubscription(WAIT);
    assertEquals(List.of(task()), again.subscribe().getSubscribe().getUnacknowledgedTasksList());
    assertEquals(uuid, again.subscribe().getSubscribe().getUnacknowledgedUpdates(0).getStatus().getUuid());

    again.feed().event(FakeAgent.subscribed()).event(Event.newBuilder().setType(Event.Type.ACKNOWLEDGED)
        .setAcknowledged(Event.Acknowledged.newBuilder().setTaskId(TASK).setUuid(uuid)).build());
    TestProbe<Done> flushed = kit.createTestProbe();
    link.tell(new AgentLink.Flush(WAIT, flushed.getRef()));
    flushed.expectMessage(WAIT, Done.getInstance());
    again.feed().complete();
    var third = agent.awaitSubscription(WAIT);
    assertEquals(0, third.subscribe().getSubscribe().getUnacknowledgedUpdatesCount(), "acknowledged: not re-sent");
    assertEquals(0, third.subscribe().getSubscribe().getUnacknowledgedTasksCount());
  }

  @Test
  void updatesMadeWhileDisconnectedGoOutAfterTheNextSubscribe() throws Exception {
    TestProbe<ExecutorGuardian.Command> pods = kit.createTestProbe();
    ActorRef<AgentLink.Command> link = link(true, Duration.ofMinutes(1), pods);
    var sub = agent.awaitSubscription(WAIT);
    sub.feed().event(FakeAgent.subscribed());
    pods.expectMessageClass(ExecutorGuardian.AgentSubscribed.class, WAIT);
    agent.refuseSubscriptions(true);
    sub.feed().complete();
    link.tell(new AgentLink.SendUpdate(starting()));
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (agent.refusedSubscriptions() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(20); // the link keeps trying while the agent refuses
    }
    assertTrue(agent.refusedSubscriptions() >= 2, "re-subscribe attempts while refused");
    agent.refuseSubscriptions(false);
    var again = agent.awaitSubscription(WAIT);
    assertEquals(TaskState.TASK_STARTING, again.subscribe().getSubscribe().getUnacknowledgedUpdates(0).getStatus().getState());
  }

  @Test
  void theFrameworksTaskKillingCapabilityIsPassedOn() throws Exception {
    TestProbe<ExecutorGuardian.Command> pods = kit.createTestProbe();
    link(false, Duration.ZERO, pods);
    Event subscribed = FakeAgent.subscribed();
    var info = subscribed.getSubscribed().getFrameworkInfo().toBuilder().addCapabilities(
        org.apache.mesos.v1.Protos.FrameworkInfo.Capability.newBuilder()
            .setType(org.apache.mesos.v1.Protos.FrameworkInfo.Capability.Type.TASK_KILLING_STATE));
    agent.awaitSubscription(WAIT).feed().event(subscribed.toBuilder()
        .setSubscribed(subscribed.getSubscribed().toBuilder().setFrameworkInfo(info)).build());
    assertEquals(true, pods.expectMessageClass(ExecutorGuardian.AgentSubscribed.class, WAIT).taskKillingState());
  }

  @Test
  void anErrorEventMakesItSubscribeAgain() throws Exception {
    TestProbe<ExecutorGuardian.Command> pods = kit.createTestProbe();
    link(true, Duration.ofMinutes(1), pods);
    var sub = agent.awaitSubscription(WAIT);
    sub.feed().event(FakeAgent.subscribed()).event(Event.newBuilder().setType(Event.Type.ERROR)
        .setError(Event.Error.newBuilder().setMessage("Executor is terminating")).build());
    agent.awaitSubscription(WAIT);
  }

  @Test
  void withoutCheckpointingADroppedConnectionEndsTheExecutor() throws Exception {
    TestProbe<ExecutorGuardian.Command> pods = kit.createTestProbe();
    link(false, Duration.ZERO, pods);
    var sub = agent.awaitSubscription(WAIT);
    sub.feed().event(FakeAgent.subscribed());
    pods.expectMessageClass(ExecutorGuardian.AgentSubscribed.class, WAIT);
    sub.feed().complete();
    var lost = pods.expectMessageClass(ExecutorGuardian.LinkLost.class, WAIT);
    assertTrue(lost.reason().contains("MESOS_CHECKPOINT=0"), lost.reason());
  }

  @Test
  void withCheckpointingItGivesUpAfterTheRecoveryTimeout() throws Exception {
    TestProbe<ExecutorGuardian.Command> pods = kit.createTestProbe();
    link(true, Duration.ofSeconds(1), pods);
    var sub = agent.awaitSubscription(WAIT);
    sub.feed().event(FakeAgent.subscribed());
    pods.expectMessageClass(ExecutorGuardian.AgentSubscribed.class, WAIT);
    agent.refuseSubscriptions(true);
    sub.feed().complete();
    var lost = assertInstanceOf(ExecutorGuardian.LinkLost.class, pods.receiveMessage(WAIT));
    assertTrue(lost.reason().contains("recovery timeout"), lost.reason());
    assertTrue(agent.refusedSubscriptions() >= 2, "it retried before giving up: " + agent.refusedSubscriptions());
  }
}
