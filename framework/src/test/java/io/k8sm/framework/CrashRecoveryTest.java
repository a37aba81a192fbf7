package io.k8sm.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import com.fasterxml.jackson.databind.JsonNode;
import io.k8sm.framework.testing.Api;
import io.k8sm.framework.testing.FrameworkProcess;
import io.k8sm.framework.testing.MesosLocalProcess;
import io.k8sm.framework.testing.PodWitness;
import io.k8sm.framework.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the scheduler process at seeded random moments, five times in a row, with pods
 * pending, launching and running. Three processes: this test, mesos-local (its own process, with
 * its real agent running our executor on the Docker engine) and the scheduler. The test sees the
 * truth from outside: tasks through the master's {@code /master/tasks}, containers on Docker by the
 * pod label. After every restart: every pod is listed with its spec; pods that ran keep their task
 * (none launched since) and their container; the rest get scheduled; and no pod ever has two live
 * tasks or two running app containers. Once on the embedded H2 journal, once on PostgreSQL (when
 * K8SM_TEST_POSTGRES_URL is set).
 */
class CrashRecoveryTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final Path HOME = Path.of("..").toAbsolutePath().normalize();
  static final long SEED = Long.getLong("k8sm.crash.seed", 20261126L);
  static final List<String> FAST = List.of("-Dk8sm.framework.pods.retry-min=200ms",
      "-Dk8sm.framework.pods.retry-max=1s", "-Dk8sm.framework.pods.restart-min=100ms",
      "-Dk8sm.framework.pods.launch-timeout=10s", "-Dk8sm.framework.offers.ttl=1s",
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
    assertTrue(EndToEndDockerTest.dockerWorks(), "no Docker engine answers 'docker info'");
    assertTrue(EndToEndDockerTest.executorBuilt(), "executor/target/executor.jar is not built");
    Path dir = Files.createDirectories(Path.of("target", "crash", "run-" + System.nanoTime()).toAbsolutePath());
    Random random = new Random(SEED);
    String run = "c" + Long.toHexString(random.nextLong() & 0xfffffL) + Long.toHexString(System.nanoTime() & 0xfffL);
    Set<String> pods = Collections.synchronizedSet(new LinkedHashSet<>());
    MesosLocalProcess mesos = MesosLocalProcess.start(dir.resolve("mesos-local.log"), List.of("--seed",
        String.valueOf(SEED), "--heartbeat-seconds", "1", "--work-dir", dir.resolve("agent").toString(),
        "--resources", "cpus:4;mem:4096;disk:10000;ports:[31000-31100]"));
    PodWitness witness = new PodWitness(mesos, pods);
    FrameworkProcess scheduler = null;
    try {
      List<String> args = new ArrayList<>(List.of("--mesos_master", mesos.masterUrl(), "--data_dir",
          dir.resolve("data").toString(), "--executor_path", HOME.resolve("bin/kubernetes-executor").toString()));
      args.addAll(store);
      Path log = dir.resolve("scheduler.log");
      scheduler = FrameworkProcess.start(log, FAST, args);
      witness.watch(500);
      for (int round = 0; round < 5; round++) {
        Api api = new Api(scheduler.apiUrl());
        for (int i = 0; i < 2; i++) {
          String id = run + "-" + round + i;
          pods.add(id);
          assertEquals(201, api.send("POST", "/api/v1beta1/pods", Api.pod(id, 250, "always", null)).statusCode());
        }
        Thread.sleep(random.nextInt(2500)); // the random moment of the crash, not a wait for anything
        Map<String, String> ran = new HashMap<>();
        Map<String, List<String>> liveBefore = witness.tasks(true);
        for (String id : List.copyOf(pods)) {
          List<String> live = liveBefore.getOrDefault(id, List.of());
          if ("Running".equals(api.pod(id).at("/currentState/status").asText()) && live.size() == 1) {
            ran.put(id, live.get(0));
          }
        }
        Map<String, List<PodWitness.Container>> containersBefore = witness.appContainers();
        System.out.printf("round %d: kill -9 with %d of %d pods running, %d with a live task%n", round, ran.size(),
            pods.size(), liveBefore.size());
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
        eventually(() -> {
          Map<String, List<String>> live = witness.tasks(true);
          Map<String, List<PodWitness.Container>> containers = witness.appContainers();
          for (String id : pods) {
            assertEquals("Running", after.pod(id).at("/currentState/status").asText(), id);
            List<String> tasks = live.getOrDefault(id, List.of());
            assertEquals(1, tasks.size(), id + " has one live task in /master/tasks: " + tasks);
            List<PodWitness.Container> cs = containers.getOrDefault(id, List.of());
            assertEquals(1, cs.size(), id + " has one app container: " + cs);
            assertEquals(tasks.get(0), cs.get(0).taskId(), id + "'s container belongs to its live task");
          }
        }, "every pod runs once: pending pods got scheduled");
        Map<String, List<String>> all = witness.tasks(false);
        Map<String, List<PodWitness.Container>> containers = witness.appContainers();
        ran.forEach((id, task) -> {
          assertEquals(List.of(task), all.get(id), id + " ran before the crash and keeps its task, none launched since");
          assertEquals(containersBefore.get(id), containers.get(id), id + " keeps its container");
        });
        assertEquals(List.of(), witness.violations());
      }
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n--- scheduler log tail ---\n"
          + (scheduler == null ? "(not started)" : scheduler.tail()) + "\n--- mesos-local log tail ---\n" + mesos.tail(), e);
    } finally {
      witness.close();
      if (scheduler != null) scheduler.close();
      mesos.close();
      witness.removeContainers();
    }
  }

  static void eventually(Runnable check, String what) {
    TestProbe<Object> probe = kit.createTestProbe();
    try {
      probe.awaitAssert(Duration.ofSeconds(90), Duration.ofMillis(500), () -> {
        check.run();
        return null;
      });
    } catch (AssertionError e) {
      throw new AssertionError(what + ": " + e.getMessage(), e);
    }
  }
}
