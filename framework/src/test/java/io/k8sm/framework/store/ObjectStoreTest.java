package io.k8sm.framework.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.k8sm.framework.pods.PodPhase;
import io.k8sm.framework.testing.Pods;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The single writer and its published snapshots, read the way the API reads them (no ask). */
class ObjectStoreTest {
  static final ActorTestKit kit = ActorTestKit.create();
  /** Replies come at once; the bound only matters on a machine shared with other builds. */
  static final java.time.Duration PATIENCE = java.time.Duration.ofSeconds(30);

  /** A stand-in renderer that shows which record (and version) the cached bytes were made from. */
  static byte[] render(PodRecord r) {
    return (r.key() + "@" + r.resourceVersion() + ":" + r.status().phase()).getBytes(StandardCharsets.UTF_8);
  }

  final ReadModel reads = new ReadModel();
  final ActorRef<ObjectStore.Command> store = kit.spawn(ObjectStore.create(reads, ObjectStoreTest::render));
  final TestProbe<ObjectStore.Stored> stored = kit.createTestProbe();

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  static PodRecord pending(String id) {
    return new PodRecord(Pods.spec(id, 100), PodRecord.Status.pending("waiting"), 0);
  }

  static PodRecord running(PodRecord r) {
    return new PodRecord(r.spec(), new PodRecord.Status(PodPhase.RUNNING, "t1", "a1", "node-1", List.of(31080), 0, "",
        Optional.empty()), 0);
  }

  PodRecord upsert(PodRecord r) {
    store.tell(new ObjectStore.Upsert(r, stored.getRef()));
    return stored.expectMessageClass(ObjectStore.Stored.class, PATIENCE).record();
  }

  /** Waits until the store has published version {@code v} (a Remove has no reply). */
  StoreSnapshot awaitVersion(long v) {
    TestProbe<ObjectStore.PodsListed> sync = kit.createTestProbe();
    store.tell(new ObjectStore.ListPods(LabelSelector.ALL, sync.getRef()));
    assertEquals(v, sync.expectMessageClass(ObjectStore.PodsListed.class, PATIENCE).resourceVersion());
    return reads.current();
  }

  @Test
  void everyChangeIsPublishedWithTheNextVersionAndJsonOfThatRecord() {
    PodRecord web = upsert(pending("web"));
    StoreSnapshot afterCreate = reads.current();
    assertEquals(1, web.resourceVersion());
    assertEquals(1, afterCreate.resourceVersion());
    assertArrayEquals(render(web), afterCreate.pod("default/web").orElseThrow().json());

    PodRecord webRunning = upsert(running(web));
    StoreSnapshot afterStatus = reads.current();
    assertEquals(2, afterStatus.resourceVersion());
    assertEquals("default/web@2:RUNNING", new String(afterStatus.pod("default/web").orElseThrow().json(),
        StandardCharsets.UTF_8));
    assertEquals(webRunning, afterStatus.pod("default/web").orElseThrow().record());

    store.tell(new ObjectStore.Remove("default/web"));
    StoreSnapshot afterDelete = awaitVersion(3);
    assertTrue(afterDelete.pod("default/web").isEmpty());
    // Removing what is not there is no change: the version stays.
    store.tell(new ObjectStore.Remove("default/web"));
    assertEquals(3, awaitVersion(3).resourceVersion());

    // Earlier snapshots are immutable: a reader holding one keeps a consistent view.
    assertEquals(1, afterCreate.podCount());
    assertEquals(PodPhase.PENDING, afterCreate.pod("default/web").orElseThrow().record().status().phase());
    assertEquals(PodPhase.RUNNING, afterStatus.pod("default/web").orElseThrow().record().status().phase());
  }

  @Test
  void aSeedFillsInOnlyPodsNoActorHasStoredOrRemoved() {
    PodRecord web = upsert(running(pending("web")));
    upsert(pending("gone"));
    store.tell(new ObjectStore.Remove("default/gone"));
    store.tell(new ObjectStore.Seed(List.of(pending("web"), pending("gone"), pending("db"), pending("cache"))));
    StoreSnapshot seeded = awaitVersion(5);
    assertEquals(web, seeded.pod("default/web").orElseThrow().record(), "the actor's record is newer");
    assertTrue(seeded.pod("default/gone").isEmpty(), "removed by its actor before the seed came");
    assertEquals(List.of("default/cache", "default/db", "default/web"),
        seeded.pods(LabelSelector.ALL).stream().map(StoredPod::key).toList());
    assertEquals("default/db@4:PENDING", new String(seeded.pod("default/db").orElseThrow().json(),
        StandardCharsets.UTF_8));
  }

  @Test
  void versionsStrictlyIncreaseAcrossPodsAndListsFollowKeyOrderAndLabels() {
    long last = 0;
    for (String id : List.of("c", "a", "b", "a", "c")) {
      long v = upsert(pending(id)).resourceVersion();
      assertTrue(v > last, v + " after " + last);
      last = v;
    }
    StoreSnapshot now = reads.current();
    assertEquals(last, now.resourceVersion());
    assertEquals(List.of("default/a", "default/b", "default/c"),
        now.pods(LabelSelector.ALL).stream().map(StoredPod::key).toList());
    assertEquals(List.of("default/b"), now.pods(LabelSelector.parse("name=b")).stream().map(StoredPod::key).toList());
    assertEquals(List.of("default/a", "default/c"),
        now.pods(LabelSelector.parse("name!=b")).stream().map(StoredPod::key).toList());
    for (StoredPod p : now.pods(LabelSelector.ALL)) {
      assertTrue(p.record().resourceVersion() <= now.resourceVersion());
    }
  }

  @Test
  void aRecordThatCannotBeRenderedIsStillStoredAndAnswered() {
    ActorRef<ObjectStore.Command> failing = kit.spawn(ObjectStore.create(reads, r -> {
      throw new IllegalStateException("no renderer today");
    }));
    failing.tell(new ObjectStore.Upsert(pending("web"), stored.getRef()));
    assertEquals(1, stored.expectMessageClass(ObjectStore.Stored.class, PATIENCE).record().resourceVersion());
    assertEquals(null, reads.current().pod("default/web").orElseThrow().json());
    failing.tell(new ObjectStore.Upsert(pending("db"), stored.getRef()));
    assertEquals(2, stored.expectMessageClass(ObjectStore.Stored.class, PATIENCE).record().resourceVersion());
  }

  @Test
  void agentsArePublishedWithoutANewResourceVersion() {
    long before = reads.current().resourceVersion();
    store.tell(new ObjectStore.AgentSeen(new ObjectStore.AgentView("a2", "node-2", "", 2, 1024, "31000-31010")));
    store.tell(new ObjectStore.AgentSeen(new ObjectStore.AgentView("a1", "node-1", "", 4, 2048, "31000-32000")));
    TestProbe<ObjectStore.AgentsListed> sync = kit.createTestProbe();
    store.tell(new ObjectStore.ListAgents(sync.getRef()));
    assertEquals(2, sync.expectMessageClass(ObjectStore.AgentsListed.class, PATIENCE).agents().size());
    assertEquals(List.of("node-1", "node-2"),
        reads.current().agents().stream().map(ObjectStore.AgentView::hostname).toList());
    assertEquals(before, reads.current().resourceVersion());
  }
}
