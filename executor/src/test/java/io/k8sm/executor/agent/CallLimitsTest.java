package io.k8sm.executor.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CallLimitsTest {
  @Test
  void readsTheShippedDefaults() {
    assertEquals(new CallLimits(16, Duration.ofMillis(250), Duration.ofSeconds(10)),
        CallLimits.fromConfig(ConfigFactory.load()));
  }

  @Test
  void theLimitMustFitTheClientsRequestPool() {
    var e = assertThrows(IllegalArgumentException.class, () -> CallLimits.fromConfig(ConfigFactory.parseMap(Map.of(
        "k8sm.protocol.max-pending-calls", 8, "k8sm.executor.calls-in-flight", 16)).withFallback(ConfigFactory.load())));
    assertTrue(e.getMessage().contains("between 1 and k8sm.protocol.max-pending-calls (8), got 16"), e.getMessage());
  }

  @Test
  void retriesWaitLongerPerFailureUpToTheCap() {
    CallLimits limits = new CallLimits(4, Duration.ofMillis(250), Duration.ofSeconds(1));
    assertEquals(List.of(250L, 500L, 1000L, 1000L),
        IntStream.range(0, 4).mapToObj(i -> limits.retryAfter(i).toMillis()).toList());
  }
}
