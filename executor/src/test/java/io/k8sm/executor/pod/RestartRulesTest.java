package io.k8sm.executor.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.k8sm.executor.ExecutorSettings.Backoff;
import io.k8sm.protocol.pod.RestartPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestartRulesTest {
  final RestartRules kubelet = new RestartRules(
      new Backoff(Duration.ofSeconds(10), Duration.ofMinutes(5)), Duration.ofMinutes(10));

  @ParameterizedTest
  @CsvSource({
      "RESTART_ALWAYS, 0, true",
      "RESTART_ALWAYS, 1, true",
      "RESTART_ON_FAILURE, 0, false",
      "RESTART_ON_FAILURE, 137, true",
      "RESTART_NEVER, 0, false",
      "RESTART_NEVER, 3, false"})
  void policyDecidesWhetherAContainerComesBack(RestartPolicy policy, int exitCode, boolean restarts) {
    var decision = kubelet.afterExit(policy, exitCode, Duration.ofSeconds(1), -1);
    assertEquals(restarts, decision instanceof RestartRules.Restart, decision.toString());
  }

  @Test
  void backoffDoublesFromTenSecondsUpToFiveMinutes() {
    int step = -1;
    long[] expected = {10, 20, 40, 80, 160, 300, 300};
    for (long seconds : expected) {
      var restart = assertInstanceOf(RestartRules.Restart.class,
          kubelet.afterExit(RestartPolicy.RESTART_ALWAYS, 1, Duration.ofSeconds(5), step));
      assertEquals(Duration.ofSeconds(seconds), restart.delay());
      step = restart.step();
    }
  }

  @Test
  void backoffStartsOverAfterTenMinutesOfRunning() {
    var restart = assertInstanceOf(RestartRules.Restart.class,
        kubelet.afterExit(RestartPolicy.RESTART_ALWAYS, 1, Duration.ofMinutes(10), 5));
    assertEquals(Duration.ofSeconds(10), restart.delay());
    assertEquals(0, restart.step());
  }

  @Test
  void stayingDownSaysWhy() {
    var down = assertInstanceOf(RestartRules.StayDown.class,
        kubelet.afterExit(RestartPolicy.RESTART_NEVER, 3, Duration.ZERO, -1));
    assertEquals("restartPolicy is Never", down.reason());
  }
}
