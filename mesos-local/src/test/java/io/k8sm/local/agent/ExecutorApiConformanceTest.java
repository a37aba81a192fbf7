package io.k8sm.local.agent;

import static io.k8sm.local.agent.AgentFixture.framework;
import static io.k8sm.local.agent.AgentFixture.task;
import static io.k8sm.local.agent.AgentFixture.taskId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import com.google.protobuf.ByteString;
import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The executor API over plain HTTP, the test playing the executor: status codes, the event stream,
 * update validation, acknowledgements and re-subscription. The launched process only sleeps, so the
 * agent has a real executor run to talk about.
 */
class ExecutorApiConformanceTest {
  static final ActorTestKit KIT = ActorTestKit.create(ConfigFactory.load());

  @TempDir Path workDir;
  RecordingListener listener;
  RealAgent agent;
  FrameworkInfo fw;
  ExecutorInfo exec;
  ExecutorClient client;

  @BeforeEach
  void start() {
    listener = new RecordingListener();
    agent = RealAgent.start(KIT.system(), AgentFixture.settings(KIT, workDir), AgentFixture.AGENT, listener);
    fw = framework("fw-api", true);
    exec = AgentFixture.sleepingExecutor("exec-api", Duration.ofMillis(200));
    client = new ExecutorClient(agent.endpoint(), fw.getId(), exec.getExecutorId());
  }

  @AfterEach
  void stop() throws Exception {
    AgentFixture.stopAndCheckReaped(agent);
  }

  @AfterAll
  static void shutdown() {
    KIT.shutdownTestKit();
  }

  @Test
  void badRequestsGetMesosStatusCodesWithPlainTextReasons() throws Exception {
    agent.launch(fw, exec, List.of(task("t-1", "", exec)));
    String heartbeat = ExecutorClient.json(client.call(Call.Type.HEARTBEAT).build());

    assertEquals(405, client.send("GET", null, "").status());
    assertEquals(405, client.send("PUT", "application/json", heartbeat).status());
    assertEquals(415, client.send("POST", "application/json; charset=utf-8", heartbeat).status());
    assertEquals(415, client.send("POST", "text/plain", heartbeat).status());
    assertEquals(415, client.send("POST", "Application/JSON", heartbeat).status());
    assertEquals(415, client.send("POST", "application/X-Protobuf", heartbeat).status());
    assertEquals(415, client.send("POST", "application/octet-stream", heartbeat).status());
    ExecutorClient.Reply missing = client.send("POST", null, heartbeat);
    assertEquals(400, missing.status());
    assertTrue(missing.body().contains("Content-Type"), missing.body());
    assertTrue(missing.contentType().startsWith("text/plain"), missing.contentType());
    assertEquals(400, client.send("POST", "application/json", "{not json").status());
    assertEquals(400, client.send("POST", "application/json", "{\"type\":\"HEARTBEAT\"}").status(), "ids missing");
    assertEquals(400, client.send("POST", "application/x-protobuf", "\u00ff\u00ff\u00ff").status());
    String ids = "\"executor_id\":{\"value\":\"exec-api\"},\"framework_id\":{\"value\":\"fw-api\"}";
    ExecutorClient.Reply camel = client.send("POST", "application/json",
        "{\"type\":\"HEARTBEAT\",\"executorId\":{\"value\":\"exec-api\"},\"frameworkId\":{\"value\":\"fw-api\"}}");
    assertEquals(400, camel.status(), "camelCase keys are dropped");
    assertTrue(camel.body().contains("Missing required fields: executor_id, framework_id"), camel.body());
    ExecutorClient.Reply number = client.send("POST", "application/json", "{\"type\":3," + ids + "}");
    assertEquals(400, number.status(), "enum as a number");
    assertTrue(number.body().contains("Not expecting a JSON number for field 'type'"), number.body());

    ExecutorClient.Reply early = client.post(client.update(taskId("t-1"), TaskState.TASK_RUNNING, ExecutorClient.uuid()));
    assertEquals(403, early.status(), "UPDATE before SUBSCRIBE");
    assertTrue(early.body().contains("not subscribed"), early.body());
    assertEquals(403, client.send("POST", "application/json", heartbeat).status());

    ExecutorClient stranger = new ExecutorClient(agent.endpoint(), fw.getId(), ExecutorID.newBuilder().setValue("other").build());
    assertEquals(400, stranger.post(stranger.call(Call.Type.HEARTBEAT).build()).status());
    ExecutorClient unknownFramework = new ExecutorClient(agent.endpoint(), FrameworkID.newBuilder().setValue("nope").build(),
        exec.getExecutorId());
    ExecutorClient.Reply unknown = unknownFramework.post(unknownFramework.call(Call.Type.HEARTBEAT).build());
    assertEquals(400, unknown.status());
    assertTrue(unknown.body().contains("Framework nope cannot be found"), unknown.body());

    ExecutorClient.Reply noSub = client.post(client.call(Call.Type.SUBSCRIBE).build());
    assertEquals(400, noSub.status(), "SUBSCRIBE without its message");
  }

