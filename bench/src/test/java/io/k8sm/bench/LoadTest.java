package io.k8sm.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** How answers are counted: a 429 is load the server shed, counted apart from errors and latencies. */
class LoadTest {

  /** Answers by index: 0 -> 201, 1 -> 429, 2 -> 500, 3 -> an exception. */
  static int answer(int i) throws Exception {
    return switch (i % 4) {
      case 0 -> 201;
      case 1 -> Load.REFUSED;
      case 2 -> 500;
      default -> throw new java.io.IOException("timed out");
    };
  }

  @Test
  void closedLoopCountsRefusalsApartFromErrors() throws Exception {
    Load load = new Load();
    load.closedLoop(40, 4, 201, LoadTest::answer);
    assertEquals(40, load.done.get());
    assertEquals(10, load.refused.get());
    assertEquals(20, load.errors.get());
    assertEquals(Map.of("HTTP 500", 10, "IOException", 10), counts(load));
    assertEquals(30, load.latency().getTotalCount(), "worked-on requests only");
    assertEquals(10, load.refusedLatency().getTotalCount());
  }

  @Test
  void openLoopCountsRefusalsAndSkipsCallsWithNothingToSend() throws Exception {
    Load load = new Load();
    AtomicInteger sent = new AtomicInteger();
    List<Load.Planned> plan = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      plan.add(new Load.Planned(0, i, true, k -> {
        sent.incrementAndGet();
        try {
          return CompletableFuture.completedFuture(answer(k));
        } catch (Exception e) {
          return CompletableFuture.failedFuture(e);
        }
      }));
    }
    plan.add(new Load.Planned(0, 8, false, k -> null));
    load.openLoop(plan, Load.newIntendedMap());
    assertEquals(8, sent.get());
    assertEquals(8, load.done.get(), "the skipped call is not an answer");
    assertEquals(2, load.refused.get());
    assertEquals(4, load.errors.get());
    assertEquals(6, load.latency().getTotalCount());
    assertEquals(2, load.refusedLatency().getTotalCount());
  }

  static Map<String, Integer> counts(Load load) {
    Map<String, Integer> out = new java.util.HashMap<>();
    load.errorKinds.forEach((k, v) -> out.put(k, v.get()));
    return out;
  }
}
