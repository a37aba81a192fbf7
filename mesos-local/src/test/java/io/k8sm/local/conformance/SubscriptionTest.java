package io.k8sm.local.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

/** SUBSCRIBE, heartbeats, offers, failover, teardown and failover timeout (§2.2, §3). */
class SubscriptionTest extends ConformanceBase {

  @Test
  void subscribeOpensAStreamWithSubscribedThenHeartbeat() throws Exception {
    EventStream s = track(json.subscribe(PlainScheduler.framework("first").build()));
    assertEquals(200, s.status());
    assertEquals("application/json", s.response.headers().firstValue("Content-Type").orElse(""));
    UUID.fromString(s.streamId()); // a UUID, or this throws
    Event subscribed = s.poll(PlainScheduler.TIMEOUT);
    assertEquals(Event.Type.SUBSCRIBED, subscribed.getType());
    String frameworkId = subscribed.getSubscribed().getFrameworkId().getValue();
    String masterId = subscribed.getSubscribed().getMasterInfo().getId();
    assertEquals(masterId + "-0000", frameworkId);
    assertEquals(0.4, subscribed.getSubscribed().getHeartbeatIntervalSeconds(), 1e-9);
    assertEquals(mesos.port(), subscribed.getSubscribed().getMasterInfo().getPort());
    assertEquals(Event.Type.HEARTBEAT, s.poll(PlainScheduler.TIMEOUT).getType());
  }

  @Test
  void heartbeatsKeepComingAtTheConfiguredInterval() throws Exception {
    long start = System.nanoTime();
    Subscribed sub = subscribe(proto, "beats");
    sub.stream().await(Event.Type.HEARTBEAT); // the immediate one
    for (int i = 0; i < 3; i++) {
      sub.stream().await(Event.Type.HEARTBEAT);
    }
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    // three periodic heartbeats 400 ms apart cannot all have come before 1200 ms (timer slack aside)
    assertTrue(elapsedMillis >= 3 * 400 - 60, "3 heartbeats after " + elapsedMillis + " ms");
  }

  @Test
  void offersCarryEachAgentsResources() throws Exception {
    Subscribed sub = subscribe(json, "offers");
    List<Offer> offers = awaitOffers(sub.stream(), 2);
    Set<String> agents = offers.stream().map(o -> o.getAgentId().getValue()).collect(Collectors.toSet());
    assertEquals(2, agents.size(), "one offer per agent");
    String masterId = sub.event().getMasterInfo().getId();
    for (Offer o : offers) {
      assertTrue(o.getId().getValue().startsWith(masterId + "-O"), o.getId().getValue());
      assertTrue(o.getAgentId().getValue().startsWith(masterId + "-S"), o.getAgentId().getValue());
      assertEquals(sub.id(), o.getFrameworkId());
      assertTrue(o.getHostname().endsWith(".mesos-local"));
      assertEquals("*", o.getAllocationInfo().getRole());
      assertEquals(4.0, scalar(o, "cpus"));
      assertEquals(8192.0, scalar(o, "mem"));
      assertEquals(20000.0, scalar(o, "disk"));
      Resource ports = o.getResourcesList().stream().filter(r -> r.getName().equals("ports")).findFirst().orElseThrow();
      assertEquals(31000, ports.getRanges().getRange(0).getBegin());
      assertEquals(32000, ports.getRanges().getRange(0).getEnd());
      assertTrue(o.getResourcesList().stream().allMatch(r -> r.getAllocationInfo().getRole().equals("*")));
    }
  }

  @Test
  void failoverSendsErrorToTheOldStreamAndSubscribedToTheNew() throws Exception {
    FrameworkInfo info = PlainScheduler.framework("ha").setFailoverTimeout(60).build();
    Subscribed first = subscribe(json, info);
    awaitOffers(first.stream(), 2);
    Subscribed second = subscribe(proto, info.toBuilder().setId(first.id()).build());
    assertEquals(first.id(), second.id());
    assertNotEquals(first.stream().streamId(), second.stream().streamId());
    Event error = first.stream().await(Event.Type.ERROR);
    assertEquals("Framework failed over", error.getError().getMessage());
    first.stream().awaitEnd();
    // outstanding offers were dropped silently and are offered again on the new stream
    assertEquals(2, awaitOffers(second.stream(), 2).size());
    // the old stream id is stale now
    Call revive = PlainScheduler.call(Call.Type.REVIVE, first.id()).build();
    assertEquals(400, json.call(revive, first.stream().streamId()).statusCode());
    assertEquals(202, json.call(revive, second.stream().streamId()).statusCode());
  }

  @Test
  void teardownRemovesTheFrameworkForGood() throws Exception {
    Subscribed sub = subscribe(json, "short-lived");
    String taskId = Launching.launchOne(json, sub, awaitOffers(sub.stream(), 1).get(0), "t1");
    Launching.awaitRunning(json, sub, taskId);
    assertEquals(202, json.call(PlainScheduler.call(Call.Type.TEARDOWN, sub.id()).build(), sub.stream().streamId())
        .statusCode());
    sub.stream().awaitEnd();
    EventStream again = track(json.subscribe(PlainScheduler.framework("short-lived").setId(sub.id()).build()));
    assertEquals(200, again.status());
    Event error = again.await(Event.Type.ERROR);
    assertEquals("Framework has been removed", error.getError().getMessage());
    again.awaitEnd();
    // the task's resources are free again: a new framework is offered whole agents
    Subscribed other = subscribe(json, "next");
    for (Offer o : awaitOffers(other.stream(), 2)) {
      assertEquals(4.0, scalar(o, "cpus"));
    }
  }

  @Test
  void failoverTimeoutKillsTasksWhenTheSchedulerDoesNotComeBack() throws Exception {
    FrameworkInfo info = PlainScheduler.framework("mortal").setFailoverTimeout(0.3).build();
    Subscribed sub = subscribe(proto, info);
    Offer offer = awaitOffers(sub.stream(), 1).get(0);
    String taskId = Launching.launchOne(proto, sub, offer, "doomed");
    Launching.awaitRunning(proto, sub, taskId);
    sub.stream().close(); // the scheduler goes away and does not come back in time
    Subscribed observer = subscribe(json, "observer");
    // once the framework is removed its task is killed: all 4 cpus of the agent end up offered
    double offeredOnAgent = 0;
    while (offeredOnAgent < 4.0) {
      for (Offer o : observer.stream().await(Event.Type.OFFERS).getOffers().getOffersList()) {
        if (o.getAgentId().equals(offer.getAgentId())) {
          offeredOnAgent += scalar(o, "cpus");
        }
      }
    }
    assertEquals(4.0, offeredOnAgent, 1e-9);
    EventStream back = track(proto.subscribe(info.toBuilder().setId(sub.id()).build()));
    assertEquals("Framework has been removed", back.await(Event.Type.ERROR).getError().getMessage());
  }

  static double scalar(Offer o, String name) {
    return o.getResourcesList().stream().filter(r -> r.getName().equals(name))
        .mapToDouble(r -> r.getScalar().getValue()).sum();
  }
}
