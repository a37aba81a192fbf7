package io.k8sm.framework.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.util.ByteString;
import io.k8sm.framework.api.v1beta1.PodList;
import io.k8sm.framework.pods.PodPhase;
import io.k8sm.framework.store.LabelSelector;
import io.k8sm.framework.store.ObjectStore;
import io.k8sm.framework.store.PodRecord;
import io.k8sm.framework.store.ReadModel;
import io.k8sm.framework.store.StoreSnapshot;
import io.k8sm.framework.store.StoredPod;
import io.k8sm.framework.testing.Pods;
import io.k8sm.protocol.pod.ContainerStatus;
import io.k8sm.protocol.pod.PodStatusReport;
import io.k8sm.protocol.pod.Running;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The JSON the store caches per pod, and lists built from it, against a fresh Jackson rendering. */
class PodJsonTest {
  static final ActorTestKit kit = ActorTestKit.create();
  /** Replies come at once; the bound only matters on a machine shared with other builds. */
  static final java.time.Duration PATIENCE = java.time.Duration.ofSeconds(30);
  final ReadModel reads = new ReadModel();
  final ActorRef<ObjectStore.Command> store = kit.spawn(ObjectStore.create(reads, PodJson::render));
  final TestProbe<ObjectStore.Stored> stored = kit.createTestProbe();

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  static byte[] fresh(PodRecord r) throws Exception {
    return Json.COMPACT.writeValueAsBytes(PodViews.toV1beta1(r));
  }

  static byte[] freshList(StoreSnapshot s, List<StoredPod> pods, boolean pretty) throws Exception {
    PodList list = PodList.of(s.resourceVersion(), pods.stream().map(p -> PodViews.toV1beta1(p.record())).toList());
    return (pretty ? Json.PRETTY : Json.COMPACT).writeValueAsBytes(list);
  }

  PodRecord upsert(PodRecord r) {
    store.tell(new ObjectStore.Upsert(r, stored.getRef()));
    return stored.expectMessageClass(ObjectStore.Stored.class, PATIENCE).record();
  }

  void assertCachedIsFresh(String key, long version) throws Exception {
    StoredPod p = reads.current().pod(key).orElseThrow();
    assertArrayEquals(fresh(p.record()), p.json());
    assertEquals(version, Json.MAPPER.readTree(p.json()).get("resourceVersion").asLong());
  }

  @Test
  void cachedJsonEqualsAFreshRenderAfterCreateStatusChangeAndDelete() throws Exception {
    PodRecord web = upsert(new PodRecord(Pods.spec("web", 100, 31080), PodRecord.Status.pending("waiting: no offer"), 0));
    upsert(new PodRecord(Pods.spec("db", 100), PodRecord.Status.pending("waiting"), 0));
    assertCachedIsFresh("default/web", 1);

    PodStatusReport report = PodStatusReport.newBuilder().setHostIp("10.0.0.1").setPodIp("172.17.0.2")
        .addContainers(ContainerStatus.newBuilder().setName("app").setImage("k8sm/httpd:1").setRestartCount(1)
            .setRunning(Running.newBuilder().setStartedAtMillis(1_700_000_000_000L)))
        .build();
    upsert(new PodRecord(web.spec(), new PodRecord.Status(PodPhase.RUNNING, "t1", "a1", "node-1", List.of(31080), 1,
        "", Optional.of(report)), 0));
    assertCachedIsFresh("default/web", 3);
    assertTrue(new String(reads.current().pod("default/web").orElseThrow().json(), StandardCharsets.UTF_8)
        .contains("\"startedAt\":\"2023-11-14T22:13:20Z\""));

    store.tell(new ObjectStore.Remove("default/db"));
    TestProbe<ObjectStore.PodsListed> sync = kit.createTestProbe();
    store.tell(new ObjectStore.ListPods(LabelSelector.ALL, sync.getRef()));
    assertEquals(4, sync.expectMessageClass(ObjectStore.PodsListed.class, PATIENCE).resourceVersion());
    StoreSnapshot now = reads.current();
    assertCachedIsFresh("default/web", 3);
    assertTrue(now.pod("default/db").isEmpty());
    assertArrayEquals(freshList(now, now.pods(LabelSelector.ALL), false),
        PodJson.list(now.resourceVersion(), now.pods(LabelSelector.ALL)).toArray());
  }

  @Test
  void aListIsTheCachedItemsInTheEnvelopeByteForByte() throws Exception {
    for (String id : List.of("b", "a", "c")) {
      upsert(new PodRecord(Pods.spec(id, 100), PodRecord.Status.pending("waiting"), 0));
    }
    StoreSnapshot now = reads.current();
    for (LabelSelector selector : List.of(LabelSelector.ALL, LabelSelector.parse("name=b"),
        LabelSelector.parse("name=nobody"))) {
      List<StoredPod> pods = now.pods(selector);
      ByteString list = PodJson.list(now.resourceVersion(), pods);
      assertArrayEquals(freshList(now, pods, false), list.toArray(), selector.toString());
      assertArrayEquals(freshList(now, pods, true), PodJson.indent(list), selector.toString());
    }
  }

  @Test
  void aPodTheStoreCouldNotRenderIsRenderedWhenRead() throws Exception {
    PodRecord r = new PodRecord(Pods.spec("web", 100), PodRecord.Status.pending("waiting"), 9);
    List<StoredPod> pods = List.of(new StoredPod(r, null));
    assertArrayEquals(fresh(r), PodJson.cached(pods.get(0)));
    assertArrayEquals(Json.COMPACT.writeValueAsBytes(PodList.of(9, List.of(PodViews.toV1beta1(r)))),
        PodJson.list(9, pods).toArray());
  }

  @Test
  void compactHasNoWhitespaceAndIndentedHasLines() {
    byte[] one = PodJson.render(new PodRecord(Pods.spec("web", 100), PodRecord.Status.pending("waiting"), 7));
    String compact = new String(one, StandardCharsets.UTF_8);
    String pretty = new String(PodJson.indent(ByteString.fromArrayUnsafe(one)), StandardCharsets.UTF_8);
    assertFalse(compact.contains("\n"), compact);
    assertTrue(compact.startsWith("{\"kind\":\"Pod\",\"apiVersion\":\"v1beta1\",\"id\":\"web\""), compact);
    assertTrue(pretty.startsWith("{\n  \"kind\" : \"Pod\",\n"), pretty);
  }
}
