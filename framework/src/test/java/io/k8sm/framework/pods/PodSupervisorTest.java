package io.k8sm.framework.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.testkit.ProcessingSuccess$;
import akka.persistence.testkit.WriteEvents;
import akka.persistence.testkit.javadsl.PersistenceTestKit;
import io.k8sm.framework.mesos.MesosBridge;
import io.k8sm.framework.mesos.MesosCalls;
import io.k8sm.framework.offers.OfferPool;
import io.k8sm.framework.offers.Reservation;
import io.k8sm.framework.testing.Offers;
import io.k8sm.framework.store.ObjectStore;
import io.k8sm.framework.testing.Pods;
import io.k8sm.framework.testing.TestPersistence;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.OfferID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The supervisor and its registry: registrations are written in batches and a pod exists (and
 * its create is answered) only once its registration is stored; names stay unique while pending;
 * a name freed by a removed pod can be used again; a restart keeps the live pods.
 */
class PodSupervisorTest {
  static final ActorTestKit kit = ActorTestKit.create(TestPersistence.inMemory());
  static final PersistenceTestKit journal = PersistenceTestKit.create(kit.system());

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  @AfterEach
  void passAll() {
    journal.resetPolicy();
  }

  final TestProbe<OfferPool.Command> pool = kit.createTestProbe();
  final TestProbe<MesosBridge.Command> bridge = kit.createTestProbe();
  final ActorRef<ObjectStore.Command> store = kit.spawn(ObjectStore.create());
  final PodDeps deps = new PodDeps(pool.getRef(), bridge.getRef(), store, ExecutorInfos.of("/bin/exec", 100, 64, "*"),
      Pods.FAST, r -> { }, k -> { });
  final PodPersistence persistence = new PodPersistence(TestPersistence.uniqueId("registry"), 50, 2,
      m -> { throw new AssertionError(m); });

  PodSupervisor.CreateResult create(ActorRef<PodSupervisor.Command> pods, String name) {
    TestProbe<PodSupervisor.CreateResult> reply = kit.createTestProbe();
    pods.tell(new PodSupervisor.CreatePod(Pods.spec(name, 100), reply.getRef()));
    return reply.receiveMessage(Duration.ofSeconds(5));
  }

  /** Waits until the supervisor has handled everything sent to it before. */
  void drain(ActorRef<PodSupervisor.Command> pods) {
    TestProbe<MesosBridge.Command> known = kit.createTestProbe();
    pods.tell(new PodSupervisor.ListTasks(known.getRef()));
    known.expectMessageClass(MesosCalls.KnownTasks.class);
  }

  @Test
  void registrationsArrivingDuringAWriteShareTheNextWriteAndCreatesWaitForTheirs() throws Exception {
    List<Integer> writes = new CopyOnWriteArrayList<>();
    CountDownLatch firstWrite = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    journal.withPolicy((pid, op) -> {
      if (pid.equals(persistence.registryId()) && op instanceof WriteEvents w) {
        writes.add(w.getBatch().size());
        firstWrite.countDown();
        await(release);
      }
      return ProcessingSuccess$.MODULE$;
    });
    ActorRef<PodSupervisor.Command> pods = kit.spawn(PodSupervisor.create(deps, persistence));
    TestProbe<PodSupervisor.CreateResult> replies = kit.createTestProbe();
    pods.tell(new PodSupervisor.CreatePod(Pods.spec("p-0", 100), replies.getRef()));
    assertTrue(firstWrite.await(5, TimeUnit.SECONDS));
    for (int i = 1; i < 100; i++) pods.tell(new PodSupervisor.CreatePod(Pods.spec("p-" + i, 100), replies.getRef()));
    // The first pod's name is taken while its registration is being written.
    assertInstanceOf(PodSupervisor.AlreadyExists.class, create(pods, "p-0"));
    drain(pods);
    replies.expectNoMessage(Duration.ofMillis(200));
    pool.expectNoMessage(Duration.ofMillis(200));
    release.countDown();
    for (int i = 0; i < 100; i++) replies.expectMessageClass(PodSupervisor.Created.class);
    assertEquals(List.of(1, 99), writes);
    assertEquals(100, journal.persistedInStorage(persistence.registryId()).size());
  }

