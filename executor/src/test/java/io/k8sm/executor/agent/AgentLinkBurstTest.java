package io.k8sm.executor.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.Done;
import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.google.protobuf.ByteString;
import com.typesafe.config.ConfigFactory;
import io.k8sm.executor.DockerFixture;
import io.k8sm.executor.ExecutorGuardian;
import io.k8sm.executor.FakeAgent;
import io.k8sm.protocol.client.ClientSettings;
import io.k8sm.protocol.client.MesosClient;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every UPDATE reaches a healthy agent on the same subscription, even when a burst is larger than
 * the client's request pool or the agent answers some of them 503: none waits for a re-subscribe.
 */
class AgentLinkBurstTest {
  /** One connection and room for two waiting calls: a burst of hundreds overflows any direct post. */
  static final ActorTestKit kit = ActorTestKit.create(ConfigFactory.parseString("""
      k8sm.protocol { call-connections = 1, max-pending-calls = 2 }
      k8sm.executor { calls-in-flight = 2, call-retry-min = 10ms, call-retry-max = 50ms }
      """).withFallback(DockerFixture.TEST_CONFIG));
  static final Duration WAIT = Duration.ofSeconds(20);
  FakeAgent agent;
  ActorRef<AgentLink.Command> link;

  @BeforeEach
  void start() throws Exception {
    agent = new FakeAgent(kit.system());
    TestProbe<ExecutorGuardian.Command> pods = kit.createTestProbe();
    ExecutorEnv env = new ExecutorEnv("fw-1", "exec-1", agent.uri(), true, Duration.ofMinutes(1),
        Duration.ofMillis(200), Duration.ofSeconds(5), Optional.empty());
    var client = MesosClient.executor(kit.system(),
        ClientSettings.fromConfig(kit.system().settings().config(), List.of(agent.uri()), "/api/v1/executor"));
    link = kit.spawn(AgentLink.create(env, client, pods.getRef(),
        new ReconnectPolicy(true, Duration.ofMinutes(1), Duration.ofMillis(200), new Random(1))));
    agent.awaitSubscription(WAIT).feed().event(FakeAgent.subscribed());
    pods.expectMessageClass(ExecutorGuardian.AgentSubscribed.class, WAIT);
  }

  @AfterEach
  void stop() throws Exception {
    kit.stop(link);
    agent.close();
  }

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  static TaskStatus running(int i) {
    return TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("task-" + i))
        .setState(TaskState.TASK_RUNNING).setMessage("running").build();
  }

  /** Sends {@code n} updates at once and returns the tasks the agent got an UPDATE for, with their uuids. */
  Set<String> burst(int n) throws Exception {
    for (int i = 0; i < n; i++) {
      link.tell(new AgentLink.SendUpdate(running(i)));
    }
    Set<String> tasks = new HashSet<>();
    Set<ByteString> uuids = new HashSet<>();
    for (int i = 0; i < n; i++) {
      TaskStatus s = agent.awaitCall(Call.Type.UPDATE, WAIT).getUpdate().getStatus();
      tasks.add(s.getTaskId().getValue());
      uuids.add(s.getUuid());
    }
    assertEquals(n, uuids.size(), "one UPDATE per status, each with its own uuid");
    return tasks;
  }

  Set<String> expected(int n) {
    Set<String> all = new HashSet<>();
    for (int i = 0; i < n; i++) {
      all.add("task-" + i);
    }
    return all;
  }

  @Test
  void aBurstLargerThanTheRequestPoolReachesTheAgentWithoutAReSubscribe() throws Exception {
    assertEquals(expected(300), burst(300));
    assertEquals(1, agent.subscribeRequests(), "no update waited for a re-subscribe");
    TestProbe<Done> flushed = kit.createTestProbe();
    link.tell(new AgentLink.Flush(WAIT, flushed.getRef()));
    flushed.expectMessage(WAIT, Done.getInstance());
    assertEquals(List.of(), agent.drainCalls(), "nothing was sent twice");
  }

  @Test
  void updatesTheAgentAnswered503AreSentAgainOnTheSameSubscription() throws Exception {
    agent.answerUnavailable(5);
    assertEquals(expected(8), burst(8));
    assertEquals(1, agent.subscribeRequests(), "no update waited for a re-subscribe");
  }

  @Test
  void anUpdateRefusedByTheAgentIsNotSentAgainUntilTheNextSubscribeCarriesIt() throws Exception {
    agent.answerNext(1, 400, "Status update must have 'source' set to SOURCE_EXECUTOR");
    link.tell(new AgentLink.SendUpdate(running(0)));
    link.tell(new AgentLink.SendUpdate(running(1)));
    assertEquals("task-1", agent.awaitCall(Call.Type.UPDATE, WAIT).getUpdate().getStatus().getTaskId().getValue());
    TestProbe<Done> flushed = kit.createTestProbe();
    link.tell(new AgentLink.Flush(Duration.ofMillis(300), flushed.getRef()));
    flushed.expectMessage(WAIT, Done.getInstance()); // only at the deadline: task-0 was not handed over
    assertEquals(List.of(), agent.drainCalls(), "the refused UPDATE was not sent again");
    assertEquals(1, agent.subscribeRequests());
  }

  @Test
  void anAgentThatNoLongerKnowsTheSubscriptionGetsTheUpdateInANewSubscribe() throws Exception {
    agent.answerNext(1, 403, "Executor is not subscribed");
    link.tell(new AgentLink.SendUpdate(running(0)));
    var again = agent.awaitSubscription(WAIT);
    assertEquals("task-0", again.subscribe().getSubscribe().getUnacknowledgedUpdates(0).getStatus().getTaskId()
        .getValue());
  }
}
