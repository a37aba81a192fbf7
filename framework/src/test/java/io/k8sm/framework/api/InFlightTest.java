package io.k8sm.framework.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InFlightTest {

  static InFlight.Permit admitted(InFlight limiter) {
    return assertInstanceOf(InFlight.Admitted.class, limiter.tryEnter()).permit();
  }

  @Test
  void admitsUpToTheLimitThenRefusesWithAReason() {
    InFlight limiter = new InFlight("mutating requests", 2);
    admitted(limiter);
    admitted(limiter);
    InFlight.Refused no = assertInstanceOf(InFlight.Refused.class, limiter.tryEnter());
    assertEquals("the server is busy: 2 mutating requests are in progress, the most it takes at once;"
        + " try again later", no.reason());
    assertEquals(2, limiter.inFlight(), "a refused request does not count");
  }

  @Test
  void aReleasedPermitLetsTheNextOneInAndCountsOnce() {
    InFlight limiter = new InFlight("mutating requests", 1);
    InFlight.Permit first = admitted(limiter);
    assertInstanceOf(InFlight.Refused.class, limiter.tryEnter());
    first.release();
    first.release();
    assertEquals(0, limiter.inFlight());
    admitted(limiter);
    assertInstanceOf(InFlight.Refused.class, limiter.tryEnter(), "the double release did not open a second place");
  }

  @Test
  void zeroMeansNoLimitButStillCounts() {
    InFlight limiter = new InFlight("mutating requests", 0);
    for (int i = 0; i < 10_000; i++) {
      admitted(limiter);
    }
    assertEquals(10_000, limiter.inFlight());
  }

  @Test
  void aNegativeLimitIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new InFlight("writes", -1));
    assertEquals("the limit of writes in flight must be 0 (none) or more, got -1", e.getMessage());
  }

  @Test
  void manyThreadsNeverHoldMoreThanTheLimit() throws Exception {
    InFlight limiter = new InFlight("mutating requests", 3);
    AtomicInteger holding = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger admittedCount = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        done.add(threads.submit(() -> {
          for (int i = 0; i < 20_000; i++) {
            if (limiter.tryEnter() instanceof InFlight.Admitted a) {
              most.accumulateAndGet(holding.incrementAndGet(), Math::max);
              admittedCount.incrementAndGet();
              holding.decrementAndGet();
              a.permit().release();
            }
          }
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      threads.shutdownNow();
    }
    assertTrue(most.get() <= 3, "at most 3 at once, saw " + most.get());
    assertTrue(admittedCount.get() > 0);
    assertEquals(0, limiter.inFlight(), "every permit came back");
  }
}
