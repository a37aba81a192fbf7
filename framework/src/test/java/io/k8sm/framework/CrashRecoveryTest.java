package io.k8sm.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import com.fasterxml.jackson.databind.JsonNode;
import io.k8sm.framework.testing.Api;
import io.k8sm.framework.testing.CountingAgents;
import io.k8sm.framework.testing.FrameworkProcess;
import io.k8sm.framework.testing.TestPostgres;
import io.k8sm.local.MesosLocal;
import io.k8sm.local.MesosLocalSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the scheduler process at seeded random moments, five times in a row, with pods
 * pending, launching and running; mesos-local's master keeps running (in this JVM, so its agents
 * can be watched) while the scheduler is a separate process. After every restart: every pod is
 * listed with its spec, pods that ran keep their task (no new launch), the rest get scheduled, and
 * no pod ever has two live tasks. Once on the embedded H2 journal, once on PostgreSQL.
 */
class CrashRecoveryTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final long SEED = Long.getLong("k8sm.crash.seed", 20261126L);
  static final List<String> FAST = List.of("-Dk8sm.framework.pods.retry-min=200ms",
      "-Dk8sm.framework.pods.retry-max=1s", "-Dk8sm.framework.pods.restart-min=100ms",
      "-Dk8sm.framework.pods.launch-timeout=3s", "-Dk8sm.framework.offers.ttl=1s",
      "-Dk8sm.framework.offers.decline-expired-seconds=0.5", "-Dk8sm.framework.mesos.backoff-min=100ms",
      "-Dk8sm.framework.mesos.backoff-max=1s", "-Dk8sm.framework.reconciliation.backoff-min=500ms");

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  @Test
  void survivesFiveKillsOnH2() throws Exception {
    crashFiveTimes(List.of());
  }

  @Test
  void survivesFiveKillsOnPostgres() throws Exception {
    crashFiveTimes(List.of("--store", TestPostgres.freshDatabase()));
  }

  @Test
  void anUnreachableStoreStopsTheSchedulerWithAnErrorNamingIt() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "crash", "bad-" + System.nanoTime()));
    int closed = FrameworkProcess.freePort();
    Map.Entry<Integer, String> run = FrameworkProcess.runToExit(dir.resolve("scheduler.log"), List.of("--mesos_master",
        "127.0.0.1:" + FrameworkProcess.freePort(), "--store", "postgres://k8sm@127.0.0.1:" + closed + "/pods"),
        Duration.ofSeconds(60));
    assertEquals(1, run.getKey(), run.getValue());
    assertTrue(run.getValue().contains("kubernetes-mesos: cannot open the PostgreSQL database pods at 127.0.0.1:"
        + closed), run.getValue());
  }

  @Test
  void anUnreadableJournalRowStopsTheSchedulerInsteadOfStartingEmpty() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "crash", "corrupt-" + System.nanoTime()));
    io.k8sm.framework.persistence.Store h2 = io.k8sm.framework.persistence.Store.parse("", dir.resolve("data"));
    io.k8sm.framework.persistence.StoreSchema.ensure(h2);
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(h2.jdbcUrl(), h2.user(), h2.password());
         java.sql.PreparedStatement insert = c.prepareStatement("INSERT INTO \"event_journal\" (\"deleted\","
             + " \"persistence_id\", \"sequence_number\", \"writer\", \"write_timestamp\", \"adapter_manifest\","
             + " \"event_payload\", \"event_ser_id\", \"event_ser_manifest\") VALUES (false, 'pod-registry', 1, 'x',"
             + " 0, '', ?, 424242, 'Foreign')")) {
      insert.setBytes(1, new byte[] {1, 2, 3});
      insert.executeUpdate();
    }
    Map.Entry<Integer, String> run = FrameworkProcess.runToExit(dir.resolve("scheduler.log"), List.of("--mesos_master",
        "127.0.0.1:" + FrameworkProcess.freePort(), "--data_dir", dir.resolve("data").toString()),
        Duration.ofSeconds(60));
    assertEquals(1, run.getKey(), run.getValue());
    assertTrue(run.getValue().contains("kubernetes-mesos: ") && run.getValue().contains("cannot read the pod registry")
        && run.getValue().contains(h2.describe()), run.getValue());
  }

  void crashFiveTimes(List<String> store) throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "crash", "run-" + System.nanoTime()));
    Random random = new Random(SEED);
    try (CountingAgents agents = new CountingAgents(); MesosLocal mesos = mesos(agents)) {
      List<String> args = new ArrayList<>(List.of("--mesos_master", mesos.masterUrl(), "--data_dir",
          dir.resolve("data").toString()));
      args.addAll(store);
      Path log = dir.resolve("scheduler.log");
      FrameworkProcess scheduler = FrameworkProcess.start(log, FAST, args);
      List<String> pods = new ArrayList<>();
      try {
        for (int round = 0; round < 5; round++) {
          Api api = new Api(scheduler.apiUrl());
          for (int i = 0; i < 2; i++) {
            String id = "p" + round + i;
            assertEquals(201, api.send("POST", "/api/v1beta1/pods", Api.pod(id, 250, "always", null)).statusCode());
            pods.add(id);
          }
          Thread.sleep(random.nextInt(1500)); // the random moment of the crash, not a wait for anything
          Map<String, Integer> ran = new HashMap<>();
          for (String id : pods) {
            if ("Running".equals(api.pod(id).at("/currentState/status").asText())) {
              ran.put(id, agents.launches("default/" + id).size());
            }
          }
          scheduler.kill9();
          scheduler = FrameworkProcess.start(log, FAST, args);
          Api after = new Api(scheduler.apiUrl());
          eventually(() -> {
            JsonNode items = after.get("/api/v1beta1/pods").get("items");
            Set<String> listed = new TreeSet<>();
            items.forEach(p -> {
              listed.add(p.get("id").asText());
              assertEquals("k8sm/pause:1", p.at("/desiredState/manifest/containers/0/image").asText(), p.toString());
              assertEquals(p.get("id").asText(), p.at("/labels/app").asText(), p.toString());
            });
            assertEquals(new TreeSet<>(pods), listed);
          }, "every pod is listed with its spec");
          eventually(() -> pods.forEach(id -> assertEquals("Running",
              after.pod(id).at("/currentState/status").asText(), id)), "every pod runs");
          ran.forEach((id, launches) -> assertEquals(launches, agents.launches("default/" + id).size(),
              id + " ran before the crash and keeps its task: " + agents.launches("default/" + id)));
          assertEquals(List.of(), agents.violations());
          Map<String, Long> live = agents.live();
          pods.forEach(id -> assertEquals(1L, live.getOrDefault("default/" + id, 0L), id + " has one live task"));
        }
      } catch (AssertionError e) {
        throw new AssertionError(e.getMessage() + "\n--- scheduler log tail ---\n" + scheduler.tail(), e);
      } finally {
        scheduler.close();
      }
    }
  }

  static MesosLocal mesos(CountingAgents agents) {
    MesosLocalSettings.Builder b = MesosLocalSettings.fromConfig(com.typesafe.config.ConfigFactory.load()).toBuilder()
        .port(0).realAgents(List.of()).simulatedAgents(0).allocationInterval(Duration.ofMillis(200))
        .heartbeatInterval(Duration.ofSeconds(1)).updateRetryBackoff(Duration.ofSeconds(1)).seed(SEED);
    agents.factories(3, MesosLocalSettings.simulatedResources(4, 4096, 10000, 31000, 31100), Duration.ofMillis(50), SEED)
        .forEach(b::addExtraAgent);
    return MesosLocal.start(b.build());
  }

  static void eventually(Runnable check, String what) {
    TestProbe<Object> probe = kit.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(200), () -> {
      check.run();
      return null;
    });
  }
}
