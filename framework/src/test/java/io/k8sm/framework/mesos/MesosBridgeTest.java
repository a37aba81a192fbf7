package io.k8sm.framework.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.google.protobuf.ByteString;
import com.typesafe.config.ConfigFactory;
import io.k8sm.framework.FrameworkSettings;
import io.k8sm.framework.offers.OfferPool;
import io.k8sm.framework.pods.PodSupervisor;
import io.k8sm.framework.testing.FakeMaster;
import io.k8sm.framework.testing.Offers;
import io.k8sm.framework.testing.TestPersistence;
import io.k8sm.protocol.client.ClientSettings;
import io.k8sm.protocol.client.MesosClient;
import io.k8sm.protocol.testing.MesosFixtureServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The bridge against a scripted master on 127.0.0.1 (the wire is real; the master's answers are the test's). */
class MesosBridgeTest {
  static final ActorTestKit kit = ActorTestKit.create(TestPersistence.inMemory());
  static final FrameworkSettings SETTINGS = FrameworkSettings.fromConfig(ConfigFactory.parseMap(Map.of(
      "k8sm.framework.mesos.backoff-min", "50ms", "k8sm.framework.mesos.backoff-max", "200ms",
      "k8sm.framework.reconciliation.backoff-min", "300ms",
      "k8sm.framework.user", "tester")).withFallback(ConfigFactory.load()));

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  static final class Fixture implements AutoCloseable {
    final FakeMaster master;
    final TestProbe<OfferPool.Command> pool = kit.createTestProbe();
    final TestProbe<PodSupervisor.Command> pods = kit.createTestProbe();
    final AtomicReference<BridgeSnapshot> snapshot = new AtomicReference<>();
    final ActorRef<MesosBridge.Command> bridge;
    PodSupervisor.ListTasks listTasks;

    Fixture(List<URI> masters, FakeMaster master) {
      this.master = master;
      ClientSettings client = ClientSettings.fromConfig(ConfigFactory.load(), masters, "/api/v1/scheduler")
          .withBackoff(Duration.ofMillis(50), Duration.ofMillis(100)).withEncoding(SETTINGS.mesos().encoding());
      bridge = kit.spawn(MesosBridge.create(SETTINGS, new MesosBridge.Wiring(MesosClient.scheduler(kit.system(), client),
          pool.getRef(), pods.getRef(), snapshot::set, "http://127.0.0.1:8080",
          kit.spawn(FrameworkIdStore.create(TestPersistence.uniqueId("framework-id"), m -> { })))));
    }

    Fixture() throws Exception {
      this(null, new FakeMaster(kit.system()));
    }

    static Fixture on(FakeMaster master) {
      return new Fixture(List.of(master.url()), master);
    }

    /** Accepts the SUBSCRIBE with SUBSCRIBED as framework {@code id}. */
    FakeMaster.Subscribe subscribed(String id, double heartbeatSeconds) throws Exception {
      FakeMaster.Subscribe s = master.nextSubscribe();
      s.feed().event(Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
          .setFrameworkId(FrameworkID.newBuilder().setValue(id)).setHeartbeatIntervalSeconds(heartbeatSeconds)
          .setMasterInfo(MasterInfo.newBuilder().setId("m").setIp(0).setPort(5050))).build());
      pool.expectMessageClass(OfferPool.OffersInvalidated.class);
      // after the id is persisted: the pods are asked for their tasks (explicit reconciliation)
      listTasks = pods.expectMessageClass(PodSupervisor.ListTasks.class);
      return s;
    }