  @Test
  void subscribeStreamsSubscribedThenQueuedLaunchesAndUpdatesAreValidatedAndAcknowledgedOnce() throws Exception {
    agent.launch(fw, exec, List.of(task("t-1", "", exec), task("t-2", "", exec)));
    try (ExecutorClient.Subscription sub = client.subscribe(Call.Subscribe.getDefaultInstance())) {
      assertEquals(200, sub.status);
      assertEquals("application/json", sub.contentType);
      Event.Subscribed subscribed = sub.expect(Event.Type.SUBSCRIBED).getSubscribed();
      assertEquals("exec-api", subscribed.getExecutorInfo().getExecutorId().getValue());
      assertEquals(fw.getId(), subscribed.getExecutorInfo().getFrameworkId());
      assertEquals(fw.getId(), subscribed.getFrameworkInfo().getId());
      assertEquals(agent.info(), subscribed.getAgentInfo());
      assertTrue(subscribed.getContainerId().getValue().length() > 0);
      assertTrue(subscribed.getExecutorInfo().getCommand().hasShell(), "shell printed with its proto default");
      assertTrue(subscribed.getFrameworkInfo().hasFailoverTimeout(), "failover_timeout printed with its default");
      assertEquals("t-1", sub.expect(Event.Type.LAUNCH).getLaunch().getTask().getTaskId().getValue());
      assertEquals("t-2", sub.expect(Event.Type.LAUNCH).getLaunch().getTask().getTaskId().getValue());

      byte[] uuid = ExecutorClient.uuid();
      Call running = client.update(taskId("t-1"), TaskState.TASK_RUNNING, uuid);
      assertEquals(202, client.post(running).status());
      Event.Acknowledged ack = sub.expect(Event.Type.ACKNOWLEDGED).getAcknowledged();
      assertEquals("t-1", ack.getTaskId().getValue());
      assertEquals(ByteString.copyFrom(uuid), ack.getUuid());
      TaskStatus forwarded = listener.nextStatus();
      assertEquals(TaskState.TASK_RUNNING, forwarded.getState());
      assertEquals(ByteString.copyFrom(uuid), forwarded.getUuid());

      // The same update again is acknowledged again but not forwarded twice.
      assertEquals(202, client.post(running).status());
      sub.expect(Event.Type.ACKNOWLEDGED);
      assertNull(listener.statuses.poll(), "duplicate uuid forwarded");

      byte[] shortUuid = Arrays.copyOf(ExecutorClient.uuid(), 15);
      assertEquals(400, client.post(client.update(taskId("t-2"), TaskState.TASK_RUNNING, shortUuid)).status());
      assertEquals(400, client.post(client.update(taskId("t-2"), TaskState.TASK_STAGING, ExecutorClient.uuid())).status());
      Call wrongSource = withStatus(client.update(taskId("t-2"), TaskState.TASK_RUNNING, ExecutorClient.uuid()),
          s -> s.setSource(TaskStatus.Source.SOURCE_AGENT));
      assertEquals(400, client.post(wrongSource).status());
      Call wrongExecutor = withStatus(client.update(taskId("t-2"), TaskState.TASK_RUNNING, ExecutorClient.uuid()),
          s -> s.setExecutorId(ExecutorID.newBuilder().setValue("someone-else")));
      assertEquals(400, client.post(wrongExecutor).status());
      assertNull(listener.statuses.poll(), "rejected updates are not forwarded");

      assertEquals(202, client.post(client.call(Call.Type.MESSAGE)
          .setMessage(Call.Message.newBuilder().setData(ByteString.copyFromUtf8("to-scheduler"))).build()).status());
      assertEquals("to-scheduler", listener.nextMessage().data().utf8String());
      assertEquals(202, client.post(client.call(Call.Type.HEARTBEAT).build()).status());

      agent.kill(fw.getId(), taskId("t-2"), java.util.Optional.empty());
      assertEquals("t-2", sub.expect(Event.Type.KILL).getKill().getTaskId().getValue());
      agent.shutdownExecutor(fw.getId(), exec.getExecutorId());
      sub.expect(Event.Type.SHUTDOWN);
      // The sleeping process ignores SHUTDOWN: it is killed after the grace period, and t-1/t-2 fail.
      assertEquals(TaskState.TASK_FAILED, listener.nextStatus().getState());
      assertEquals(TaskState.TASK_FAILED, listener.nextStatus().getState());
      assertEquals(9, listener.nextTermination().waitStatus());
      assertEquals(ExecutorClient.Subscription.END, sub.next(), "the stream ends with the executor");
    }
  }

