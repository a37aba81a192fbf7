package io.k8sm.framework.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.ConfigFactory;
import io.k8sm.framework.mesos.MesosBridge;
import io.k8sm.framework.mesos.MesosCalls;
import io.k8sm.framework.offers.OfferPool;
import io.k8sm.framework.offers.Reservation;
import io.k8sm.framework.persistence.Store;
import io.k8sm.framework.persistence.StoreSchema;
import io.k8sm.framework.store.ObjectStore;
import io.k8sm.framework.store.PodRecord;
import io.k8sm.framework.testing.Offers;
import io.k8sm.framework.testing.Pods;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;

/** The bulk read at start arrives at the very state a pod actor recovers, snapshots included, on H2. */
class StartupReadTest {
  static final AgentID AGENT = AgentID.newBuilder().setValue("agent-3").build();

  @Test
  void everyPodFoldsToWhatItsActorRecovers() throws Exception {
    Store store = Store.parse("", Files.createTempDirectory(Path.of("target"), "startup-read"));
    StoreSchema.ensure(store);
    ActorTestKit kit = ActorTestKit.create("startup-read", store.akkaConfig(ConfigFactory.load()));
    try {
      TestProbe<OfferPool.Command> pool = kit.createTestProbe();
      TestProbe<MesosBridge.Command> bridge = kit.createTestProbe();
      TestProbe<PodSupervisor.Command> supervisor = kit.createTestProbe();
      ActorRef<ObjectStore.Command> objects = kit.spawn(ObjectStore.create());
      PodDeps deps = new PodDeps(pool.getRef(), bridge.getRef(), objects, ExecutorInfos.of("/x", 100, 64, "*"),
          Pods.FAST, r -> { }, k -> { });
      PodPersistence persistence = new PodPersistence("registry", 3, 2, m -> { throw new AssertionError(m); });
      String running = "pod-default.web.1";
      String pending = "pod-default.db.2";
      ActorRef<PodActor.Command> web = kit.spawn(PodActor.create(running, Optional.of(Pods.spec("web", 100, 31080)),
          deps, persistence, kit.<PodSupervisor.CreateResult>createTestProbe().getRef(), supervisor.getRef()));
      OfferPool.RequestOffer req = pool.expectMessageClass(OfferPool.RequestOffer.class);
      req.replyTo().tell(new OfferPool.OfferReserved(new Reservation("r1", req.podKey(),
          OfferID.newBuilder().setValue("o-1").build(), AGENT, "host-3",
          List.of(Offers.scalar("cpus", 0.1), Offers.scalar("mem", 32)), List.of(31080), List.of())));
      TaskInfo task = pool.expectMessageClass(OfferPool.Commit.class).task();
      web.tell(new PodActor.TaskUpdate(PodActorPersistenceTest.status(task, TaskState.TASK_RUNNING), bridge.getRef()));
      bridge.expectMessageClass(MesosCalls.UpdateTaken.class, Duration.ofSeconds(10));
      kit.spawn(PodActor.create(pending, Optional.of(Pods.spec("db", 200)), deps, persistence,
          kit.<PodSupervisor.CreateResult>createTestProbe().getRef(), supervisor.getRef()));
      pool.expectMessageClass(OfferPool.RequestOffer.class, Duration.ofSeconds(10));
      assertTrue(snapshots(store, running) > 0, "the running pod's state is in a snapshot plus later events");

      Map<String, PodState> read = StartupRead.from(store, kit.system())
          .read(Set.of(running, pending, "pod-default.never.3")).toCompletableFuture().get(10, TimeUnit.SECONDS);

      assertEquals(Set.of(running, pending), read.keySet(), "a pod with nothing stored is left out");
      assertEquals(PodPhase.RUNNING, read.get(running).phase());
      assertEquals(task.getTaskId().getValue(), read.get(running).task());
      assertEquals(PodPhase.PENDING, read.get(pending).phase());
      TestProbe<ObjectStore.PodFound> found = kit.createTestProbe();
      objects.tell(new ObjectStore.GetPod("default/web", found.getRef()));
      long before = found.expectMessageClass(ObjectStore.PodFound.class).record().orElseThrow().resourceVersion();
      kit.stop(web);
      kit.spawn(PodActor.create(running, Optional.empty(), deps, persistence,
          kit.<PodSupervisor.CreateResult>createTestProbe().getRef(), supervisor.getRef()));
      found.awaitAssert(Duration.ofSeconds(10), () -> {
        objects.tell(new ObjectStore.GetPod("default/web", found.getRef()));
        PodRecord recovered = found.expectMessageClass(ObjectStore.PodFound.class).record().orElseThrow();
        assertTrue(recovered.resourceVersion() > before, "published again by the recovered actor");
        assertEquals(recovered.withVersion(0), read.get(running).record("").withVersion(0));
        return null;
      });
    } finally {
      kit.shutdownTestKit();
    }
  }

  static int snapshots(Store store, String pid) throws Exception {
    try (Connection c = DriverManager.getConnection(store.jdbcUrl(), store.user(), store.password());
         ResultSet rs = c.createStatement().executeQuery(
             "SELECT COUNT(*) FROM \"snapshot\" WHERE \"persistence_id\" = '" + pid + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
