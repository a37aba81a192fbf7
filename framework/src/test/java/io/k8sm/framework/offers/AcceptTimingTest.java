package io.k8sm.framework.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class AcceptTimingTest {
  static final long MS = 1_000_000L;
  final AcceptTiming timing = new AcceptTiming(Duration.ofMillis(20), Duration.ofMillis(100));

  @Test
  void aFullOfferGoesAtOnce() {
    AcceptTiming.Decision d = timing.decide(false, 1000 * MS, 1000 * MS, 1000 * MS);
    assertEquals("the offer has no room for another pod", assertInstanceOf(AcceptTiming.Now.class, d).why());
  }

  @Test
  void waitsWhilePodsKeepArrivingUntilTheQuietTimeRunsOut() {
    // last request 5 ms ago, first reservation 10 ms ago: 15 ms more of quiet would end it
    AcceptTiming.Decision d = timing.decide(true, 1010 * MS, 1005 * MS, 1000 * MS);
    assertEquals(Duration.ofMillis(15), assertInstanceOf(AcceptTiming.Later.class, d).in());
  }

  @Test
  void goesOnceNoPodAskedForTheLinger() {
    AcceptTiming.Decision d = timing.decide(true, 1030 * MS, 1010 * MS, 1000 * MS);
    assertEquals("no pod asked for resources for 20 ms", assertInstanceOf(AcceptTiming.Now.class, d).why());
  }

  @Test
  void aSteadyStreamOfPodsCannotHoldAnOfferPastTheMaximum() {
    AcceptTiming.Decision justBefore = timing.decide(true, 1095 * MS, 1094 * MS, 1000 * MS);
    assertEquals(Duration.ofMillis(5), assertInstanceOf(AcceptTiming.Later.class, justBefore).in());
    AcceptTiming.Decision d = timing.decide(true, 1100 * MS, 1099 * MS, 1000 * MS);
    assertEquals("its first pod has waited 100 ms", assertInstanceOf(AcceptTiming.Now.class, d).why());
  }

  @Test
  void zeroLingerNeverWaits() {
    AcceptTiming.Decision d = AcceptTiming.IMMEDIATE.decide(true, 1000 * MS, 1000 * MS, 1000 * MS);
    assertInstanceOf(AcceptTiming.Now.class, d);
  }

  @Test
  void refusesNegativeDurations() {
    assertThrows(IllegalArgumentException.class, () -> new AcceptTiming(Duration.ofMillis(-1), Duration.ZERO));
  }
}
