package io.k8sm.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainArgsTest {
  private static final MesosLocalSettings DEFAULTS = MesosLocalSettings.fromConfig(ConfigFactory.load());

  @Test
  void shippedDefaults() {
    assertEquals(5050, DEFAULTS.port());
    assertEquals("127.0.0.1", DEFAULTS.bindAddress());
    assertEquals(Duration.ofSeconds(15), DEFAULTS.heartbeatInterval());
    assertEquals(Duration.ofSeconds(1), DEFAULTS.allocationInterval());
    assertEquals(Duration.ofSeconds(10), DEFAULTS.updateRetryBackoff());
    assertEquals(0, DEFAULTS.simulatedAgents());
    assertEquals(4, DEFAULTS.simulatedAgentResources().size());
    assertEquals(1, DEFAULTS.realAgents().size(), "bin/mesos-local runs one real agent by default");
  }

  @Test
  void flagsOverrideTheDefaults() {
    MainArgs.Parsed p = MainArgs.parse(List.of("--port", "6060", "--simulated-agents=3", "--heartbeat-seconds", "2",
        "--work-dir", "/tmp/x", "--seed", "7", "--resources", "cpus:2;mem:512", "--simulated-start-delay-ms", "568"), DEFAULTS);
    MesosLocalSettings s = p.settings();
    assertEquals(6060, s.port());
    assertEquals(3, s.simulatedAgents());
    assertEquals(Duration.ofSeconds(2), s.heartbeatInterval());
    assertEquals(Path.of("/tmp/x"), s.workDir());
    assertEquals(7, s.seed());
    assertEquals(Duration.ofMillis(568), s.simulatedTaskStartDelay());
    var resources = s.realAgents().get(0).resources();
    assertEquals(2, resources.size());
    assertEquals("cpus", resources.get(0).getName());
    assertEquals(2.0, resources.get(0).getScalar().getValue());
  }

  @Test
  void realAgentCanBeLeftOut() {
    assertTrue(MainArgs.parse(List.of("--real-agent", "false"), DEFAULTS).settings().realAgents().isEmpty());
  }

  @Test
  void helpIsRecognised() {
    assertTrue(MainArgs.parse(List.of("--port", "1", "--help"), DEFAULTS).help());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "--port abc              | --port needs a whole number",
      "--port 70000            | --port must be within 0-65535",
      "--simulated-agents -1   | --simulated-agents must be within",
      "--heartbeat-seconds 0   | --heartbeat-seconds must be within",
      "--bogus 1               | unknown flag --bogus",
      "--bogus                 | unknown flag --bogus",
      "--port                  | --port needs a value",
      "stray                   | unexpected argument 'stray'",
      "--resources cpus        | resources",
      "--real-agent maybe      | --real-agent needs true or false",
  })
  void badFlagsSayWhatIsWrong(String args, String message) {
    var e = assertThrows(IllegalArgumentException.class,
        () -> MainArgs.parse(List.of(args.trim().split(" ")), DEFAULTS));
    assertTrue(e.getMessage().contains(message.trim()), e.getMessage());
  }
}