    @Override
    public void close() throws Exception {
      kit.stop(bridge);
      master.close();
    }
  }

  @Test
  void subscribesAsTheIssueDescribesThenForwardsOffersAndSendsCallsWithTheStreamId() throws Exception {
    try (Fixture f = Fixture.on(new FakeMaster(kit.system()))) {
      FakeMaster.Subscribe s = f.subscribed("fw-1", 15);
      FrameworkInfo info = s.call().getSubscribe().getFrameworkInfo();
      assertEquals("Kubernetes", info.getName());
      assertEquals("tester", info.getUser());
      assertEquals(604800.0, info.getFailoverTimeout());
      assertTrue(info.getCheckpoint());
      assertEquals(List.of("*"), info.getRolesList());
      assertEquals("http://127.0.0.1:8080", info.getWebuiUrl());
      assertEquals(List.of(FrameworkInfo.Capability.Type.MULTI_ROLE, FrameworkInfo.Capability.Type.PARTITION_AWARE,
          FrameworkInfo.Capability.Type.TASK_KILLING_STATE),
          info.getCapabilitiesList().stream().map(FrameworkInfo.Capability::getType).toList());
      assertFalse(s.call().hasFrameworkId(), "a new framework subscribes without an id");
      // Reconciliation: the tasks the pods hold explicitly (again, unanswered), then all implicitly.
      TaskID held = TaskID.newBuilder().setValue("default.kept.1").build();
      f.listTasks.replyTo().tell(new MesosCalls.KnownTasks(List.of(new MesosCalls.KnownTask(held,
          java.util.Optional.of(AgentID.newBuilder().setValue("agent-1").build())))));
      FakeMaster.Received explicit = f.master.nextCall(Call.Type.RECONCILE);
      assertEquals(s.streamId(), explicit.streamId());
      assertEquals(List.of(held), explicit.call().getReconcile().getTasksList().stream()
          .map(Call.Reconcile.Task::getTaskId).toList());
      assertEquals("agent-1", explicit.call().getReconcile().getTasks(0).getAgentId().getValue());
      assertEquals(List.of(held), f.master.nextCall(Call.Type.RECONCILE).call().getReconcile().getTasksList().stream()
          .map(Call.Reconcile.Task::getTaskId).toList()); // no answer within the backoff: asked again
      s.feed().event(Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder().setStatus(
          TaskStatus.newBuilder().setTaskId(held).setState(TaskState.TASK_LOST))).build());
      f.pods.expectMessageClass(PodSupervisor.TaskUpdate.class);
      Call implicit = f.master.nextCall(Call.Type.RECONCILE).call();
      assertEquals(0, implicit.getReconcile().getTasksCount());

      var offer = Offers.of("h1", 2, 1024);
      s.feed().event(Event.newBuilder().setType(Event.Type.OFFERS)
          .setOffers(Event.Offers.newBuilder().addOffers(offer)).build());
      assertEquals(List.of(offer), f.pool.expectMessageClass(OfferPool.OffersReceived.class).offers());
      f.bridge.tell(new MesosCalls.Decline(List.of(offer.getId()), 3600));
      FakeMaster.Received decline = f.master.nextCall(Call.Type.DECLINE);
      assertEquals(s.streamId(), decline.streamId());
      assertEquals("fw-1", decline.call().getFrameworkId().getValue());
      assertEquals(3600, decline.call().getDecline().getFilters().getRefuseSeconds());
      f.pool.awaitAssert(() -> {
        assertTrue(f.snapshot.get().connected());
        assertEquals("fw-1", f.snapshot.get().frameworkId());
        return null;
      });
    }
  }

  @Test
  void acknowledgesOnlyAfterThePodTookTheUpdateWithTheExactUuidAndNeverWithoutOne() throws Exception {
    try (Fixture f = Fixture.on(new FakeMaster(kit.system()))) {
      FakeMaster.Subscribe s = f.subscribed("fw-2", 15);
      ByteString uuid = ByteString.copyFrom(new byte[] {0, 1, 2, (byte) 0xff, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, (byte) 0x80});
      TaskStatus withUuid = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("default.a.1"))
          .setState(TaskState.TASK_RUNNING).setAgentId(AgentID.newBuilder().setValue("agent-1")).setUuid(uuid).build();
      s.feed().event(Event.newBuilder().setType(Event.Type.UPDATE)
          .setUpdate(Event.Update.newBuilder().setStatus(withUuid)).build());
      PodSupervisor.TaskUpdate update = f.pods.expectMessageClass(PodSupervisor.TaskUpdate.class);
      f.master.noCall(Call.Type.ACKNOWLEDGE, 300);
      update.ackTo().tell(new MesosCalls.UpdateTaken(update.status()));
      Call ack = f.master.nextCall(Call.Type.ACKNOWLEDGE).call();
      assertEquals(uuid, ack.getAcknowledge().getUuid());
      assertEquals("default.a.1", ack.getAcknowledge().getTaskId().getValue());
      assertEquals("agent-1", ack.getAcknowledge().getAgentId().getValue());

      TaskStatus noUuid = withUuid.toBuilder().clearUuid().setState(TaskState.TASK_LOST).build();
      s.feed().event(Event.newBuilder().setType(Event.Type.UPDATE)
          .setUpdate(Event.Update.newBuilder().setStatus(noUuid)).build());
      PodSupervisor.TaskUpdate second = f.pods.expectMessageClass(PodSupervisor.TaskUpdate.class);
      second.ackTo().tell(new MesosCalls.UpdateTaken(second.status()));
      f.master.noCall(Call.Type.ACKNOWLEDGE, 300);
    }
  }

  @Test
  void resubscribesWithItsFrameworkIdWhenTheStreamEnds() throws Exception {
    try (Fixture f = Fixture.on(new FakeMaster(kit.system()))) {
      f.subscribed("fw-3", 15).feed().complete();
      FakeMaster.Subscribe again = f.master.nextSubscribe();
      assertEquals("fw-3", again.call().getFrameworkId().getValue());
      assertEquals("fw-3", again.call().getSubscribe().getFrameworkInfo().getId().getValue());
      f.pool.expectMessageClass(OfferPool.OffersInvalidated.class); // the lost stream voids the offers
    }
  }

  @Test
  void aSilentStreamCountsAsDeadAndIsReplaced() throws Exception {
    try (Fixture f = Fixture.on(new FakeMaster(kit.system()))) {
      f.subscribed("fw-4", 0.1); // heartbeats every 0.1 s expected; none come
      FakeMaster.Subscribe again = f.master.nextSubscribe();
      assertEquals("fw-4", again.call().getFrameworkId().getValue());
    }
  }

  @Test
  void frameworkRemovedRegistersAfresh() throws Exception {
    try (Fixture f = Fixture.on(new FakeMaster(kit.system()))) {
      FakeMaster.Subscribe s = f.subscribed("fw-5", 15);
      s.feed().event(Event.newBuilder().setType(Event.Type.ERROR)
          .setError(Event.Error.newBuilder().setMessage("Framework has been removed")).build());
      f.pods.expectMessageClass(PodSupervisor.FrameworkRemoved.class);
      FakeMaster.Subscribe fresh = f.master.nextSubscribe();
      assertFalse(fresh.call().hasFrameworkId());
      assertFalse(fresh.call().getSubscribe().getFrameworkInfo().hasId());
    }
  }

  @Test
  void followsARedirectFromAStandbyMaster() throws Exception {
    FakeMaster leader = new FakeMaster(kit.system());
    try (MesosFixtureServer standby = MesosFixtureServer.start(kit.system(),
            r -> MesosFixtureServer.redirect("//127.0.0.1:" + leader.url().getPort() + "/api/v1/scheduler"));
         Fixture f = new Fixture(List.of(standby.baseUri()), leader)) {
      f.subscribed("fw-6", 15);
      f.pool.awaitAssert(() -> {
        assertTrue(f.snapshot.get().master().contains(":" + leader.url().getPort()), f.snapshot.get().master());
        return null;
      });
    }
  }
}
