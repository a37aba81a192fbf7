package io.k8sm.framework.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import com.google.protobuf.ByteString;
import io.k8sm.framework.mesos.MesosBridge;
import io.k8sm.framework.mesos.MesosCalls;
import io.k8sm.framework.offers.OfferPool;
import io.k8sm.framework.offers.Reservation;
import io.k8sm.framework.store.ObjectStore;
import io.k8sm.framework.store.PodRecord;
import io.k8sm.framework.testing.Offers;
import io.k8sm.framework.testing.Pods;
import io.k8sm.framework.testing.TestPersistence;
import io.k8sm.protocol.pod.PodStatusReport;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The pod actor as an event-sourced behaviour: every event and every state goes through our
 * serializer and back (and must come back equal), the write-ahead holds (what was committed is in
 * the journal), an update is acknowledged only once persisted, and stop-and-respawn keeps state.
 */
class PodActorPersistenceTest {
  static final ActorTestKit kit = ActorTestKit.create(EventSourcedBehaviorTestKit.config()
      .withFallback(TestPersistence.inMemory()));
  static final AgentID AGENT = AgentID.newBuilder().setValue("agent-7").build();
  static final EventSourcedBehaviorTestKit.SerializationSettings CHECKED = EventSourcedBehaviorTestKit
      .enabledSerializationSettings().withVerifyCommands(false).withVerifyEquality(true);

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  final TestProbe<OfferPool.Command> pool = kit.createTestProbe();
  final TestProbe<MesosBridge.Command> bridge = kit.createTestProbe();
  final TestProbe<PodSupervisor.CreateResult> creator = kit.createTestProbe();
  final TestProbe<PodSupervisor.Command> supervisor = kit.createTestProbe();
  final ActorRef<ObjectStore.Command> store = kit.spawn(ObjectStore.create());
  /** As Pods.FAST, but a launch is given 30 s, so a restarted launching pod stays quiet during a test. */
  static final io.k8sm.framework.FrameworkSettings.Pods PATIENT = new io.k8sm.framework.FrameworkSettings.Pods(
      Pods.FAST.retryMin(), Pods.FAST.retryMax(), Pods.FAST.restartMin(), Pods.FAST.restartMax(), Duration.ofSeconds(30),
      Pods.FAST.killGrace(), Pods.FAST.namespace());
  final PodDeps deps = new PodDeps(pool.getRef(), bridge.getRef(), store, ExecutorInfos.of("/bin/exec", 100, 64, "*"),
      PATIENT, r -> { }, k -> { });
  final PodPersistence persistence = new PodPersistence("unused", 3, 2, m -> { throw new AssertionError(m); });

  akka.actor.typed.Behavior<PodActor.Command> pod(String pid, Optional<PodSpec> fresh) {
    return PodActor.create(pid, fresh, deps, persistence, creator.getRef(), supervisor.getRef());
  }

  /** Answers the pod's request with a reservation; returns the TaskInfo it commits. */
  TaskInfo reserve(String id) {
    OfferPool.RequestOffer req = pool.expectMessageClass(OfferPool.RequestOffer.class);
    req.replyTo().tell(new OfferPool.OfferReserved(new Reservation(id, req.podKey(),
        OfferID.newBuilder().setValue("o-" + id).build(), AGENT, "host-7",
        List.of(Offers.scalar("cpus", 0.1), Offers.scalar("mem", 32)), req.shape().hostPorts(), List.of())));
    return pool.expectMessageClass(OfferPool.Commit.class).task();
  }

  static TaskStatus status(TaskInfo task, TaskState state) {
    return TaskStatus.newBuilder().setTaskId(task.getTaskId()).setAgentId(AGENT).setState(state)
        .setUuid(ByteString.copyFromUtf8("0123456789abcdef"))
        .setData(PodStatusReport.newBuilder().setHostIp("127.0.0.1").setMessage("up").build().toByteString()).build();
  }

  @Test
  void theCommittedTaskIsInTheJournalAndEveryChangeSurvivesARestart() {
    EventSourcedBehaviorTestKit<PodActor.Command, PodEvent, PodState> es = EventSourcedBehaviorTestKit.create(
        kit.system(), pod(TestPersistence.uniqueId("pod"), Optional.of(Pods.spec("web", 100, 31080))), CHECKED);
    TaskInfo task = reserve("r1");
    creator.expectMessageClass(PodSupervisor.Created.class);
    // Write-ahead: after a crash right behind the Commit, the journal names the task and its agent.
    PodState recovered = es.restart().state();
    assertEquals(PodPhase.LAUNCHING, recovered.phase());
    assertEquals(task.getTaskId().getValue(), recovered.task());
    assertEquals(AGENT.getValue(), recovered.agent());
    assertEquals(List.of(31080), recovered.hostPorts());

    EventSourcedBehaviorTestKit.CommandResult<PodActor.Command, PodEvent, PodState> running =
        es.runCommand(new PodActor.TaskUpdate(status(task, TaskState.TASK_RUNNING), bridge.getRef()));
    assertInstanceOf(PodEvent.TaskStatusChanged.class, running.event());
    assertEquals(PodPhase.RUNNING, running.state().phase());
    assertEquals(ByteString.copyFromUtf8("0123456789abcdef"),
        bridge.expectMessageClass(MesosCalls.UpdateTaken.class).status().getUuid());
    assertEquals(running.state(), es.restart().state());

    EventSourcedBehaviorTestKit.CommandResult<PodActor.Command, PodEvent, PodState> deleting =
        es.runCommand(new PodActor.Delete(kit.<PodSupervisor.DeleteResult>createTestProbe().getRef()));
    assertInstanceOf(PodEvent.DeleteRequested.class, deleting.event());
    assertEquals(PodPhase.TERMINATING, es.restart().state().phase());
  }