  @Test
  void secondSubscribeClosesTheFirstStreamAndTheLibprocessPathAndNegotiationWork() throws Exception {
    agent.launch(fw, exec, List.of(task("t-1", "", exec)));
    try (ExecutorClient.Subscription first = client.subscribe(Call.Subscribe.getDefaultInstance())) {
      first.expect(Event.Type.SUBSCRIBED);
      first.expect(Event.Type.LAUNCH);
      URI libprocess = URI.create("http://" + agent.endpoint() + "/slave(1)/api/v1/executor");
      Call subscribe = client.call(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.newBuilder()
          .addUnacknowledgedTasks(task("t-1", "", exec))).build();
      try (ExecutorClient.Subscription second = client.subscribe(libprocess, subscribe)) {
        assertEquals(200, second.status);
        second.expect(Event.Type.SUBSCRIBED);
        assertEquals(ExecutorClient.Subscription.END, first.next(), "the older stream is closed");
        assertNull(second.poll(Duration.ofMillis(200)), "t-1 is known to the executor: no second LAUNCH");
      }
    }
    java.net.http.HttpResponse<String> refused = client.http.send(java.net.http.HttpRequest.newBuilder(client.uri)
        .header("Content-Type", "application/json").header("Accept", "text/html")
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(ExecutorClient.json(client.call(Call.Type.SUBSCRIBE)
            .setSubscribe(Call.Subscribe.getDefaultInstance()).build()))).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertEquals(406, refused.statusCode());
  }

  @Test
  void anExecutorBeingShutDownThatSubscribesGetsOnlyShutdown() throws Exception {
    ExecutorInfo slow = AgentFixture.sleepingExecutor("exec-api", Duration.ofSeconds(1));
    agent.launch(fw, slow, List.of(task("t-1", "", slow)));
    agent.shutdownExecutor(fw.getId(), slow.getExecutorId());
    try (ExecutorClient.Subscription sub = client.subscribe(Call.Subscribe.getDefaultInstance())) {
      assertEquals(200, sub.status);
      sub.expect(Event.Type.SHUTDOWN);
      assertNull(sub.poll(Duration.ofMillis(200)), "no SUBSCRIBED, no LAUNCH");
    }
  }

  @Test
  void subscribedExecutorsGetHeartbeats() throws Exception {
    AgentFixture.stopAndCheckReaped(agent);
    agent = RealAgent.start(KIT.system(), AgentFixture.settings(KIT, workDir).toBuilder()
        .executorHeartbeatInterval(Duration.ofMillis(100)).build(), AgentFixture.AGENT, listener);
    client = new ExecutorClient(agent.endpoint(), fw.getId(), exec.getExecutorId());
    agent.launch(fw, exec, List.of(task("t-1", "", exec)));
    try (ExecutorClient.Subscription sub = client.subscribe(Call.Subscribe.getDefaultInstance())) {
      sub.expect(Event.Type.SUBSCRIBED);
      sub.expect(Event.Type.LAUNCH);
      sub.expect(Event.Type.HEARTBEAT);
      sub.expect(Event.Type.HEARTBEAT);
    }
  }

  @Test
  void protobufSubscriptionStreamsProtobufRecords() throws Exception {
    agent.launch(fw, exec, List.of(task("t-pb", "", exec)));
    Call subscribe = client.call(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.getDefaultInstance()).build();
    try (ExecutorClient.Subscription sub = client.subscribe(client.uri, subscribe, true)) {
      assertEquals(200, sub.status);
      assertEquals("application/x-protobuf", sub.contentType);
      assertEquals(agent.info(), sub.expect(Event.Type.SUBSCRIBED).getSubscribed().getAgentInfo());
      assertEquals("t-pb", sub.expect(Event.Type.LAUNCH).getLaunch().getTask().getTaskId().getValue());
      byte[] uuid = ExecutorClient.uuid();
      java.net.http.HttpResponse<String> accepted = client.http.send(java.net.http.HttpRequest.newBuilder(client.uri)
          .header("Content-Type", "application/x-protobuf")
          .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(
              client.update(taskId("t-pb"), TaskState.TASK_RUNNING, uuid).toByteArray())).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      assertEquals(202, accepted.statusCode());
      assertEquals("", accepted.body(), "202 has an empty body");
      assertEquals(ByteString.copyFrom(uuid), sub.expect(Event.Type.ACKNOWLEDGED).getAcknowledged().getUuid());
      assertEquals(ByteString.copyFrom(uuid), listener.nextStatus().getUuid());
    }
  }

