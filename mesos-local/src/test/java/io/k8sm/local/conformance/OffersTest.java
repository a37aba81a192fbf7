package io.k8sm.local.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

/** DECLINE filters, REVIVE, SUPPRESS and ACCEPT validation (§2.3, §2.6, §7). */
class OffersTest extends ConformanceBase {

  private static boolean offersAgent(Event e, Offer of) {
    return e.getType() == Event.Type.OFFERS
        && e.getOffers().getOffersList().stream().anyMatch(o -> o.getAgentId().equals(of.getAgentId()));
  }

  @Test
  void declinedAgentIsNotReofferedWithinRefuseSecondsButIsAfterRevive() throws Exception {
    Subscribed sub = subscribe(json, "decliner");
    List<Offer> offers = awaitOffers(sub.stream(), 2);
    Offer declined = offers.get(0);
    Launching.decline(json, sub, declined, 60);
    sub.stream().assertNone(e -> offersAgent(e, declined), Duration.ofMillis(800), "re-offer within refuse_seconds");
    assertEquals(202, json.call(PlainScheduler.call(Call.Type.REVIVE, sub.id()).build(), sub.stream().streamId())
        .statusCode());
    sub.stream().await(e -> offersAgent(e, declined), PlainScheduler.TIMEOUT, "re-offer after REVIVE");
  }

  @Test
  void zeroRefuseSecondsMeansNoFilter() throws Exception {
    Subscribed sub = subscribe(proto, "impatient");
    Offer declined = awaitOffers(sub.stream(), 2).get(0);
    Launching.decline(proto, sub, declined, 0);
    sub.stream().await(e -> offersAgent(e, declined), PlainScheduler.TIMEOUT, "re-offer");
  }

  @Test
  void expiredFilterLetsTheAgentBeOfferedAgain() throws Exception {
    Subscribed sub = subscribe(json, "short-filter");
    Offer declined = awaitOffers(sub.stream(), 2).get(0);
    Launching.decline(json, sub, declined, 0.5);
    sub.stream().await(e -> offersAgent(e, declined), PlainScheduler.TIMEOUT, "re-offer after the filter expired");
  }

  @Test
  void suppressStopsOffersAndReviveResumesThem() throws Exception {
    Subscribed sub = subscribe(json, "quiet");
    List<Offer> offers = awaitOffers(sub.stream(), 2);
    assertEquals(202, json.call(PlainScheduler.call(Call.Type.SUPPRESS, sub.id()).build(), sub.stream().streamId())
        .statusCode());
    for (Offer o : offers) {
      Launching.decline(json, sub, o, 0);
    }
    sub.stream().assertNone(e -> e.getType() == Event.Type.OFFERS, Duration.ofMillis(800), "offers while suppressed");
    json.call(PlainScheduler.call(Call.Type.REVIVE, sub.id()).build(), sub.stream().streamId());
    assertEquals(2, awaitOffers(sub.stream(), 2).size());
  }

  @Test
  void acceptWithAUsedOfferLosesItsTasks() throws Exception {
    Subscribed sub = subscribe(json, "reuser");
    Offer offer = awaitOffers(sub.stream(), 1).get(0);
    Launching.launchOne(json, sub, offer, "first");
    Launching.awaitState(sub.stream(), "first", TaskState.TASK_STARTING);
    json.call(Launching.accept(sub, offer, Launching.task("second", offer, 0.1, 32, "exec-x")), sub.stream().streamId());
    TaskStatus lost = Launching.awaitState(sub.stream(), "second", TaskState.TASK_LOST);
    assertEquals(TaskStatus.Reason.REASON_INVALID_OFFERS, lost.getReason());
    assertEquals(TaskStatus.Source.SOURCE_MASTER, lost.getSource());
    assertFalse(lost.hasUuid(), "master-generated updates carry no uuid");
  }

