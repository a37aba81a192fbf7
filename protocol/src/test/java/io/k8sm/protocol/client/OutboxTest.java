package io.k8sm.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The outbox's decisions as plain tables over calls written as strings ("SEND a"): no actor, no
 * clock, no network. The scheduler's and the executor's own rules are tested in their modules.
 */
class OutboxTest {
  static final CallFailure UNAVAILABLE = new CallFailure(CallFailure.Kind.UNDELIVERED, "503 no leader");
  static final CallFailure TIMEOUT = new CallFailure(CallFailure.Kind.UNCERTAIN, "no answer within 75 s");

  /** "ONCE x" may not be sent twice; "ON" and "OFF" set the switch; anything else is idempotent. */
  static final CallRules<String> RULES = new CallRules<>() {
    public String name(String call) {
      return call.split(" ")[0];
    }

    public boolean idempotent(String call) {
      return !call.startsWith("ONCE");
    }

    public boolean setsSwitch(String call) {
      return call.equals("ON") || call.equals("OFF");
    }
  };

  static Outbox<String> outbox(int inFlight) {
    return new Outbox<>(inFlight, attempt -> Duration.ofMillis(Math.min(100L << attempt, 350)), RULES);
  }

  static List<String> calls(List<Outbox.Entry<String>> entries) {
    return entries.stream().map(Outbox.Entry::call).toList();
  }

  @Test
  void neverHasMoreThanTheLimitInFlightAndQueuesTheRestInOrder() {
    Outbox<String> o = outbox(2);
    List.of("a", "b", "c", "d").forEach(x -> o.add("SEND " + x));
    List<Outbox.Entry<String>> first = o.take();
    assertEquals(List.of("SEND a", "SEND b"), calls(first));
    assertEquals(List.of(), o.take(), "no slot free");
    assertEquals(2, o.queued());
    o.delivered(first.get(0).id());
    assertEquals(List.of("SEND c"), calls(o.take()));
    o.delivered(first.get(1).id());
    assertEquals(List.of("SEND d"), calls(o.take()));
  }

  @Test
  void aFailedCallIsRetriedWithTheBackoffAheadOfTheQueue() {
    Outbox<String> o = outbox(1);
    o.add("SEND a");
    o.add("SEND b");
    Outbox.Entry<String> a = o.take().get(0);
    List<Duration> waits = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      Outbox.Retry<String> r = assertInstanceOf(Outbox.Retry.class, o.failed(a.id(), i % 2 == 0 ? UNAVAILABLE : TIMEOUT));
      waits.add(r.after());
      assertEquals(1, o.waiting());
      o.due(r.entry());
      a = o.take().get(0);
      assertEquals("SEND a", a.call(), "the retried call goes before b");
    }
    assertEquals(List.of(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(350),
        Duration.ofMillis(350)), waits);
  }

  @Test
  void aCallIsNeverInFlightTwiceAndLeavesOnceDelivered() {
    Outbox<String> o = outbox(4);
    o.add("SEND a");
    Outbox.Entry<String> a = o.take().get(0);
    assertEquals(List.of(), o.take(), "a is in flight: not handed out again");
    Outbox.Retry<String> r = assertInstanceOf(Outbox.Retry.class, o.failed(a.id(), UNAVAILABLE));
    assertEquals(List.of(), o.take(), "a waits out its backoff: not handed out meanwhile");
    o.due(r.entry());
    Outbox.Entry<String> again = o.take().get(0);
    assertEquals(a.id(), again.id());
    assertEquals(1, again.attempt());
    assertEquals(Optional.of(again), o.delivered(again.id()));
    assertEquals(Optional.empty(), o.delivered(again.id()), "delivered once");
    assertThrows(IllegalStateException.class, () -> o.failed(again.id(), UNAVAILABLE));
    assertEquals(0, o.queued() + o.inFlight() + o.waiting());
  }

  @Test
  void aCallThatMayHaveArrivedIsRetriedOnlyWhenIdempotent() {
    Outbox<String> o = outbox(4);
    o.add("SEND a");
    o.add("ONCE b");
    List<Outbox.Entry<String>> sent = o.take();
    assertInstanceOf(Outbox.Retry.class, o.failed(sent.get(0).id(), TIMEOUT));
    Outbox.Drop<String> drop = assertInstanceOf(Outbox.Drop.class, o.failed(sent.get(1).id(), TIMEOUT));
    assertTrue(drop.reason().contains("ONCE is never sent twice"), drop.reason());
    o.add("ONCE c");
    assertInstanceOf(Outbox.Retry.class, o.failed(o.take().get(0).id(), UNAVAILABLE),
        "a call that surely never arrived is sent again");
  }

  @Test
  void aRefusedCallIsDroppedWithTheReasonAndAStaleSubscriptionEndsEverything() {
    Outbox<String> o = outbox(4);
    o.add("SEND a");
    o.add("SEND b");
    List<Outbox.Entry<String>> sent = o.take();
    Outbox.Drop<String> drop = assertInstanceOf(Outbox.Drop.class, o.failed(sent.get(0).id(),
        new CallFailure(CallFailure.Kind.REJECTED, "400 Failed to validate")));
    assertTrue(drop.reason().contains("Failed to validate"), drop.reason());
    Outbox.Resubscribe<String> stale = assertInstanceOf(Outbox.Resubscribe.class, o.failed(sent.get(1).id(),
        new CallFailure(CallFailure.Kind.STALE, "403 Executor is not subscribed")));
    assertTrue(stale.reason().contains("not subscribed"), stale.reason());
  }

  @Test
  void onlyTheNewestSwitchCallCountsAndTheyGoOutOneAtATime() {
    Outbox<String> o = outbox(4);
    o.add("OFF");
    Outbox.Entry<String> first = o.take().get(0);
    o.add("ON");
    assertEquals(List.of(), o.take(), "ON waits for the OFF in flight");
    Outbox.Drop<String> replaced = o.add("OFF").orElseThrow();
    assertEquals("ON", replaced.entry().call(), "the waiting ON is superseded");
    Outbox.Drop<String> old = assertInstanceOf(Outbox.Drop.class, o.failed(first.id(), UNAVAILABLE));
    assertTrue(old.reason().contains("OFF superseded by a later OFF"), old.reason());
    assertEquals(1, o.take().size());
  }
}
