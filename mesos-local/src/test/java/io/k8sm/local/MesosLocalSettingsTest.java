package io.k8sm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.k8sm.local.master.Leadership;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MesosLocalSettingsTest {
  private static MesosLocalSettings from(String overrides) {
    return MesosLocalSettings.fromConfig(ConfigFactory.parseString(overrides).withFallback(ConfigFactory.load()));
  }

  @ParameterizedTest(name = "leadership = {0}")
  @CsvSource({"leader, LEADER", "standby, STANDBY", "no-leader, NO_LEADER"})
  void leadershipFromConfig(String value, Leadership.Mode mode) {
    MesosLocalSettings s = from("k8sm.local { leadership = " + value + ", redirect-to = \"leader:5050\" }");
    assertEquals(mode, s.leadership().mode());
    assertEquals("leader:5050", s.leadership().redirectTo());
  }

  @Test
  void simulatedAgentsAndTimingsFromConfig() {
    MesosLocalSettings s = from("k8sm.local { simulated-agents = 7, heartbeat-interval = 2s, real-agent = off,"
        + " simulated-agent { cpus = 1.5, ports-begin = 1, ports-end = 0 } }");
    assertEquals(7, s.simulatedAgents());
    assertEquals(Duration.ofSeconds(2), s.heartbeatInterval());
    assertTrue(s.realAgents().isEmpty());
    assertEquals(3, s.simulatedAgentResources().size(), "no ports when the range is empty");
    assertEquals(1.5, s.simulatedAgentResources().get(0).getScalar().getValue());
  }

  @Test
  void badValuesAreRefusedWithAReason() {
    MesosLocalSettings ok = from("k8sm.local.real-agent = off");
    var e = assertThrows(IllegalArgumentException.class, () -> ok.toBuilder().port(70000).build());
    assertTrue(e.getMessage().contains("port"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ok.toBuilder().simulatedAgents(-1).build());
    assertTrue(e.getMessage().contains("simulated agent count"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> ok.toBuilder().heartbeatInterval(Duration.ZERO).build());
    assertTrue(e.getMessage().contains("positive"), e.getMessage());
  }
}
