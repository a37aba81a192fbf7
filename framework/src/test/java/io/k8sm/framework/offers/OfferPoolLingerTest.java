package io.k8sm.framework.offers;

import static io.k8sm.framework.offers.OfferPoolTest.EXEC;
import static io.k8sm.framework.offers.OfferPoolTest.task;
import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.TestProbe;
import io.k8sm.framework.mesos.MesosCalls;
import io.k8sm.framework.offers.OfferPoolTest.Fixture;
import io.k8sm.framework.testing.Offers;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.Offer;
import org.junit.jupiter.api.Test;

/** The pool with lingering ACCEPTs and idle offers held while pods keep asking. */
class OfferPoolLingerTest {

  static Fixture lingering(Duration ttl, Duration linger, Duration max) {
    return new Fixture(new OfferPool.Settings(ttl, 3600, 5, Duration.ofSeconds(10), Duration.ofMillis(300), List.of(),
        EXEC, new ExecutorCost(100, 64_000), new AcceptTiming(linger, max)));
  }

  static Reservation reserve(Fixture f, String pod, double cpus) {
    return f.request(pod, cpus, 64).expectMessageClass(OfferPool.OfferReserved.class).reservation();
  }

  @Test
  void podsArrivingOneAfterAnotherShareOneAcceptInsteadOfOneOfferEach() {
    Fixture f = lingering(Duration.ofSeconds(30), Duration.ofMillis(300), Duration.ofSeconds(5));
    Offer o = Offers.of("h", 4, 4096);
    f.offer(o, Offers.of("h2", 4, 4096));
    Reservation a = reserve(f, "default/a", 1);
    f.bridge.expectMessageClass(MesosCalls.Revive.class); // suppressed while idle: leftovers must come back
    f.pool.tell(new OfferPool.Commit(a.id(), task(a)));
    Reservation b = reserve(f, "default/b", 1); // arrives after a committed: without lingering a is gone
    f.pool.tell(new OfferPool.Commit(b.id(), task(b)));
    assertEquals("h", b.hostname());
    MesosCalls.Accept accept = f.bridge.expectMessageClass(MesosCalls.Accept.class, Duration.ofSeconds(3));
    assertEquals(List.of(o.getId()), accept.offerIds());
    assertEquals(2, accept.operations().get(0).getLaunch().getTaskInfosCount());
    assertEquals(0, accept.refuseSeconds()); // pods are arriving: the agent's leftovers come back at once
  }

  @Test
  void aFullOfferIsAcceptedWithoutWaiting() {
    Fixture f = lingering(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(20));
    f.offer(Offers.of("h", 2, 4096));
    Reservation a = reserve(f, "default/a", 1.9); // 0.1 cpu goes to the executor: nothing left
    f.bridge.expectMessageClass(MesosCalls.Revive.class);
    f.pool.tell(new OfferPool.Commit(a.id(), task(a)));
    f.bridge.expectMessageClass(MesosCalls.Accept.class, Duration.ofSeconds(2));
  }

  @Test
  void anIdleOfferIsHeldPastItsTtlWhilePodsKeepAsking() {
    Fixture f = lingering(Duration.ofMillis(300), Duration.ZERO, Duration.ZERO);
    Offer o = Offers.of("h", 1, 512);
    f.offer(o);
    for (int i = 0; i < 8; i++) { // 800 ms of pods that fit nowhere (each too big)
      f.request("default/big-" + i, 8, 64).expectMessageClass(OfferPool.NoFit.class);
      sleep(100);
    }
    List<MesosCalls.Decline> early = declines(f, Duration.ofMillis(50));
    assertEquals(List.of(), early, "declined while pods were asking");
    MesosCalls.Decline d = declines(f, Duration.ofSeconds(2)).get(0);
    assertEquals(List.of(o.getId()), d.offerIds());
  }

  /** The Declines among the bridge's messages until it stays silent for {@code quiet}. */
  static List<MesosCalls.Decline> declines(Fixture f, Duration quiet) {
    List<MesosCalls.Decline> out = new java.util.ArrayList<>();
    try {
      while (true) {
        if (f.bridge.receiveMessage(quiet) instanceof MesosCalls.Decline d) out.add(d);
      }
    } catch (AssertionError silent) {
      return out;
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
