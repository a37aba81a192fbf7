package io.k8sm.framework.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.google.protobuf.ByteString;
import io.k8sm.framework.mesos.MesosBridge;
import io.k8sm.framework.mesos.MesosCalls;
import io.k8sm.framework.offers.OfferPool;
import io.k8sm.framework.offers.Reservation;
import io.k8sm.framework.store.LabelSelector;
import io.k8sm.framework.store.ObjectStore;
import io.k8sm.framework.store.PodRecord;
import io.k8sm.framework.testing.Offers;
import io.k8sm.framework.testing.Pods;
import io.k8sm.framework.testing.TestPersistence;
import io.k8sm.protocol.pod.PodStatusReport;
import io.k8sm.protocol.pod.PodTask;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class PodActorTest {
  static final ActorTestKit kit = ActorTestKit.create(TestPersistence.inMemory());
  static final AgentID AGENT = AgentID.newBuilder().setValue("agent-1").build();

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  /** A pod supervisor wired to probes for the pool and the bridge, and a real object store. */
  static final class Fixture {
    final TestProbe<OfferPool.Command> pool = kit.createTestProbe();
    final TestProbe<MesosBridge.Command> bridge = kit.createTestProbe();
    final ActorRef<ObjectStore.Command> store = kit.spawn(ObjectStore.create());
    final ActorRef<PodSupervisor.Command> pods = kit.spawn(PodSupervisor.create(new PodDeps(pool.getRef(),
        bridge.getRef(), store, ExecutorInfos.of("/bin/exec", 100, 64, "*"), Pods.FAST, r -> { }, k -> { }),
        new PodPersistence(TestPersistence.uniqueId("registry"), 5, 2, m -> { throw new AssertionError(m); })));

    PodSupervisor.Created create(PodSpec spec) {
      TestProbe<PodSupervisor.CreateResult> reply = kit.createTestProbe();
      pods.tell(new PodSupervisor.CreatePod(spec, reply.getRef()));
      // the first create of a test JVM also warms up persistence: give it more than the default 3 s
      return reply.expectMessageClass(PodSupervisor.Created.class, java.time.Duration.ofSeconds(10));
    }

    OfferPool.RequestOffer expectRequest() {
      return pool.expectMessageClass(OfferPool.RequestOffer.class);
    }

    /** Answers a request with a reservation and returns the TaskInfo the pod commits. */
    TaskInfo reserve(OfferPool.RequestOffer req, String id) {
      req.replyTo().tell(new OfferPool.OfferReserved(new Reservation(id, req.podKey(),
          OfferID.newBuilder().setValue("o-" + id).build(), AGENT, "host-1",
          List.of(Offers.scalar("cpus", 0.1), Offers.scalar("mem", 32)), req.shape().hostPorts(),
          List.of(Offers.scalar("cpus", 0.1), Offers.scalar("mem", 64)))));
      OfferPool.Commit commit = pool.expectMessageClass(OfferPool.Commit.class);
      assertEquals(id, commit.reservationId());
      return commit.task();
    }

    void update(TaskID task, TaskState state, boolean withUuid) {
      TaskStatus.Builder s = TaskStatus.newBuilder().setTaskId(task).setState(state).setAgentId(AGENT);
      if (withUuid) s.setUuid(ByteString.copyFrom(UUID.randomUUID().toString().getBytes(), 0, 16));
      s.setData(PodStatusReport.newBuilder().setHostIp("127.0.0.1").setMessage("m-" + state.name()).build().toByteString());
      pods.tell(new PodSupervisor.TaskUpdate(s.build(), bridge.getRef()));
      MesosCalls.UpdateTaken taken = bridge.expectMessageClass(MesosCalls.UpdateTaken.class);
      assertEquals(s.getUuid(), taken.status().getUuid());
    }

    PodRecord.Status status(String key) {
      TestProbe<ObjectStore.PodFound> p = kit.createTestProbe();
      store.tell(new ObjectStore.GetPod(key, p.getRef()));
      return p.expectMessageClass(ObjectStore.PodFound.class).record().map(PodRecord::status).orElse(null);
    }

    void awaitPhase(String key, PodPhase phase) {
      pool.awaitAssert(() -> {
        PodRecord.Status s = status(key);
        assertEquals(phase, s == null ? null : s.phase());
        return null;
      });
    }
  }

  @Test
  void launchesWithOurExecutorAndThePodTaskThenRunsAndSucceeds() throws Exception {
    Fixture f = new Fixture();
    PodSpec spec = Pods.never("web");
    PodSupervisor.Created created = f.create(spec);
    assertEquals(PodPhase.PENDING, created.record().status().phase());
    assertTrue(created.record().resourceVersion() > 0);
    TaskInfo task = f.reserve(f.expectRequest(), "r1");
    assertTrue(task.getTaskId().getValue().startsWith("default.web."), task.getTaskId().getValue());
    assertEquals(AGENT, task.getAgentId());
    assertTrue(task.getExecutor().getExecutorId().getValue().startsWith("k8sm-executor-"));
    PodTask payload = PodTask.parseFrom(task.getData());
    assertEquals("web", payload.getName());
    assertEquals("k8sm/httpd:1", payload.getContainers(0).getImage());
    f.awaitPhase("default/web", PodPhase.LAUNCHING);
    f.update(task.getTaskId(), TaskState.TASK_STARTING, true);
    f.update(task.getTaskId(), TaskState.TASK_RUNNING, true);
    f.awaitPhase("default/web", PodPhase.RUNNING);
    assertEquals("127.0.0.1", f.status("default/web").report().orElseThrow().getHostIp());
    f.update(task.getTaskId(), TaskState.TASK_FINISHED, true);
    f.awaitPhase("default/web", PodPhase.SUCCEEDED);
  }

  @Test
  void restartPolicyAlwaysReschedulesUnderANewTaskId() {
    Fixture f = new Fixture();
    f.create(Pods.spec("svc", 100));
    TaskInfo first = f.reserve(f.expectRequest(), "r1");
    f.update(first.getTaskId(), TaskState.TASK_RUNNING, true);
    f.update(first.getTaskId(), TaskState.TASK_FAILED, true);
    f.awaitPhase("default/svc", PodPhase.PENDING);
    assertEquals(1, f.status("default/svc").restarts());
    TaskInfo second = f.reserve(f.expectRequest(), "r2");
    assertNotEquals(first.getTaskId(), second.getTaskId());
    // The old task shows up alive again (its agent came back): it is killed, the pod stays on the new one.
    f.pods.tell(new PodSupervisor.TaskUpdate(TaskStatus.newBuilder().setTaskId(first.getTaskId()).setAgentId(AGENT)
        .setState(TaskState.TASK_RUNNING).build(), f.bridge.getRef()));
    assertEquals(first.getTaskId(), f.bridge.expectMessageClass(MesosCalls.Kill.class).taskId());
    f.bridge.expectMessageClass(MesosCalls.UpdateTaken.class);
    f.awaitPhase("default/svc", PodPhase.LAUNCHING);
    assertEquals(second.getTaskId().getValue(), f.status("default/svc").taskId());
  }

  @Test
  void waitsWithTheReasonAndAsksAgain() {
    Fixture f = new Fixture();
    f.create(Pods.spec("big", 100));
    f.expectRequest().replyTo().tell(new OfferPool.NoFit("needs 9 cpus, the largest offer has 1"));
    f.pool.awaitAssert(() -> {
      assertEquals("waiting: needs 9 cpus, the largest offer has 1", f.status("default/big").message());
      return null;
    });
    f.expectRequest(); // retried after the backoff
  }

  @Test
  void lostReservationSendsThePodBackToTheQueue() {
    Fixture f = new Fixture();
    f.create(Pods.spec("a", 100));
    OfferPool.RequestOffer req = f.expectRequest();
    f.reserve(req, "r1");
    req.replyTo().tell(new OfferPool.ReservationLost("r1", "Mesos rescinded the offer from host-1"));
    f.expectRequest();
    f.awaitPhase("default/a", PodPhase.PENDING);
  }

  @Test
  void deleteKillsARunningTaskAndThePodGoesAfterTheTerminalUpdate() {
    Fixture f = new Fixture();
    f.create(Pods.spec("gone", 100));
    TaskInfo task = f.reserve(f.expectRequest(), "r1");
    f.update(task.getTaskId(), TaskState.TASK_RUNNING, true);
    TestProbe<PodSupervisor.DeleteResult> reply = kit.createTestProbe();
    f.pods.tell(new PodSupervisor.DeletePod("default/gone", reply.getRef()));
    reply.expectMessageClass(PodSupervisor.Deleted.class);
    MesosCalls.Kill kill = f.bridge.expectMessageClass(MesosCalls.Kill.class);
    assertEquals(task.getTaskId(), kill.taskId());
    assertEquals(Optional.of(AGENT), kill.agentId());
    f.awaitPhase("default/gone", PodPhase.TERMINATING);
    f.update(task.getTaskId(), TaskState.TASK_KILLED, true);
    f.pool.awaitAssert(() -> {
      assertEquals(null, f.status("default/gone"));
      return null;
    });
    f.pool.awaitAssert(() -> f.create(Pods.spec("gone", 100))); // the name is free again
  }

  @Test
  void deleteOfAPendingPodWithdrawsItsRequest() {
    Fixture f = new Fixture();
    f.create(Pods.spec("p", 100));
    f.expectRequest();
    TestProbe<PodSupervisor.DeleteResult> reply = kit.createTestProbe();
    f.pods.tell(new PodSupervisor.DeletePod("default/p", reply.getRef()));
    reply.expectMessageClass(PodSupervisor.Deleted.class);
    assertEquals("default/p", f.pool.expectMessageClass(OfferPool.Withdraw.class).podKey());
    TestProbe<ObjectStore.PodsListed> list = kit.createTestProbe();
    f.pool.awaitAssert(() -> {
      f.store.tell(new ObjectStore.ListPods(LabelSelector.ALL, list.getRef()));
      assertTrue(list.expectMessageClass(ObjectStore.PodsListed.class).pods().isEmpty());
      return null;
    });
  }

  @Test
  void refusesADuplicateAndKillsTasksNoPodOwns() {
    Fixture f = new Fixture();
    f.create(Pods.spec("dup", 100));
    TestProbe<PodSupervisor.CreateResult> reply = kit.createTestProbe();
    f.pods.tell(new PodSupervisor.CreatePod(Pods.spec("dup", 100), reply.getRef()));
    assertEquals("pod \"dup\" already exists", reply.expectMessageClass(PodSupervisor.AlreadyExists.class).message());
    TestProbe<PodSupervisor.DeleteResult> del = kit.createTestProbe();
    f.pods.tell(new PodSupervisor.DeletePod("default/none", del.getRef()));
    del.expectMessageClass(PodSupervisor.NotFound.class);
    TaskID orphan = TaskID.newBuilder().setValue("default.orphan.x").build();
    f.update(orphan, TaskState.TASK_RUNNING, true);
    assertEquals(orphan, f.bridge.expectMessageClass(MesosCalls.Kill.class).taskId());
  }

  @Test
  void anUnreachableAgentsPodRunsElsewhereAndItsOldTaskIsKilledWhenItComesBack() {
    Fixture f = new Fixture();
    f.create(Pods.spec("part", 100));
    TaskInfo first = f.reserve(f.expectRequest(), "r1");
    f.update(first.getTaskId(), TaskState.TASK_RUNNING, true);
    f.update(first.getTaskId(), TaskState.TASK_UNREACHABLE, false);
    f.awaitPhase("default/part", PodPhase.PENDING);
    TaskInfo second = f.reserve(f.expectRequest(), "r2");
    f.update(second.getTaskId(), TaskState.TASK_RUNNING, true);
    // the partitioned agent is back and its task still runs: exactly one survives, the journal's current one
    f.pods.tell(new PodSupervisor.TaskUpdate(TaskStatus.newBuilder().setTaskId(first.getTaskId()).setAgentId(AGENT)
        .setState(TaskState.TASK_RUNNING).build(), f.bridge.getRef()));
    assertEquals(first.getTaskId(), f.bridge.expectMessageClass(MesosCalls.Kill.class).taskId());
    f.bridge.expectMessageClass(MesosCalls.UpdateTaken.class);
    f.awaitPhase("default/part", PodPhase.RUNNING);
    assertEquals(second.getTaskId().getValue(), f.status("default/part").taskId());
  }

  @Test
  void aLaunchMesosNeverConfirmsIsKilledAndScheduledAgain() {
    Fixture f = new Fixture();
    f.create(Pods.spec("silent", 100));
    TaskInfo task = f.reserve(f.expectRequest(), "r1");
    // no update arrives within the launch timeout (500 ms in these timings): Mesos is asked about
    // the task first, and only after a second silent timeout is it killed and the pod scheduled again
    MesosCalls.Reconcile asked = f.bridge.expectMessageClass(MesosCalls.Reconcile.class);
    assertEquals(List.of(task.getTaskId()), asked.tasks().stream().map(MesosCalls.KnownTask::taskId).toList());
    assertEquals(Optional.of(AGENT), asked.tasks().get(0).agentId());
    assertEquals(task.getTaskId(), f.bridge.expectMessageClass(MesosCalls.Kill.class).taskId());
    OfferPool.RequestOffer again = f.pool.fishForMessage(java.time.Duration.ofSeconds(3), m ->
        m instanceof OfferPool.RequestOffer ? akka.actor.testkit.typed.javadsl.FishingOutcomes.complete()
            : akka.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore()).stream()
        .filter(OfferPool.RequestOffer.class::isInstance).map(OfferPool.RequestOffer.class::cast).findFirst().orElseThrow();
    assertEquals("default/silent", again.podKey());
    // the pod asks for an offer, then publishes: wait for the record
    f.pool.awaitAssert(() -> {
      assertTrue(f.status("default/silent").message().contains("did not confirm the launch"));
      return null;
    });
  }

  @Test
  void aRemovedFrameworkLosesEveryTaskAndThePolicyDecides() {
    Fixture f = new Fixture();
    f.create(Pods.spec("kept", 100));
    f.create(Pods.never("done"));
    TaskInfo kept = null;
    List<OfferPool.RequestOffer> requests = List.of(f.expectRequest(), f.expectRequest());
    for (int i = 0; i < 2; i++) {
      OfferPool.RequestOffer req = requests.get(i);
      TaskInfo t = f.reserve(req, "r" + i);
      f.update(t.getTaskId(), TaskState.TASK_RUNNING, true);
      if (req.podKey().equals("default/kept")) kept = t;
    }
    f.pods.tell(new PodSupervisor.FrameworkRemoved("Mesos removed the framework"));
    f.awaitPhase("default/done", PodPhase.FAILED);
    f.awaitPhase("default/kept", PodPhase.PENDING);
    assertNotEquals(kept.getTaskId().getValue(), f.reserve(f.expectRequest(), "r9").getTaskId().getValue());
  }
}
