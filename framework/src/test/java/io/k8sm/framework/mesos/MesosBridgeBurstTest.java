package io.k8sm.framework.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.http.javadsl.model.HttpResponse;
import com.google.protobuf.ByteString;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.k8sm.framework.FrameworkSettings;
import io.k8sm.framework.offers.OfferPool;
import io.k8sm.framework.pods.PodSupervisor;
import io.k8sm.framework.testing.FakeMaster;
import io.k8sm.framework.testing.TestPersistence;
import io.k8sm.protocol.client.ClientSettings;
import io.k8sm.protocol.client.MesosClient;
import io.k8sm.protocol.testing.MesosFixtureServer;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of calls through a client pool that takes only 8 waiting requests: every DECLINE and
 * ACKNOWLEDGE must reach the (scripted, loopback) master, transient failures included.
 */
class MesosBridgeBurstTest {
  static final Config CONFIG = ConfigFactory.parseMap(Map.of(
      "k8sm.protocol.call-connections", "2", "k8sm.protocol.max-pending-calls", "8",
      "k8sm.framework.mesos.calls-in-flight", "4", "k8sm.framework.mesos.call-retry-min", "20ms",
      "k8sm.framework.mesos.call-retry-max", "200ms", "k8sm.framework.mesos.backoff-min", "50ms",
      "k8sm.framework.user", "tester")).withFallback(TestPersistence.inMemory());
  static final ActorTestKit kit = ActorTestKit.create(CONFIG);
  static final int BURST = 2000;

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  @Test
  void everyDeclineAndAcknowledgeOfABurstArrivesThoughThePoolIsSmallAndTheMasterSometimesSays503()
      throws Exception {
    Map<String, Integer> tries = new ConcurrentHashMap<>();
    // The first try of every 10th call is answered 503 (as a master still recovering does).
    Function<Call, Optional<HttpResponse>> answer = call -> {
      String key = key(call);
      int n = tries.merge(key, 1, Integer::sum);
      return n == 1 && key.hashCode() % 10 == 0
          ? Optional.of(MesosFixtureServer.status(503, "Master is not the leader")) : Optional.empty();
    };
    try (FakeMaster master = new FakeMaster(kit.system(), answer)) {
      ActorRef<MesosBridge.Command> bridge = start(master);
      for (int i = 0; i < BURST; i++) {
        bridge.tell(new MesosCalls.Decline(List.of(OfferID.newBuilder().setValue("offer-" + i).build()), 5));
        bridge.tell(new MesosCalls.UpdateTaken(update(i)));
      }
      Set<String> arrived = new HashSet<>();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (arrived.size() < 2 * BURST && System.nanoTime() < deadline) {
        FakeMaster.Received r = master.poll(100);
        if (r != null && r.call().getType() != Call.Type.RECONCILE) arrived.add(key(r.call()));
      }
      assertEquals(2 * BURST, arrived.size(), "calls that reached the master");
      assertTrue(tries.values().stream().anyMatch(n -> n > 1), "some calls were retried after a 503");
    }
  }

  @Test
  void aCallTheMasterRefusesIsNotRetriedAndTheOthersStillArrive() throws Exception {
    Map<String, Integer> tries = new ConcurrentHashMap<>();
    Function<Call, Optional<HttpResponse>> answer = call -> {
      tries.merge(key(call), 1, Integer::sum);
      return key(call).equals("DECLINE offer-bad")
          ? Optional.of(MesosFixtureServer.status(400, "Failed to validate scheduler::Call")) : Optional.empty();
    };
    try (FakeMaster master = new FakeMaster(kit.system(), answer)) {
      ActorRef<MesosBridge.Command> bridge = start(master);
      bridge.tell(new MesosCalls.Decline(List.of(OfferID.newBuilder().setValue("offer-bad").build()), 5));
      bridge.tell(new MesosCalls.Decline(List.of(OfferID.newBuilder().setValue("offer-good").build()), 5));
      assertEquals("offer-good", master.nextCall(Call.Type.DECLINE).call().getDecline().getOfferIds(0).getValue());
      master.noCall(Call.Type.DECLINE, 500);
      assertEquals(1, tries.get("DECLINE offer-bad"));
    }
  }

  @Test
  void aMasterThatNoLongerKnowsTheSubscriptionIsSubscribedToAgainAndTheStaleCallIsNotRetried() throws Exception {
    Map<String, Integer> tries = new ConcurrentHashMap<>();
    Function<Call, Optional<HttpResponse>> answer = call -> {
      int n = tries.merge(key(call), 1, Integer::sum);
      return n == 1 ? Optional.of(MesosFixtureServer.status(403, "Framework is not subscribed")) : Optional.empty();
    };
    try (FakeMaster master = new FakeMaster(kit.system(), answer)) {
      ActorRef<MesosBridge.Command> bridge = start(master);
      bridge.tell(new MesosCalls.Decline(List.of(OfferID.newBuilder().setValue("offer-1").build()), 5));
      FakeMaster.Subscribe again = master.nextSubscribe();
      assertEquals("fw-burst", again.call().getFrameworkId().getValue(), "fails over under the same id");
      master.noCall(Call.Type.DECLINE, 500);
      assertEquals(1, tries.get("DECLINE offer-1"), "dropped with the old subscription, not retried");
    }
  }

  private static ActorRef<MesosBridge.Command> start(FakeMaster master) throws Exception {
    FrameworkSettings settings = FrameworkSettings.fromConfig(CONFIG.withFallback(ConfigFactory.load()));
    ClientSettings client = ClientSettings.fromConfig(CONFIG.withFallback(ConfigFactory.load()),
        List.of(master.url()), "/api/v1/scheduler").withEncoding(settings.mesos().encoding());
    TestProbe<OfferPool.Command> pool = kit.createTestProbe();
    TestProbe<PodSupervisor.Command> pods = kit.createTestProbe();
    ActorRef<MesosBridge.Command> bridge = kit.spawn(MesosBridge.create(settings, new MesosBridge.Wiring(
        MesosClient.scheduler(kit.system(), client), pool.getRef(), pods.getRef(), s -> { }, "",
        kit.spawn(FrameworkIdStore.create(TestPersistence.uniqueId("framework-id"), m -> { })))));
    master.nextSubscribe().feed().event(Event.newBuilder().setType(Event.Type.SUBSCRIBED)
        .setSubscribed(Event.Subscribed.newBuilder().setFrameworkId(FrameworkID.newBuilder().setValue("fw-burst"))
            .setHeartbeatIntervalSeconds(15)).build());
    pods.expectMessageClass(PodSupervisor.ListTasks.class); // registered: calls go out from now on
    return bridge;
  }

  private static TaskStatus update(int i) {
    return TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("default.p" + i + ".1"))
        .setState(TaskState.TASK_RUNNING).setAgentId(AgentID.newBuilder().setValue("agent-1"))
        .setUuid(ByteString.copyFrom("uuid-" + i, StandardCharsets.UTF_8)).build();
  }

  private static String key(Call call) {
    return switch (call.getType()) {
      case DECLINE -> "DECLINE " + call.getDecline().getOfferIds(0).getValue();
      case ACKNOWLEDGE -> "ACKNOWLEDGE " + call.getAcknowledge().getUuid().toStringUtf8();
      default -> call.getType().name();
    };
  }
}