  @Test
  void partitionAwareFrameworksGetTaskDroppedForInvalidOffers() throws Exception {
    FrameworkInfo info = PlainScheduler.framework("aware").addCapabilities(FrameworkInfo.Capability.newBuilder()
        .setType(FrameworkInfo.Capability.Type.PARTITION_AWARE)).build();
    Subscribed sub = subscribe(proto, info);
    List<Offer> offers = awaitOffers(sub.stream(), 2);
    // offers of two agents in one ACCEPT are invalid
    Call accept = Launching.accept(sub, offers.get(0), Launching.task("split", offers.get(0), 0.1, 32, "e")).toBuilder()
        .setAccept(Launching.accept(sub, offers.get(0), Launching.task("split", offers.get(0), 0.1, 32, "e"))
            .getAccept().toBuilder().addOfferIds(offers.get(1).getId())).build();
    assertEquals(202, proto.call(accept, sub.stream().streamId()).statusCode());
    TaskStatus dropped = Launching.awaitState(sub.stream(), "split", TaskState.TASK_DROPPED);
    assertEquals(TaskStatus.Reason.REASON_INVALID_OFFERS, dropped.getReason());
  }

  @Test
  void invalidTasksGetTaskErrorWhileEarlierValidOnesLaunch() throws Exception {
    Subscribed sub = subscribe(json, "packer");
    List<Offer> offers = awaitOffers(sub.stream(), 2);
    Offer offer = offers.get(0);
    Offer other = offers.get(1);
    Call accept = Launching.accept(sub, offer,
        Launching.task("fits", offer, 1, 128, "shared"),
        Launching.task("too-big", offer, 3.5, 128, "shared2"),
        Launching.task("wrong-agent", other, 0.1, 32, "e3"),
        Launching.task("fits", offer, 0.1, 32, "shared"),
        Launching.task("also-fits", offer, 1, 128, "shared"));
    assertEquals(202, json.call(accept, sub.stream().streamId()).statusCode());
    for (String bad : new String[] {"too-big", "wrong-agent"}) {
      TaskStatus s = Launching.awaitState(sub.stream(), bad, TaskState.TASK_ERROR);
      assertEquals(TaskStatus.Reason.REASON_TASK_INVALID, s.getReason());
      assertFalse(s.hasUuid());
    }
    TaskStatus duplicate = sub.stream().await(e -> e.getType() == Event.Type.UPDATE
        && e.getUpdate().getStatus().getState() == TaskState.TASK_ERROR
        && e.getUpdate().getStatus().getMessage().contains("duplicate"), PlainScheduler.TIMEOUT, "duplicate id")
        .getUpdate().getStatus();
    assertEquals("fits", duplicate.getTaskId().getValue());
    Launching.awaitState(sub.stream(), "fits", TaskState.TASK_STARTING);
    Launching.awaitState(sub.stream(), "also-fits", TaskState.TASK_STARTING);
  }

  @Test
  void unusedResourcesAreDeclinedAndReofferedAsTheRemainder() throws Exception {
    Subscribed sub = subscribe(json, "leftovers");
    Offer offer = awaitOffers(sub.stream(), 2).get(0);
    Call accept = Launching.accept(sub, offer, Launching.task("half", offer, 1.5, 1000, "e")).toBuilder()
        .setAccept(Launching.accept(sub, offer, Launching.task("half", offer, 1.5, 1000, "e")).getAccept().toBuilder()
            .setFilters(org.apache.mesos.v1.Protos.Filters.newBuilder().setRefuseSeconds(0))).build();
    json.call(accept, sub.stream().streamId());
    Event again = sub.stream().await(e -> offersAgent(e, offer), PlainScheduler.TIMEOUT, "the remainder");
    Offer rest = again.getOffers().getOffersList().stream().filter(o -> o.getAgentId().equals(offer.getAgentId()))
        .findFirst().orElseThrow();
    // 4 - 1.5 (task) - 0.1 (new executor); 8192 - 1000 - 32
    assertEquals(2.4, SubscriptionTest.scalar(rest, "cpus"), 1e-9);
    assertEquals(7160, SubscriptionTest.scalar(rest, "mem"), 1e-9);
    assertTrue(rest.getExecutorIdsList().stream().anyMatch(id -> id.getValue().equals("e")),
        "offers list the framework's executors running on the agent");
  }
}
