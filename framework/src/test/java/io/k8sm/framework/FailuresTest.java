package io.k8sm.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.k8sm.framework.mesos.BridgeSnapshot;
import io.k8sm.framework.testing.Api;
import io.k8sm.framework.testing.CountingAgents;
import io.k8sm.framework.testing.TestPersistence;
import io.k8sm.local.MesosLocal;
import io.k8sm.local.MesosLocalSettings;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Failures around a running scheduler, against mesos-local's faults with witnessed simulated
 * agents: executor death, agent loss, master restart (with and without its state) and dropped
 * streams. Each ends with every pod running exactly once or visibly Failed under its policy, and
 * nothing launched twice.
 */
class FailuresTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final Config CONFIG = ConfigFactory.parseMap(Map.of(
      "k8sm.framework.mesos.backoff-min", "100ms", "k8sm.framework.mesos.backoff-max", "1s",
      "k8sm.framework.offers.ttl", "1s", "k8sm.framework.offers.decline-expired-seconds", 0.5,
      "k8sm.framework.pods.restart-min", "100ms", "k8sm.framework.pods.retry-min", "200ms",
      "k8sm.framework.pods.retry-max", "1s", "k8sm.framework.reconciliation.backoff-min", "500ms"))
      .withFallback(ConfigFactory.load());

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  static MesosLocal mesos(CountingAgents agents) {
    MesosLocalSettings.Builder b = MesosLocalSettings.fromConfig(CONFIG).toBuilder().port(0).realAgents(List.of())
        .simulatedAgents(0).allocationInterval(Duration.ofMillis(200)).heartbeatInterval(Duration.ofSeconds(1))
        .updateRetryBackoff(Duration.ofSeconds(1)).seed(7);
    agents.factories(3, MesosLocalSettings.simulatedResources(4, 4096, 10000, 31000, 31100), Duration.ofMillis(50), 7)
        .forEach(b::addExtraAgent);
    return MesosLocal.start(b.build(), CONFIG);
  }

  static void eventually(Runnable check) {
    TestProbe<Object> probe = kit.createTestProbe();
    probe.awaitAssert(Duration.ofSeconds(30), Duration.ofMillis(200), () -> {
      check.run();
      return null;
    });
  }

  static String status(Api api, String id) {
    return api.pod(id).at("/currentState/status").asText();
  }

  static void create(Api api, String id, String policy) {
    assertEquals(201, api.send("POST", "/api/v1beta1/pods", Api.pod(id, 250, policy, null)).statusCode());
  }

  @Test
  void aKilledExecutorBringsItsPodsBackUnderTheirRestartPolicy() throws Exception {
    try (CountingAgents agents = new CountingAgents(); MesosLocal mesos = mesos(agents);
         Scheduler s = Scheduler.start(TestPersistence.freshDataDir(CONFIG), List.of(URI.create(mesos.masterUrl())),
             b -> { }, List.of())) {
      Api api = new Api(s.apiUrl());
      create(api, "always", "always");
      create(api, "onfailure", "onFailure");
      create(api, "never", "never");
      eventually(() -> List.of("always", "onfailure", "never").forEach(id -> assertEquals("Running", status(api, id))));
      agents.killExecutors(9);
      eventually(() -> {
        assertEquals("Terminated", status(api, "never"));
        assertEquals(2, agents.launches("default/always").size());
        assertEquals(2, agents.launches("default/onfailure").size());
        assertEquals("Running", status(api, "always"));
        assertEquals("Running", status(api, "onfailure"));
      });
      assertTrue(api.pod("never").at("/currentState/message").asText().contains("failed"),
          api.pod("never").toString());
      assertEquals(1, agents.launches("default/never").size());
      assertEquals(List.of(), agents.violations());
    }
  }

  @Test
  void aLostAgentsPodsAreRescheduledElsewhereAndNothingRunsTwice() throws Exception {
    try (CountingAgents agents = new CountingAgents(); MesosLocal mesos = mesos(agents);
         Scheduler s = Scheduler.start(TestPersistence.freshDataDir(CONFIG), List.of(URI.create(mesos.masterUrl())),
             b -> { }, List.of())) {
      Api api = new Api(s.apiUrl());
      List<String> ids = List.of("a", "b", "c", "d", "e", "f");
      ids.forEach(id -> create(api, id, "always"));
      eventually(() -> ids.forEach(id -> assertEquals("Running", status(api, id))));
      String lost = agents.agentOf("default/a").orElseThrow();
      List<String> onLost = ids.stream().filter(id -> agents.agentOf("default/" + id).orElse("").equals(lost)).toList();
      agents.markLost(lost);
      assertTrue(mesos.faults().loseAgent(org.apache.mesos.v1.Protos.AgentID.newBuilder().setValue(lost).build()));
      eventually(() -> ids.forEach(id -> {
        assertEquals("Running", status(api, id), id);
        assertEquals(onLost.contains(id) ? 2 : 1, agents.launches("default/" + id).size(), id);
      }));
      ids.forEach(id -> assertTrue(!agents.agentOf("default/" + id).orElseThrow().equals(lost), id));
      assertEquals(List.of(), agents.violations());
    }
  }

  @Test
  void masterRestartsAndDroppedStreamsLaunchNothingTwice() throws Exception {
    AtomicReference<BridgeSnapshot> bridge = new AtomicReference<>(BridgeSnapshot.INITIAL);
    try (CountingAgents agents = new CountingAgents(); MesosLocal mesos = mesos(agents);
         Scheduler s = Scheduler.start(TestPersistence.freshDataDir(CONFIG), List.of(URI.create(mesos.masterUrl())),
             bridge::set, List.of())) {
      Api api = new Api(s.apiUrl());
      List<String> ids = List.of("x", "y", "z");
      ids.forEach(id -> create(api, id, "always"));
      eventually(() -> ids.forEach(id -> assertEquals("Running", status(api, id))));
      String frameworkId = bridge.get().frameworkId();
      long subscriptions = bridge.get().subscriptions();
      mesos.faults().restartMaster(false);
      eventually(() -> assertTrue(bridge.get().subscriptions() > subscriptions && bridge.get().connected()));
      long afterRestart = bridge.get().subscriptions();
      mesos.faults().dropSubscriptions();
      eventually(() -> assertTrue(bridge.get().subscriptions() > afterRestart && bridge.get().connected()));
      long afterDrop = bridge.get().subscriptions();
      mesos.faults().restartMaster(true);
      eventually(() -> assertTrue(bridge.get().subscriptions() > afterDrop && bridge.get().connected()));
      create(api, "late", "always"); // offers flow again after all of it
      eventually(() -> assertEquals("Running", status(api, "late")));
      assertEquals(frameworkId, bridge.get().frameworkId(), "failover keeps the framework id");
      ids.forEach(id -> {
        assertEquals("Running", status(api, id), id);
        assertEquals(1, agents.launches("default/" + id).size(), id + " launched once");
      });
      assertEquals(List.of(), agents.violations());
    }
  }
}
