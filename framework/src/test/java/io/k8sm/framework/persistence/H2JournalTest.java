package io.k8sm.framework.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.k8sm.framework.mesos.MesosBridge;
import io.k8sm.framework.offers.OfferPool;
import io.k8sm.framework.pods.ExecutorInfos;
import io.k8sm.framework.pods.PodDeps;
import io.k8sm.framework.pods.PodPersistence;
import io.k8sm.framework.pods.PodSupervisor;
import io.k8sm.framework.store.ObjectStore;
import io.k8sm.framework.store.PodRecord;
import io.k8sm.framework.testing.Pods;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The real journal: pods written to an H2 file come back in a new actor system (a new process, as
 * far as Akka is concerned), and a row this program cannot read stops recovery with an error naming
 * the pod registry instead of yielding an empty cluster.
 */
class H2JournalTest {

  static Config config(Store store) {
    return store.akkaConfig(ConfigFactory.load());
  }

  record Tree(ActorTestKit kit, ActorRef<PodSupervisor.Command> pods, ActorRef<ObjectStore.Command> store,
      TestProbe<OfferPool.Command> pool, CompletableFuture<String> fatal) {}

  static Tree start(Store s) throws Exception {
    StoreSchema.ensure(s);
    ActorTestKit kit = ActorTestKit.create("h2-journal", config(s));
    TestProbe<OfferPool.Command> pool = kit.createTestProbe();
    TestProbe<MesosBridge.Command> bridge = kit.createTestProbe();
    ActorRef<ObjectStore.Command> store = kit.spawn(ObjectStore.create());
    CompletableFuture<String> fatal = new CompletableFuture<>();
    ActorRef<PodSupervisor.Command> pods = kit.spawn(PodSupervisor.create(new PodDeps(pool.getRef(), bridge.getRef(),
        store, ExecutorInfos.of("/x", 100, 64, "*"), Pods.FAST, r -> { }, k -> { }),
        new PodPersistence("pod-registry", 20, 2, fatal::complete)));
    return new Tree(kit, pods, store, pool, fatal);
  }

  @Test
  void podsComeBackWithTheirSpecsInANewActorSystem() throws Exception {
    Store s = Store.parse("", Files.createTempDirectory(Path.of("target"), "h2"));
    Tree first = start(s);
    for (String name : new String[] {"web", "db", "cache"}) {
      TestProbe<PodSupervisor.CreateResult> reply = first.kit().createTestProbe();
      first.pods().tell(new PodSupervisor.CreatePod(Pods.spec(name, 100),
          reply.getRef()));
      reply.expectMessageClass(PodSupervisor.Created.class);
    }
    TestProbe<PodSupervisor.DeleteResult> deleted = first.kit().createTestProbe();
    first.pods().tell(new PodSupervisor.DeletePod("default/cache", deleted.getRef()));
    deleted.expectMessageClass(PodSupervisor.Deleted.class);
    first.kit().shutdownTestKit();

    Tree second = start(s);
    try {
      TestProbe<ObjectStore.PodsListed> list = second.kit().createTestProbe();
      second.pool().awaitAssert(Duration.ofSeconds(10), () -> {
        second.store().tell(new ObjectStore.ListPods(io.k8sm.framework.store.LabelSelector.ALL, list.getRef()));
        assertEquals(java.util.Set.of("web", "db"), list.expectMessageClass(ObjectStore.PodsListed.class).pods().stream()
            .map(PodRecord::spec).map(p -> p.name()).collect(java.util.stream.Collectors.toSet()));
        return null;
      });
      // the recovered pending pods ask for offers again
      assertEquals(OfferPool.RequestOffer.class, second.pool().fishForMessage(Duration.ofSeconds(5), m ->
          m instanceof OfferPool.RequestOffer ? akka.actor.testkit.typed.javadsl.FishingOutcomes.complete()
              : akka.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore()).get(0).getClass());
    } finally {
      second.kit().shutdownTestKit();
    }
  }

  @Test
  void aRowThisProgramCannotReadStopsRecoveryWithAClearError() throws Exception {
    Store s = Store.parse("", Files.createTempDirectory(Path.of("target"), "h2"));
    StoreSchema.ensure(s);
    try (Connection c = DriverManager.getConnection(s.jdbcUrl(), s.user(), s.password());
         PreparedStatement insert = c.prepareStatement("INSERT INTO \"event_journal\" (\"deleted\", \"persistence_id\","
             + " \"sequence_number\", \"writer\", \"write_timestamp\", \"adapter_manifest\", \"event_payload\","
             + " \"event_ser_id\", \"event_ser_manifest\") VALUES (false, 'pod-registry', 1, 'x', 0, '', ?, ?, ?)")) {
      insert.setBytes(1, new byte[] {(byte) 0xde, (byte) 0xad, (byte) 0xbe, (byte) 0xef});
      insert.setInt(2, ProtoSerializer.IDENTIFIER);
      insert.setString(3, "RG");
      insert.executeUpdate();
    }
    Tree tree = start(s);
    try {
      String error = tree.fatal().get(20, TimeUnit.SECONDS);
      assertTrue(error.contains("cannot read the pod registry"), error);
      assertTrue(error.contains("unreadable RG record"), error);
    } finally {
      tree.kit().shutdownTestKit();
    }
  }
}
