package io.k8sm.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.k8sm.framework.testing.TestPersistence;
import io.k8sm.framework.mesos.BridgeSnapshot;
import io.k8sm.framework.testing.Api;
import io.k8sm.local.MesosLocal;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.local.MesosLocalSettings;
import io.k8sm.local.master.Leadership;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.apache.mesos.v1.Protos.TaskID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The whole scheduler against an embedded mesos-local with simulated agents (no Docker): pods are
 * scheduled until Running, restarted, refused with a reason, deleted; the subscription survives
 * a broken connection and follows a standby master's redirect.
 */
class LocalModeTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final Config CONFIG = ConfigFactory.parseMap(Map.of(
      "k8sm.framework.port", 0,
      "k8sm.framework.mesos.backoff-min", "100ms",
      "k8sm.framework.mesos.backoff-max", "500ms",
      "k8sm.framework.offers.ttl", "1s",
      "k8sm.framework.offers.decline-expired-seconds", 0.5,
      "k8sm.framework.pods.restart-min", "100ms",
      "k8sm.framework.pods.retry-min", "200ms",
      "k8sm.framework.pods.retry-max", "1s")).withFallback(ConfigFactory.load());

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  static MesosLocal mesos(int agents) {
    return MesosLocal.start(MesosLocalSettings.fromConfig(CONFIG).toBuilder().port(0).realAgents(List.of())
        .simulatedAgents(agents)
        .simulatedTaskStartDelay(Duration.ofMillis(50)).allocationInterval(Duration.ofMillis(200))
        .heartbeatInterval(Duration.ofSeconds(1)).updateRetryBackoff(Duration.ofSeconds(1))
        .simulatedAgentResources(MesosLocalSettings.simulatedResources(2, 2048, 10000, 31000, 31100)).build(), CONFIG);
  }

  static void eventually(Supplier<Boolean> check, String what) {
    TestProbe<Object> probe = kit.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(20), () -> {
      assertTrue(check.get(), what);
      return null;
    });
  }

  static String status(Api api, String id) {
    return api.pod(id).at("/currentState/status").asText();
  }

  @Test
  void schedulesPodsOntoSimulatedAgentsUntilRunningThenRestartsRefusesAndDeletes() throws Exception {
    try (MesosLocal mesos = mesos(2);
         Scheduler s = Scheduler.start(TestPersistence.freshDataDir(CONFIG), List.of(URI.create(mesos.masterUrl())), b -> { }, List.of())) {
      Api api = new Api(s.apiUrl());
      for (String id : List.of("a", "b", "c")) {
        assertEquals(201, api.send("POST", "/api/v1beta1/pods", Api.pod(id, 500, "always", null)).statusCode());
      }
      assertEquals(201, api.send("POST", "/api/v1beta1/pods", Api.pod("web", 500, "always", 31080)).statusCode());
      for (String id : List.of("a", "b", "c", "web")) {
        eventually(() -> status(api, id).equals("Running"), id + " runs");
      }
      assertEquals(2, api.get("/api/v1beta1/minions").get("items").size());

      // A failed task is restarted (restartPolicy always) under a new task id.
      JsonNode before = api.pod("a");
      String hostBefore = before.at("/currentState/host").asText();
      assertTrue(!hostBefore.isEmpty());
      TaskID first = taskOf(s, "a");
      assertTrue(mesos.faults().failTask(first, "container exited 1"));
      eventually(() -> !taskOf(s, "a").equals(first) && status(api, "a").equals("Running"), "a runs again");

      // Too big for any agent: it waits with a reason a user can read, and the rest stays healthy.
      assertEquals(201, api.send("POST", "/api/v1beta1/pods", Api.pod("huge", 64000, "always", null)).statusCode());
      eventually(() -> api.pod("huge").at("/currentState/message").asText().contains("needs 64 cpus"),
          "huge explains why it waits: " + api.pod("huge").at("/currentState/message").asText());
      assertEquals("Waiting", status(api, "huge"));
      assertEquals("ok", api.send("GET", "/healthz", null).body());

      assertEquals(200, api.send("DELETE", "/api/v1beta1/pods/b", null).statusCode());
      eventually(() -> api.send("GET", "/api/v1beta1/pods/b", null).statusCode() == 404, "b is gone");
      assertEquals(200, api.send("DELETE", "/api/v1beta1/pods/huge", null).statusCode());
      eventually(() -> api.get("/api/v1beta1/pods").get("items").size() == 3, "three pods left");
    }
  }

  @Test
  void runsAPodOverProtobufTheDefaultAndOverJsonWhenChosen() throws Exception {
    assertEquals(Encoding.PROTOBUF, FrameworkSettings.fromConfig(CONFIG).mesos().encoding());
    for (String encoding : List.of("protobuf", "json")) {
      Config config = ConfigFactory.parseMap(Map.of("k8sm.framework.mesos.encoding", encoding)).withFallback(CONFIG);
      AtomicReference<BridgeSnapshot> bridge = new AtomicReference<>(BridgeSnapshot.INITIAL);
      try (MesosLocal mesos = mesos(1);
           Scheduler s = Scheduler.start(TestPersistence.freshDataDir(config), List.of(URI.create(mesos.masterUrl())),
               bridge::set, List.of())) {
        Api api = new Api(s.apiUrl());
        assertEquals(201, api.send("POST", "/api/v1beta1/pods", Api.pod("p", 200, "always", null)).statusCode());
        eventually(() -> status(api, "p").equals("Running"), "p runs over " + encoding);
        eventually(() -> bridge.get().updatesAcknowledged() > 0, "its updates are acknowledged over " + encoding);
      }
    }
  }

  @Test
  void aBrokenConnectionFailsOverUnderTheSameFrameworkIdAndPodsKeepRunning() throws Exception {
    AtomicReference<BridgeSnapshot> bridge = new AtomicReference<>(BridgeSnapshot.INITIAL);
    try (MesosLocal mesos = mesos(1);
         Scheduler s = Scheduler.start(TestPersistence.freshDataDir(CONFIG), List.of(URI.create(mesos.masterUrl())), bridge::set, List.of())) {
      Api api = new Api(s.apiUrl());
      api.send("POST", "/api/v1beta1/pods", Api.pod("keep", 200, "always", null));
      eventually(() -> status(api, "keep").equals("Running"), "keep runs");
      String id = bridge.get().frameworkId();
      TaskID task = taskOf(s, "keep");
      assertEquals(1, bridge.get().subscriptions());

      assertTrue(mesos.faults().dropSubscriptions() > 0);
      eventually(() -> bridge.get().subscriptions() == 2 && bridge.get().connected(), "re-subscribed");
      assertEquals(id, bridge.get().frameworkId());
      assertEquals(task, taskOf(s, "keep"));
      assertEquals("Running", status(api, "keep"));

      api.send("POST", "/api/v1beta1/pods", Api.pod("after", 200, "always", null));
      eventually(() -> status(api, "after").equals("Running"), "a pod created after the failover runs");
    }
  }

  @Test
  void registersThroughAStandbyMastersRedirect() throws Exception {
    AtomicReference<BridgeSnapshot> bridge = new AtomicReference<>(BridgeSnapshot.INITIAL);
    try (MesosLocal leader = mesos(1);
         MesosLocal standby = MesosLocal.start(MesosLocalSettings.fromConfig(CONFIG).toBuilder().port(0)
             .realAgents(List.of())
             .leadership(new Leadership(Leadership.Mode.STANDBY, "127.0.0.1:" + leader.port())).build(), CONFIG);
         Scheduler s = Scheduler.start(TestPersistence.freshDataDir(CONFIG), List.of(URI.create(standby.masterUrl())), bridge::set, List.of())) {
      eventually(() -> bridge.get().connected() && !bridge.get().frameworkId().isEmpty(), "registered");
      assertTrue(bridge.get().master().contains(":" + leader.port()), bridge.get().master());
      assertNotEquals(standby.port(), leader.port());
      Api api = new Api(s.apiUrl());
      api.send("POST", "/api/v1beta1/pods", Api.pod("via", 200, "never", null));
      eventually(() -> status(api, "via").equals("Running"), "via runs on the leader's agent");
    }
  }

  @Test
  void usesOnlyTheMachinesItIsToldAndShowsLiveStateOverJmx() throws Exception {
    int jmxPort;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0)) {
      jmxPort = free.getLocalPort();
    }
    Config config = ConfigFactory.parseMap(Map.of("k8sm.framework.machines", List.of("sim-1.mesos-local"),
        "k8sm.framework.jmx-port", jmxPort)).withFallback(CONFIG);
    try (MesosLocal mesos = mesos(2);
         Scheduler s = Scheduler.start(TestPersistence.freshDataDir(config), List.of(URI.create(mesos.masterUrl())), b -> { }, List.of());
         var jmx = javax.management.remote.JMXConnectorFactory.connect(
             new javax.management.remote.JMXServiceURL(s.jmxUrl()))) {
      Api api = new Api(s.apiUrl());
      for (String id : List.of("m1", "m2", "m3")) {
        api.send("POST", "/api/v1beta1/pods", Api.pod(id, 300, "always", null));
      }
      for (String id : List.of("m1", "m2", "m3")) {
        eventually(() -> status(api, id).equals("Running"), id + " runs");
        assertEquals("sim-1.mesos-local", api.pod(id).at("/currentState/host").asText());
      }
      var c = jmx.getMBeanServerConnection();
      var pod = io.k8sm.framework.jmx.Jmx.podName("default/m1");
      assertEquals("RUNNING", c.getAttribute(pod, "Phase"));
      assertEquals(taskOf(s, "m1").getValue(), c.getAttribute(pod, "TaskId"));
      var pool = io.k8sm.framework.jmx.Jmx.name("type=OfferPool");
      assertTrue((Long) c.getAttribute(pool, "Launches") >= 3);
      assertTrue((Long) c.getAttribute(pool, "Declines") >= 1, "the offer from sim-0 was declined");
      var bridge = io.k8sm.framework.jmx.Jmx.name("type=MesosBridge");
      assertEquals(true, c.getAttribute(bridge, "Connected"));
      assertTrue(((String) c.getAttribute(bridge, "Master")).contains(":" + mesos.port()));
    }
  }

  /** The task id the store shows for a pod (the v1beta1 view does not carry it). */
  static TaskID taskOf(Scheduler s, String id) {
    var probe = kit.<io.k8sm.framework.store.ObjectStore.PodFound>createTestProbe();
    s.started().store().tell(new io.k8sm.framework.store.ObjectStore.GetPod("default/" + id, probe.getRef()));
    String value = probe.receiveMessage().record().map(r -> r.status().taskId()).orElse("");
    return TaskID.newBuilder().setValue(value).build();
  }
}
