package io.k8sm.executor.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.k8sm.executor.ExecutorSettings.Backoff;
import io.k8sm.executor.docker.ContainerNames;
import io.k8sm.executor.docker.ContainerSnapshot;
import io.k8sm.protocol.pod.RestartPolicy;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RestartsTest {
  static final RestartRules RULES = new RestartRules(new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(8)), Duration.ofMinutes(10));

  static ContainerSnapshot exit(int code, boolean oom) {
    return new ContainerSnapshot("c1", "n", Map.of(), false, code, oom, 1_000, 2_000);
  }

  @Test
  void anAdoptedContainerGoesOnCountingFromItsLabel() {
    var r = new Restarts(RULES, RestartPolicy.RESTART_ALWAYS);
    r.adopt(Map.of(ContainerNames.LABEL_RESTART_COUNT, "3"));
    r.restarting();
    assertEquals(4, r.count());
  }

  @Test
  void everyExitNamesItsReasonAndBacksOffFurther() {
    var r = new Restarts(RULES, RestartPolicy.RESTART_ALWAYS);
    var first = r.exited(exit(1, false));
    assertEquals("Error", first.ended().getReason());
    assertEquals(Duration.ofSeconds(1), assertInstanceOf(RestartRules.Restart.class, first.next()).delay());
    r.unhealthy("GET /healthz returned 404");
    var second = r.exited(exit(137, false));
    assertEquals("Unhealthy", second.ended().getReason());
    assertEquals("liveness probe failed: GET /healthz returned 404", second.ended().getMessage());
    assertEquals(Duration.ofSeconds(2), assertInstanceOf(RestartRules.Restart.class, second.next()).delay());
    assertEquals("OOMKilled", r.exited(exit(137, true)).ended().getReason(), "the liveness failure was for one run only");
  }

  @Test
  void thePolicyCanKeepItDown() {
    var r = new Restarts(RULES, RestartPolicy.RESTART_ON_FAILURE);
    var done = r.exited(exit(0, false));
    assertEquals("Completed", done.ended().getReason());
    assertInstanceOf(RestartRules.StayDown.class, done.next());
  }
}
