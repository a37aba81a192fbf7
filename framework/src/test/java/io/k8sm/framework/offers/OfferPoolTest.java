package io.k8sm.framework.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import io.k8sm.framework.mesos.MesosBridge;
import io.k8sm.framework.mesos.MesosCalls;
import io.k8sm.framework.store.ObjectStore;
import io.k8sm.framework.testing.Offers;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class OfferPoolTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final ExecutorID EXEC = ExecutorID.newBuilder().setValue("k8sm-exec").build();

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  /** A pool with a bridge probe, just subscribed with nobody waiting (its Suppress consumed). */
  static final class Fixture {
    final TestProbe<MesosBridge.Command> bridge = kit.createTestProbe();
    final TestProbe<ObjectStore.Command> store = kit.createTestProbe();
    final AtomicReference<OfferPoolSnapshot> snapshot = new AtomicReference<>();
    final ActorRef<OfferPool.Command> pool;

    Fixture(Duration ttl, List<String> machines) {
      this(new OfferPool.Settings(ttl, 3600, 5, Duration.ofSeconds(10), Duration.ofMillis(300), machines, EXEC,
          new ExecutorCost(100, 64_000)));
    }

    Fixture(OfferPool.Settings s) {
      pool = kit.spawn(OfferPool.create(s, bridge.getRef(), store.getRef(), snapshot::set));
      pool.tell(new OfferPool.OffersInvalidated("subscribed"));
      bridge.expectMessageClass(MesosCalls.Suppress.class);
    }

    Fixture() {
      this(Duration.ofSeconds(30), List.of());
    }

    TestProbe<OfferPool.Reply> request(String pod, double cpus, double mem, Integer... ports) {
      TestProbe<OfferPool.Reply> probe = kit.createTestProbe();
      pool.tell(new OfferPool.RequestOffer(pod, new PodShape(Scalars.toMillis(cpus), Scalars.toMillis(mem), 0,
          List.of(ports)), probe.getRef()));
      return probe;
    }

    void offer(Offer... offers) {
      pool.tell(new OfferPool.OffersReceived(List.of(offers)));
    }
  }

  static TaskInfo task(Reservation r) {
    return TaskInfo.newBuilder().setName(r.podKey()).setTaskId(TaskID.newBuilder().setValue(r.podKey()))
        .setAgentId(r.agentId()).addAllResources(r.resources()).build();
  }

  @Test
  void podWaitsWhenNoOfferHasItsHostPortAndWakesWhenOneArrives() {
    Fixture f = new Fixture();
    f.offer(Offers.of("h1", 4, 4096, 31000, 31010));
    TestProbe<OfferPool.Reply> pod = f.request("default/web", 1, 128, 8080);
    assertEquals("no offered range contains port 8080", pod.expectMessageClass(OfferPool.NoFit.class).reason());
    f.bridge.awaitAssert(() -> { assertTrue(f.snapshot.get().waiting().containsKey("default/web")); return null; });
    f.offer(Offers.of("h2", 4, 4096, 8000, 9000));
    Reservation r = pod.expectMessageClass(OfferPool.OfferReserved.class).reservation();
    assertEquals("h2", r.hostname());
    assertEquals(List.of(8080), r.hostPorts());
  }

  @Test
  void declinesUnusableOffersAtOnceWithALongFilter() {
    Fixture f = new Fixture(Duration.ofSeconds(30), List.of("good"));
    Offer elsewhere = Offers.of("other", 4, 4096);
    f.offer(elsewhere, Offers.of("good", 4, 4096));
    MesosCalls.Decline d = f.bridge.expectMessageClass(MesosCalls.Decline.class);
    assertEquals(List.of(elsewhere.getId()), d.offerIds());
    assertEquals(3600, d.refuseSeconds());
    f.bridge.awaitAssert(() -> { assertEquals(1, f.snapshot.get().offersHeld()); return null; });
  }

  @Test
  void declinesAnIdleOfferAfterItsTtlWithAShortFilter() {
    Fixture f = new Fixture(Duration.ofMillis(200), List.of());
    Offer o = Offers.of("h", 1, 512);
    f.offer(o);
    MesosCalls.Decline d = f.bridge.expectMessageClass(MesosCalls.Decline.class, Duration.ofSeconds(3));
    assertEquals(List.of(o.getId()), d.offerIds());
    assertEquals(5, d.refuseSeconds());
  }

  @Test
  void suppressesOnceNoPodHasAskedForATtlAndRevivesWhenAPodArrives() {
    Fixture f = new Fixture(Duration.ofMillis(400), List.of());
    TestProbe<OfferPool.Reply> pod = f.request("default/a", 1, 128);
    pod.expectMessageClass(OfferPool.NoFit.class);
    f.bridge.expectMessageClass(MesosCalls.Revive.class);
    f.offer(Offers.of("h", 2, 1024));
    Reservation r = pod.expectMessageClass(OfferPool.OfferReserved.class).reservation();
    f.pool.tell(new OfferPool.Commit(r.id(), task(r)));
    assertEquals(0.0, f.bridge.expectMessageClass(MesosCalls.Accept.class).refuseSeconds(),
        "while pods ask, the agent's leftovers should come back at the next allocation");
    f.bridge.expectNoMessage(Duration.ofMillis(200));
    f.bridge.expectMessageClass(MesosCalls.Suppress.class, Duration.ofSeconds(2));
    f.bridge.awaitAssert(() -> { assertTrue(f.snapshot.get().suppressed()); return null; });
  }

  @Test
  void aPodTakingAHeldOfferWhileSuppressedRevivesSoTheAgentsLeftoversComeBack() {
    Fixture f = new Fixture();
    f.offer(Offers.of("h", 2, 1024));
    Reservation r = f.request("default/a", 1, 128).expectMessageClass(OfferPool.OfferReserved.class).reservation();
    f.bridge.expectMessageClass(MesosCalls.Revive.class);
    f.pool.tell(new OfferPool.Commit(r.id(), task(r)));
    f.bridge.expectMessageClass(MesosCalls.Accept.class);
    f.bridge.expectNoMessage(Duration.ofMillis(300)); // pods asked within the TTL: no SUPPRESS
  }

  @Test
  void aPodArrivingWhileAReviveCoolsDownGetsItsReviveWhenTheCooldownEnds() {
    Fixture f = new Fixture();
    f.request("default/a", 1, 128).expectMessageClass(OfferPool.NoFit.class);
    f.bridge.expectMessageClass(MesosCalls.Revive.class);
    f.offer(Offers.of("h", 1.2, 1024));
    // a takes what fits; b arrives within the 300 ms cooldown and fits nothing held.
    f.request("default/b", 1, 128).expectMessageClass(OfferPool.NoFit.class);
    f.bridge.expectMessageClass(MesosCalls.Revive.class, Duration.ofSeconds(2));
  }

  @Test
  void aWaiterThatArrivedDuringNoCooldownCausesNoExtraRevive() {
    Fixture f = new Fixture();
    f.request("default/a", 64, 128).expectMessageClass(OfferPool.NoFit.class);
    f.bridge.expectMessageClass(MesosCalls.Revive.class);
    f.bridge.expectNoMessage(Duration.ofMillis(600));
  }

  @Test
  void prefersAnAgentAlreadyRunningOurExecutorOverAnEarlierFreshOne() {
    Fixture f = new Fixture();
    f.offer(Offers.of("fresh", 4, 1024), Offers.withExecutor(Offers.of("used", 4, 1024), EXEC));
    Reservation r = f.request("default/a", 0.5, 128).expectMessageClass(OfferPool.OfferReserved.class).reservation();
    assertEquals("used", r.hostname());
  }

  @Test
  void bestFitSendsAPodToTheFullestAgentThatTakesItNotTheOldestOffer() {
    Fixture f = new Fixture();
    f.offer(Offers.withExecutor(Offers.of("roomy", 4, 4096), EXEC),
        Offers.withExecutor(Offers.of("too-small", 0.3, 4096), EXEC),
        Offers.withExecutor(Offers.of("leftover", 0.6, 4096), EXEC),
        Offers.of("fresh-small", 0.6, 4096));
    Reservation r = f.request("default/a", 0.5, 128).expectMessageClass(OfferPool.OfferReserved.class).reservation();
    assertEquals("leftover", r.hostname(), "the least room that still fits, among agents running our executor");
    Reservation next = f.request("default/b", 0.5, 128).expectMessageClass(OfferPool.OfferReserved.class).reservation();
    assertEquals("roomy", next.hostname(), "the leftover is used up; a fresh agent only when no used one fits");
  }

  @Test
  void packsPodsOnOneOfferIntoOneAccept() {
    Fixture f = new Fixture();
    Offer o = Offers.of("h", 2, 1024, 31000, 31001);
    f.offer(o);
    TestProbe<OfferPool.Reply> a = f.request("default/a", 0.5, 256, 31000);
    TestProbe<OfferPool.Reply> b = f.request("default/b", 0.5, 256, 31001);
    Reservation ra = a.expectMessageClass(OfferPool.OfferReserved.class).reservation();
    Reservation rb = b.expectMessageClass(OfferPool.OfferReserved.class).reservation();
    f.bridge.expectMessageClass(MesosCalls.Revive.class); // the pool was suppressed: the agent's leftovers come back
    f.pool.tell(new OfferPool.Commit(ra.id(), task(ra)));
    f.bridge.expectNoMessage(Duration.ofMillis(100));
    f.pool.tell(new OfferPool.Commit(rb.id(), task(rb)));
    MesosCalls.Accept accept = f.bridge.expectMessageClass(MesosCalls.Accept.class);
    assertEquals(List.of(o.getId()), accept.offerIds());
    assertEquals(1, accept.operations().size());
    assertEquals(2, accept.operations().get(0).getLaunch().getTaskInfosCount());
    f.bridge.awaitAssert(() -> { assertEquals(2, f.snapshot.get().launches()); return null; });
  }

  @Test
  void releaseGivesResourcesToTheNextWaiter() {
    Fixture f = new Fixture();
    f.offer(Offers.of("h", 1.1, 1024, 31000, 31000));
    TestProbe<OfferPool.Reply> a = f.request("default/a", 1, 256, 31000);
    Reservation ra = a.expectMessageClass(OfferPool.OfferReserved.class).reservation();
    TestProbe<OfferPool.Reply> b = f.request("default/b", 1, 256, 31000);
    b.expectMessageClass(OfferPool.NoFit.class);
    f.pool.tell(new OfferPool.Release(ra.id()));
    assertEquals("default/b", b.expectMessageClass(OfferPool.OfferReserved.class).reservation().podKey());
  }

  @Test
  void firstComeFirstServedAndTheOldestWaiterNeverStarves() {
    Fixture f = new Fixture();
    TestProbe<OfferPool.Reply> big = f.request("default/big", 3, 256);
    big.expectMessageClass(OfferPool.NoFit.class);
    TestProbe<OfferPool.Reply> small = f.request("default/small", 1, 256);
    small.expectMessageClass(OfferPool.NoFit.class);
    f.offer(Offers.of("h", 1.5, 1024));
    small.expectMessageClass(OfferPool.OfferReserved.class);
    OfferPool.NoFit still = big.expectMessageClass(OfferPool.NoFit.class);
    assertTrue(still.reason().startsWith("needs 3 cpus"), still.reason());
    TestProbe<OfferPool.Reply> later = f.request("default/later", 1, 256);
    later.expectMessageClass(OfferPool.NoFit.class);
    f.offer(Offers.of("h2", 4, 1024));
    big.expectMessageClass(OfferPool.OfferReserved.class);
    later.expectMessageClass(OfferPool.NoFit.class);
  }

  @Test
  void rescindWhilePodHoldsAReservationTellsThePodAndNeverAccepts() {
    Fixture f = new Fixture();
    Offer o = Offers.of("h", 2, 1024);
    f.offer(o);
    TestProbe<OfferPool.Reply> pod = f.request("default/a", 1, 256);
    Reservation r = pod.expectMessageClass(OfferPool.OfferReserved.class).reservation();
    f.bridge.expectMessageClass(MesosCalls.Revive.class);
    f.pool.tell(new OfferPool.OfferRescinded(o.getId()));
    OfferPool.ReservationLost lost = pod.expectMessageClass(OfferPool.ReservationLost.class);
    assertEquals(r.id(), lost.reservationId());
    f.pool.tell(new OfferPool.Commit(r.id(), task(r)));
    f.bridge.expectNoMessage(Duration.ofMillis(300)); // above all, no ACCEPT with a rescinded offer
    f.bridge.awaitAssert(() -> { assertEquals(1, f.snapshot.get().rescinds()); return null; });
  }

  @Test
  void newSubscriptionDropsEveryOfferAndRevivesForWaiters() {
    Fixture f = new Fixture();
    f.offer(Offers.of("h", 1, 1024));
    TestProbe<OfferPool.Reply> pod = f.request("default/a", 2, 256);
    pod.expectMessageClass(OfferPool.NoFit.class);
    f.bridge.expectMessageClass(MesosCalls.Revive.class);
    f.pool.tell(new OfferPool.OffersInvalidated("resubscribed"));
    f.bridge.expectMessageClass(MesosCalls.Revive.class);
    f.bridge.awaitAssert(() -> { assertEquals(0, f.snapshot.get().offersHeld()); return null; });
  }

  @Test
  void withdrawnPodNoLongerWaits() {
    Fixture f = new Fixture(Duration.ofMillis(300), List.of());
    f.request("default/a", 8, 256).expectMessageClass(OfferPool.NoFit.class);
    f.pool.tell(new OfferPool.Withdraw("default/a"));
    f.offer(Offers.of("h", 16, 4096));
    f.bridge.fishForMessage(Duration.ofSeconds(3), m -> m instanceof MesosCalls.Suppress
        ? akka.actor.testkit.typed.javadsl.FishingOutcomes.complete()
        : akka.actor.testkit.typed.javadsl.FishingOutcomes.continueAndIgnore());
    f.bridge.awaitAssert(() -> { assertTrue(f.snapshot.get().waiting().isEmpty()); return null; });
    f.bridge.awaitAssert(() -> { assertEquals(0, f.snapshot.get().reservations()); return null; });
  }
}