  @Test
  void aNameFreedByARemovedPodIsRegisteredAgainAndOnlyTheNewPodComesBack() {
    ActorRef<PodSupervisor.Command> pods = kit.spawn(PodSupervisor.create(deps, persistence));
    assertInstanceOf(PodSupervisor.Created.class, create(pods, "web"));
    TestProbe<PodSupervisor.DeleteResult> deleted = kit.createTestProbe();
    pods.tell(new PodSupervisor.DeletePod("default/web", deleted.getRef()));
    deleted.expectMessageClass(PodSupervisor.Deleted.class);
    pool.awaitAssert(Duration.ofSeconds(5), () -> assertInstanceOf(PodSupervisor.Created.class, create(pods, "web")));
    assertEquals(List.of(PodRegistry.PodRegistered.class, PodRegistry.PodUnregistered.class,
        PodRegistry.PodRegistered.class), journal.persistedInStorage(persistence.registryId()).stream()
        .map(Object::getClass).toList());
    kit.stop(pods);

    // Only the second pod comes back (the first one's journal says removed: it would ask for nothing).
    TestProbe<OfferPool.Command> pool2 = kit.createTestProbe();
    ActorRef<PodSupervisor.Command> back = kit.spawn(PodSupervisor.create(new PodDeps(pool2.getRef(), bridge.getRef(),
        store, deps.executor(), Pods.FAST, r -> { }, k -> { }), persistence));
    assertEquals("default/web", pool2.expectMessageClass(OfferPool.RequestOffer.class).podKey());
    assertInstanceOf(PodSupervisor.AlreadyExists.class, create(back, "web"));
    pool2.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void aFailedRegistryWriteRestartsTheSupervisorWhichKeepsItsLivePods() {
    ActorRef<PodSupervisor.Command> pods = kit.spawn(Behaviors.supervise(PodSupervisor.create(deps, persistence))
        .onFailure(SupervisorStrategy.restart().withStopChildren(false)));
    assertInstanceOf(PodSupervisor.Created.class, create(pods, "api"));
    pool.expectMessageClass(OfferPool.RequestOffer.class);
    journal.failNextPersisted(persistence.registryId());
    TestProbe<PodSupervisor.CreateResult> lost = kit.createTestProbe();
    pods.tell(new PodSupervisor.CreatePod(Pods.spec("cache", 100), lost.getRef()));
    // After the restart the pod actor is adopted (spawning it again would fail on its name).
    pool.awaitAssert(Duration.ofSeconds(5), () ->
        assertInstanceOf(PodSupervisor.AlreadyExists.class, create(pods, "api")));
    TestProbe<PodSupervisor.DeleteResult> deleted = kit.createTestProbe();
    pods.tell(new PodSupervisor.DeletePod("default/api", deleted.getRef()));
    deleted.expectMessageClass(PodSupervisor.Deleted.class);
    // The create whose registration failed has no pod: never answered Created, and its name is free.
    lost.expectNoMessage(Duration.ofMillis(200));
    assertInstanceOf(PodSupervisor.Created.class, create(pods, "cache"));
  }

  @Test
  void afterARestartTheTaskListWaitsUntilEveryRecoveredPodHasReported() {
    ActorRef<PodSupervisor.Command> pods = kit.spawn(PodSupervisor.create(deps, persistence));
    List<String> launched = new java.util.ArrayList<>();
    for (String name : List.of("a", "b", "c")) {
      assertInstanceOf(PodSupervisor.Created.class, create(pods, name));
      OfferPool.RequestOffer req = pool.expectMessageClass(OfferPool.RequestOffer.class);
      req.replyTo().tell(new OfferPool.OfferReserved(new Reservation("r-" + name, req.podKey(),
          OfferID.newBuilder().setValue("o-" + name).build(), AgentID.newBuilder().setValue("agent-1").build(),
          "host-1", List.of(Offers.scalar("cpus", 0.1)), List.of(), List.of(Offers.scalar("cpus", 0.1)))));
      launched.add(pool.expectMessageClass(OfferPool.Commit.class).task().getTaskId().getValue());
    }
    kit.stop(pods);

    // Asked the moment it is back, before its pods have read their journals: it must not answer
    // with only the pods that happen to be ready (explicit reconciliation would miss the others).
    ActorRef<PodSupervisor.Command> back = kit.spawn(PodSupervisor.create(deps, persistence));
    TestProbe<MesosBridge.Command> known = kit.createTestProbe();
    back.tell(new PodSupervisor.ListTasks(known.getRef()));
    MesosCalls.KnownTasks tasks = known.expectMessageClass(MesosCalls.KnownTasks.class, Duration.ofSeconds(10));
    assertEquals(launched.stream().sorted().toList(),
        tasks.tasks().stream().map(t -> t.taskId().getValue()).sorted().toList());
  }

  @Test
  void aPodWhoseJournalReadTimesOutRecoversAfterABackoffInsteadOfStoppingTheProcess() {
    List<String> fatal = new CopyOnWriteArrayList<>();
    PodPersistence lenient = new PodPersistence(TestPersistence.uniqueId("registry"), 50, 2, fatal::add);
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    journal.withPolicy((pid, op) -> pid.startsWith("pod-") && !pid.equals(lenient.registryId())
        && (op instanceof akka.persistence.testkit.ReadEvents || op instanceof akka.persistence.testkit.ReadSeqNum$)
        && reads.getAndIncrement() == 0
        ? new akka.persistence.testkit.StorageFailure(new java.util.concurrent.TimeoutException("the store is slow"))
        : ProcessingSuccess$.MODULE$);
    ActorRef<PodSupervisor.Command> pods = kit.spawn(PodSupervisor.create(deps, lenient));
    TestProbe<PodSupervisor.CreateResult> reply = kit.createTestProbe();
    pods.tell(new PodSupervisor.CreatePod(Pods.spec("slow", 100), reply.getRef()));
    reply.expectMessageClass(PodSupervisor.Created.class, Duration.ofSeconds(10));
    assertEquals("default/slow", pool.expectMessageClass(OfferPool.RequestOffer.class).podKey());
    assertTrue(reads.get() >= 2, "the failed read was tried again: " + reads.get());
    assertEquals(List.of(), fatal);
  }

  @Test
  void aRegistryReadThatTimesOutIsReadAgainAfterARestartInsteadOfStoppingTheProcess() {
    List<String> fatal = new CopyOnWriteArrayList<>();
    PodPersistence lenient = new PodPersistence(TestPersistence.uniqueId("registry"), 50, 2, fatal::add);
    java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
    journal.withPolicy((pid, op) -> pid.equals(lenient.registryId())
        && (op instanceof akka.persistence.testkit.ReadEvents || op instanceof akka.persistence.testkit.ReadSeqNum$)
        && reads.getAndIncrement() == 0
        ? new akka.persistence.testkit.StorageFailure(new java.util.concurrent.TimeoutException("the store is slow"))
        : ProcessingSuccess$.MODULE$);
    ActorRef<PodSupervisor.Command> pods = kit.spawn(Behaviors.supervise(PodSupervisor.create(deps, lenient))
        .onFailure(SupervisorStrategy.restart().withStopChildren(false)));
    // What waited for the failed read is lost with that incarnation (a client retries); the next
    // incarnation reads the registry again and serves.
    pool.awaitAssert(Duration.ofSeconds(15), () ->
        assertInstanceOf(PodSupervisor.Created.class, create(pods, "patient")));
    assertTrue(reads.get() >= 2, "the registry was read again: " + reads.get());
    assertEquals(List.of(), fatal);
  }

  static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void atStartEveryPodIsReadInBulkBeforeItsActorStartsAndReconciliationListsTheStoredTasks() throws Exception {
    ActorRef<PodSupervisor.Command> first = kit.spawn(PodSupervisor.create(deps, persistence));
    assertInstanceOf(PodSupervisor.Created.class, create(first, "web"));
    pool.expectMessageClass(OfferPool.RequestOffer.class);
    kit.stop(first);

    // The bulk read answers when the test says; what it says (a launched task) differs from the
    // pod's journal (pending, no task), so an answer naming it can only come from the bulk read.
    java.util.concurrent.CompletableFuture<java.util.Map<String, PodState>> read = new java.util.concurrent.CompletableFuture<>();
    List<java.util.Set<String>> asked = new CopyOnWriteArrayList<>();
    PodPersistence bulk = new PodPersistence(persistence.registryId(), 50, 2, persistence.fatal(), ids -> {
      asked.add(ids);
      return read;
    });
    TestProbe<OfferPool.Command> pool2 = kit.createTestProbe();
    ActorRef<PodSupervisor.Command> back = kit.spawn(PodSupervisor.create(new PodDeps(pool2.getRef(), bridge.getRef(),
        store, deps.executor(), Pods.FAST, r -> { }, k -> { }), bulk));
    TestProbe<MesosBridge.Command> known = kit.createTestProbe();
    back.tell(new PodSupervisor.ListTasks(known.getRef()));
    known.expectNoMessage(Duration.ofMillis(300));
    pool2.expectNoMessage(Duration.ofMillis(100)); // no pod actor runs before the bulk read is in
    assertEquals(1, asked.size());
    String pid = asked.get(0).iterator().next();
    read.complete(java.util.Map.of(pid, PodState.EMPTY.apply(new PodEvent.PodCreated(Pods.spec("web", 100)))
        .apply(new PodEvent.ResourcesReserved("agent-1", "node-1", List.of()))
        .apply(new PodEvent.TaskLaunched("seeded-task"))));
    assertEquals(List.of("seeded-task"), known.expectMessageClass(MesosCalls.KnownTasks.class).tasks().stream()
        .map(t -> t.taskId().getValue()).toList());
    assertEquals("default/web", pool2.expectMessageClass(OfferPool.RequestOffer.class).podKey()); // then it recovers
  }
}
