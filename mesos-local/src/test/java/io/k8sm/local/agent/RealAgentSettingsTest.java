package io.k8sm.local.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RealAgentSettingsTest {

  @Test
  void shippedDefaultsMatchTheMesosAgent() {
    RealAgentSettings s = RealAgentSettings.fromConfig(ConfigFactory.load());
    assertEquals("127.0.0.1", s.bindAddress());
    assertEquals(0, s.port());
    assertEquals(Duration.ofMinutes(1), s.executorRegistrationTimeout());
    assertEquals(Duration.ofSeconds(5), s.executorShutdownGracePeriod());
    assertEquals(Duration.ofMinutes(15), s.recoveryTimeout());
    assertEquals(Duration.ofSeconds(2), s.subscriptionBackoffMax());
    assertEquals(Duration.ofMinutes(30), s.executorHeartbeatInterval());
    assertTrue(s.checkpoint());
    assertEquals(Path.of(System.getProperty("java.io.tmpdir"), "mesos-local"), s.workDir());
    assertTrue(ResourceSpecText.render(s.resources()).contains("ports:[31000-32000]"));
  }

  @Test
  void configurationOverridesEveryKey() {
    RealAgentSettings s = RealAgentSettings.fromConfig(ConfigFactory.parseString("""
        k8sm.local.agent {
          work-dir = "/srv/agent", hostname = "node-7", port = 5051,
          resources = "cpus:4;mem:8192;ports:[31000-31005]",
          executor-registration-timeout = 3s, executor-shutdown-grace-period = 1s, checkpoint = off,
          extra-environment { "A.B" = x, PLAIN = y }
        }""").withFallback(ConfigFactory.load()));
    assertEquals(Path.of("/srv/agent"), s.workDir());
    assertEquals("node-7", s.hostname());
    assertEquals(5051, s.port());
    assertEquals("cpus:4;mem:8192;ports:[31000-31005]", ResourceSpecText.render(s.resources()));
    assertEquals(Duration.ofSeconds(3), s.executorRegistrationTimeout());
    assertEquals(Map.of("A.B", "x", "PLAIN", "y"), s.extraEnvironment());
    assertEquals(false, s.checkpoint());
    assertEquals(7, s.toBuilder().port(7).build().port());
  }

  @Test
  void badValuesAreRefusedWithAReason() {
    RealAgentSettings s = RealAgentSettings.fromConfig(ConfigFactory.load());
    IllegalArgumentException port = assertThrows(IllegalArgumentException.class, () -> s.toBuilder().port(70000).build());
    assertTrue(port.getMessage().contains("70000"));
    IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> RealAgentSettings.fromConfig(
        ConfigFactory.parseString("k8sm.local.agent.resources = \"cpus:x\"").withFallback(ConfigFactory.load())));
    assertTrue(bad.getMessage().contains("cpus:x"), bad.getMessage());
  }
}
