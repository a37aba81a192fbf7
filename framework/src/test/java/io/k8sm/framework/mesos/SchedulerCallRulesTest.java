package io.k8sm.framework.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k8sm.framework.pods.Backoff;
import io.k8sm.protocol.client.CallFailure;
import io.k8sm.protocol.client.Outbox;
import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;

/**
 * The outbox's decisions on scheduler calls under {@link SchedulerCallRules}, as plain tables: no
 * actor, no clock, no network.
 */
class SchedulerCallRulesTest {
  static final FrameworkID FW = FrameworkID.newBuilder().setValue("fw").build();
  static final CallFailure UNAVAILABLE = new CallFailure(CallFailure.Kind.UNDELIVERED, "503 no leader");
  static final CallFailure TIMEOUT = new CallFailure(CallFailure.Kind.UNCERTAIN, "no answer within 75 s");

  static Outbox<Call> outbox(int inFlight) {
    return new Outbox<>(inFlight, new Backoff(Duration.ofMillis(100), Duration.ofMillis(350))::delay,
        SchedulerCallRules.INSTANCE);
  }

  static Call decline(String offer) {
    return SchedulerCalls.decline(FW, new MesosCalls.Decline(List.of(OfferID.newBuilder().setValue(offer).build()), 5));
  }

  static Call accept(String offer) {
    return SchedulerCalls.accept(FW, new MesosCalls.Accept(List.of(OfferID.newBuilder().setValue(offer).build()),
        List.of(), 5));
  }

  static List<String> offers(List<Outbox.Entry<Call>> entries) {
    return entries.stream().map(e -> e.call().getType() + " " + (e.call().hasDecline()
        ? e.call().getDecline().getOfferIds(0).getValue() : e.call().hasAccept()
        ? e.call().getAccept().getOfferIds(0).getValue() : "")).toList();
  }

  @Test
  void neverHasMoreThanTheLimitInFlightAndQueuesTheRestInOrder() {
    Outbox<Call> o = outbox(2);
    List.of("a", "b", "c", "d").forEach(x -> o.add(decline(x)));
    List<Outbox.Entry<Call>> first = o.take();
    assertEquals(List.of("DECLINE a", "DECLINE b"), offers(first));
    assertEquals(List.of(), o.take(), "no slot free");
    assertEquals(2, o.queued());
    o.delivered(first.get(0).id());
    assertEquals(List.of("DECLINE c"), offers(o.take()));
    o.delivered(first.get(1).id());
    assertEquals(List.of("DECLINE d"), offers(o.take()));
  }

  @Test
  void anUndeliveredCallIsRetriedWithDoublingCappedWaitsAheadOfTheQueue() {
    Outbox<Call> o = outbox(1);
    o.add(decline("a"));
    o.add(decline("b"));
    Outbox.Entry<Call> a = o.take().get(0);
    List<Duration> waits = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Outbox.Retry<Call> r = assertInstanceOf(Outbox.Retry.class, o.failed(a.id(), UNAVAILABLE));
      waits.add(r.after());
      assertEquals(1, o.waiting());
      o.due(r.entry());
      a = o.take().get(0);
      assertEquals(List.of("DECLINE a"), offers(List.of(a)), "the retried call goes before b");
    }
    assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(350),
        Duration.ofMillis(350)), waits);
  }

  @Test
  void aTimedOutCallIsRetriedUnlessItIsAnAccept() {
    Outbox<Call> o = outbox(4);
    o.add(decline("a"));
    o.add(accept("b"));
    List<Outbox.Entry<Call>> sent = o.take();
    assertInstanceOf(Outbox.Retry.class, o.failed(sent.get(0).id(), TIMEOUT));
    Outbox.Drop<Call> drop = assertInstanceOf(Outbox.Drop.class, o.failed(sent.get(1).id(), TIMEOUT));
    assertTrue(drop.reason().contains("ACCEPT is never sent twice"), drop.reason());
    o.add(accept("c"));
    assertInstanceOf(Outbox.Retry.class, o.failed(o.take().get(0).id(), UNAVAILABLE),
        "an ACCEPT that surely never arrived is sent again");
  }

  @Test
  void aRefusedCallIsDroppedWithTheMastersReasonAndAStaleSubscriptionEndsEverything() {
    Outbox<Call> o = outbox(4);
    o.add(decline("a"));
    o.add(decline("b"));
    List<Outbox.Entry<Call>> sent = o.take();
    Outbox.Drop<Call> drop = assertInstanceOf(Outbox.Drop.class, o.failed(sent.get(0).id(),
        new CallFailure(CallFailure.Kind.REJECTED, "400 Failed to validate scheduler::Call")));
    assertTrue(drop.reason().contains("Failed to validate"), drop.reason());
    Outbox.Resubscribe<Call> stale = assertInstanceOf(Outbox.Resubscribe.class, o.failed(sent.get(1).id(),
        new CallFailure(CallFailure.Kind.STALE, "403 Framework is not subscribed")));
    assertTrue(stale.reason().contains("not subscribed"), stale.reason());
  }

  @Test
  void onlyTheNewestOfSuppressAndReviveCountsAndTheyGoOutOneAtATime() {
    Outbox<Call> o = outbox(4);
    Call suppress = SchedulerCalls.suppress(FW, List.of("*"));
    Call revive = SchedulerCalls.revive(FW, List.of("*"));
    o.add(suppress);
    Outbox.Entry<Call> first = o.take().get(0);
    o.add(revive);
    assertEquals(List.of(), o.take(), "REVIVE waits for the SUPPRESS in flight");
    Outbox.Drop<Call> replaced = o.add(suppress).orElseThrow();
    assertEquals(Call.Type.REVIVE, replaced.entry().call().getType(), "the waiting REVIVE is superseded");
    Outbox.Drop<Call> old = assertInstanceOf(Outbox.Drop.class, o.failed(first.id(), UNAVAILABLE));
    assertTrue(old.reason().contains("superseded"), "a failed older one is not retried: " + old.reason());
    assertEquals(1, o.take().size());
  }

  @Test
  void aNewerSwitchGoesOutWhileAnOlderOneWaitsToBeRetriedAndTheOlderIsThenDropped() {
    Outbox<Call> o = outbox(4);
    o.add(SchedulerCalls.suppress(FW, List.of("*")));
    Outbox.Retry<Call> r = assertInstanceOf(Outbox.Retry.class, o.failed(o.take().get(0).id(), UNAVAILABLE));
    o.add(SchedulerCalls.revive(FW, List.of("*")));
    assertEquals(Call.Type.REVIVE, o.take().get(0).call().getType());
    assertTrue(o.due(r.entry()).orElseThrow().reason().contains("SUPPRESS superseded by a later REVIVE"));
    assertEquals(List.of(), o.take());
  }
}