  @Test
  void theTerminalUpdateOfADeletedPodIsPersistedWithItsRemovalBeforeTheAck() {
    PersistenceTestKit journal = PersistenceTestKit.create(kit.system());
    String pid = TestPersistence.uniqueId("pod");
    ActorRef<PodActor.Command> pod = kit.spawn(pod(pid, Optional.of(Pods.spec("gone", 100))));
    TaskInfo task = reserve("r5");
    pod.tell(new PodActor.TaskUpdate(status(task, TaskState.TASK_RUNNING), bridge.getRef()));
    bridge.expectMessageClass(MesosCalls.UpdateTaken.class);
    pod.tell(new PodActor.Delete(kit.<PodSupervisor.DeleteResult>createTestProbe().getRef()));
    assertEquals(task.getTaskId(), bridge.expectMessageClass(MesosCalls.Kill.class).taskId());
    pod.tell(new PodActor.TaskUpdate(status(task, TaskState.TASK_KILLED), bridge.getRef()));
    bridge.expectMessageClass(MesosCalls.UpdateTaken.class);
    List<Object> events = journal.persistedInStorage(pid);
    assertEquals(List.of(PodEvent.TaskStatusChanged.class, PodEvent.PodRemoved.class),
        events.subList(events.size() - 2, events.size()).stream().map(Object::getClass).toList());
    assertEquals(pid, supervisor.fishForMessage(Duration.ofSeconds(3), m -> m instanceof PodSupervisor.PodGone
        ? akka.actor.testkit.typed.javadsl.FishingOutcomes.complete()
        : akka.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore()).stream()
        .filter(PodSupervisor.PodGone.class::isInstance).map(PodSupervisor.PodGone.class::cast).findFirst()
        .orElseThrow().persistenceId());
  }

  @Test
  void anUpdateWhoseEventCannotBePersistedIsNeverAcknowledged() {
    PersistenceTestKit journal = PersistenceTestKit.create(kit.system());
    String pid = TestPersistence.uniqueId("pod");
    ActorRef<PodActor.Command> pod = kit.spawn(pod(pid, Optional.of(Pods.spec("db", 100))));
    TaskInfo task = reserve("r2");
    journal.failNextPersisted(pid);
    pod.tell(new PodActor.TaskUpdate(status(task, TaskState.TASK_RUNNING), bridge.getRef()));
    bridge.expectNoMessage(Duration.ofMillis(500));
  }

  @Test
  void aRecoveredLaunchingPodAsksMesosAboutItsTaskAndIsListedAgain() {
    String pid = TestPersistence.uniqueId("pod");
    ActorRef<PodActor.Command> first = kit.spawn(pod(pid, Optional.of(Pods.spec("api", 100))));
    TaskInfo task = reserve("r3");
    kit.stop(first);
    ActorRef<ObjectStore.Command> freshStore = kit.spawn(ObjectStore.create());
    kit.spawn(PodActor.create(pid, Optional.empty(), new PodDeps(pool.getRef(), bridge.getRef(), freshStore,
        deps.executor(), Pods.FAST, r -> { }, k -> { }), persistence, creator.getRef(), supervisor.getRef()));
    PodSupervisor.PodTask known = supervisor.fishForMessage(Duration.ofSeconds(3), m -> m instanceof PodSupervisor.PodTask
        ? akka.actor.testkit.typed.javadsl.FishingOutcomes.complete()
        : akka.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore()).stream()
        .filter(PodSupervisor.PodTask.class::isInstance).map(PodSupervisor.PodTask.class::cast).findFirst().orElseThrow();
    assertEquals(task.getTaskId().getValue(), known.taskId());
    MesosCalls.Reconcile asked = bridge.expectMessageClass(MesosCalls.Reconcile.class, Duration.ofSeconds(3));
    assertEquals(List.of(task.getTaskId()), asked.tasks().stream().map(MesosCalls.KnownTask::taskId).toList());
    TestProbe<ObjectStore.PodFound> found = kit.createTestProbe();
    freshStore.tell(new ObjectStore.GetPod("default/api", found.getRef()));
    PodRecord record = found.expectMessageClass(ObjectStore.PodFound.class).record().orElseThrow();
    assertEquals(task.getTaskId().getValue(), record.status().taskId());
    assertEquals("api", record.spec().name());
  }

  @Test
  void snapshotsAreTakenEveryNEventsAndRecoveryFromThemIsExact() {
    String pid = TestPersistence.uniqueId("pod");
    EventSourcedBehaviorTestKit<PodActor.Command, PodEvent, PodState> es = EventSourcedBehaviorTestKit.create(
        kit.system(), pod(pid, Optional.of(Pods.spec("snap", 100))), CHECKED);
    TaskInfo task = reserve("r4");
    for (TaskState s : List.of(TaskState.TASK_STARTING, TaskState.TASK_RUNNING, TaskState.TASK_RUNNING)) {
      es.runCommand(new PodActor.TaskUpdate(status(task, s), bridge.getRef()));
    }
    // six events (created, reserved, launched, three updates) with a snapshot every three
    pool.awaitAssert(Duration.ofSeconds(3), () -> {
      List<?> snapshots = es.snapshotTestKit().orElseThrow().persistedInStorage(pid);
      assertEquals(2, snapshots.size(), snapshots.toString() + " events " + es.persistenceTestKit().persistedInStorage(pid));
      return null;
    });
    PodState before = es.getState();
    assertEquals(before, es.restart().state());
    assertEquals(task.getTaskId().getValue(), before.task());
  }
}