  @Test
  void checkpointedExecutorReSubscribesWithUnacknowledgedUpdatesWhichAreDeduplicated() throws Exception {
    agent.launch(fw, exec, List.of(task("t-1", "", exec), task("t-2", "", exec)));
    byte[] u1 = ExecutorClient.uuid();
    Call running1 = client.update(taskId("t-1"), TaskState.TASK_RUNNING, u1);
    try (ExecutorClient.Subscription sub = client.subscribe(Call.Subscribe.getDefaultInstance())) {
      sub.expect(Event.Type.SUBSCRIBED);
      sub.expect(Event.Type.LAUNCH);
      sub.expect(Event.Type.LAUNCH);
      assertEquals(202, client.post(running1).status());
      sub.expect(Event.Type.ACKNOWLEDGED);
      assertEquals(ByteString.copyFrom(u1), listener.nextStatus().getUuid());
    }
    // Stream dropped. A task launched now waits for the executor to come back.
    agent.launch(fw, exec, List.of(task("t-3", "", exec)));
    byte[] u2 = ExecutorClient.uuid();
    Call.Subscribe resubscribe = Call.Subscribe.newBuilder()
        .addUnacknowledgedTasks(task("t-2", "", exec))
        .addUnacknowledgedUpdates(running1.getUpdate())
        .addUnacknowledgedUpdates(client.update(taskId("t-2"), TaskState.TASK_RUNNING, u2).getUpdate())
        .build();
    try (ExecutorClient.Subscription sub = client.subscribe(resubscribe)) {
      assertEquals(200, sub.status);
      sub.expect(Event.Type.SUBSCRIBED);
      assertEquals(ByteString.copyFrom(u1), sub.expect(Event.Type.ACKNOWLEDGED).getAcknowledged().getUuid());
      assertEquals(ByteString.copyFrom(u2), sub.expect(Event.Type.ACKNOWLEDGED).getAcknowledged().getUuid());
      assertEquals("t-3", sub.expect(Event.Type.LAUNCH).getLaunch().getTask().getTaskId().getValue());
      TaskStatus replayed = listener.nextStatus();
      assertEquals(ByteString.copyFrom(u2), replayed.getUuid(), "only the new update is forwarded");
      assertNull(listener.statuses.poll(), "u1 was already held");
      assertNull(sub.poll(Duration.ofMillis(200)), "t-1 and t-2 are known to the executor: no LAUNCH");
    }
  }

  @Test
  void nonCheckpointedExecutorWhoseStreamDropsIsShutDown() throws Exception {
    FrameworkInfo plain = framework("fw-plain", false);
    client = new ExecutorClient(agent.endpoint(), plain.getId(), exec.getExecutorId());
    agent.launch(plain, exec, List.of(task("t-p", "", exec)));
    try (ExecutorClient.Subscription sub = client.subscribe(Call.Subscribe.getDefaultInstance())) {
      sub.expect(Event.Type.SUBSCRIBED);
      sub.expect(Event.Type.LAUNCH);
    }
    TaskStatus failed = listener.nextStatus();
    assertEquals(TaskState.TASK_FAILED, failed.getState());
    assertEquals(TaskStatus.Reason.REASON_EXECUTOR_TERMINATED, failed.getReason());
    assertEquals(9, listener.nextTermination().waitStatus());
  }

  @Test
  void aReplacedThenDroppedSubscriptionIsNoticed() throws Exception {
    FrameworkInfo plain = framework("fw-plain2", false);
    client = new ExecutorClient(agent.endpoint(), plain.getId(), exec.getExecutorId());
    agent.launch(plain, exec, List.of(task("t-p", "", exec)));
    try (ExecutorClient.Subscription first = client.subscribe(Call.Subscribe.getDefaultInstance())) {
      first.expect(Event.Type.SUBSCRIBED);
      first.expect(Event.Type.LAUNCH);
      try (ExecutorClient.Subscription second = client.subscribe(Call.Subscribe.newBuilder()
          .addUnacknowledgedTasks(task("t-p", "", exec)).build())) {
        second.expect(Event.Type.SUBSCRIBED);
        assertEquals(ExecutorClient.Subscription.END, first.next());
      }
      assertEquals(TaskState.TASK_FAILED, listener.nextStatus().getState());
      assertEquals(9, listener.nextTermination().waitStatus());
    }
  }

  private static Call withStatus(Call call, java.util.function.Consumer<TaskStatus.Builder> change) {
    Call.Builder builder = call.toBuilder();
    change.accept(builder.getUpdateBuilder().getStatusBuilder());
    return builder.build();
  }
}
