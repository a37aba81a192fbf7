package io.k8sm.executor.agent;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReconnectPolicyTest {
  @Test
  void withoutCheckpointingALostLinkIsFinal() {
    var policy = new ReconnectPolicy(false, Duration.ZERO, Duration.ZERO, new Random(1));
    var giveUp = assertInstanceOf(ReconnectPolicy.GiveUp.class, policy.next(Duration.ZERO));
    assertTrue(giveUp.reason().contains("MESOS_CHECKPOINT=0"));
  }

  @Test
  void withCheckpointingEachWaitIsAtMostTheBackoffMax() {
    var policy = new ReconnectPolicy(true, Duration.ofMinutes(15), Duration.ofSeconds(2), new Random(7));
    for (int i = 0; i < 100; i++) {
      var retry = assertInstanceOf(ReconnectPolicy.RetryAfter.class, policy.next(Duration.ofSeconds(i)));
      assertTrue(!retry.delay().isNegative() && retry.delay().compareTo(Duration.ofSeconds(2)) <= 0, retry.toString());
    }
  }

  @Test
  void aWaitNeverRunsPastTheRecoveryTimeout() {
    var policy = new ReconnectPolicy(true, Duration.ofSeconds(10), Duration.ofSeconds(5), new Random(3));
    for (int i = 0; i < 100; i++) {
      var retry = assertInstanceOf(ReconnectPolicy.RetryAfter.class, policy.next(Duration.ofMillis(9_900)));
      assertTrue(retry.delay().compareTo(Duration.ofMillis(100)) <= 0, retry.toString());
    }
  }

  @Test
  void afterTheRecoveryTimeoutItGivesUp() {
    var policy = new ReconnectPolicy(true, Duration.ofSeconds(10), Duration.ofSeconds(2), new Random(1));
    var giveUp = assertInstanceOf(ReconnectPolicy.GiveUp.class, policy.next(Duration.ofSeconds(10)));
    assertTrue(giveUp.reason().contains("recovery timeout"));
  }
}
