package io.k8sm.local.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import io.k8sm.local.master.Leadership;
import org.junit.jupiter.api.Test;

/** Fault injection as a scheduler sees it: lost agents, failed tasks, master restarts, leadership. */
class FaultsTest extends ConformanceBase {

  @Test
  void lostAgentRescindsItsOffersAndLosesItsTasks() throws Exception {
    Subscribed sub = subscribe(json, "survivor");
    List<Offer> offers = awaitOffers(sub.stream(), 2);
    Offer onDoomed = offers.get(0);
    Launching.launchOne(json, sub, onDoomed, "on-lost-agent");
    Launching.awaitRunning(json, sub, "on-lost-agent");
    Offer stillOut = sub.stream().await(e -> e.getType() == Event.Type.OFFERS && e.getOffers().getOffersList().stream()
        .anyMatch(o -> o.getAgentId().equals(onDoomed.getAgentId())), PlainScheduler.TIMEOUT, "remainder offer")
        .getOffers().getOffersList().stream().filter(o -> o.getAgentId().equals(onDoomed.getAgentId()))
        .findFirst().orElseThrow();
    assertTrue(mesos.faults().loseAgent(onDoomed.getAgentId()));
    Event rescind = sub.stream().await(Event.Type.RESCIND);
    assertEquals(stillOut.getId(), rescind.getRescind().getOfferId());
    TaskStatus lost = Launching.awaitState(sub.stream(), "on-lost-agent", TaskState.TASK_LOST);
    assertEquals(TaskStatus.Reason.REASON_AGENT_REMOVED, lost.getReason());
    assertEquals(TaskStatus.Source.SOURCE_MASTER, lost.getSource());
    assertFalse(lost.hasUuid());
    Event failure = sub.stream().await(Event.Type.FAILURE);
    assertEquals(onDoomed.getAgentId(), failure.getFailure().getAgentId());
    assertEquals(1, mesos.agents().size());
  }

  @Test
  void partitionAwareFrameworksSeeTaskUnreachable() throws Exception {
    FrameworkInfo info = PlainScheduler.framework("aware").addCapabilities(FrameworkInfo.Capability.newBuilder()
        .setType(FrameworkInfo.Capability.Type.PARTITION_AWARE)).build();
    Subscribed sub = subscribe(proto, info);
    Offer offer = awaitOffers(sub.stream(), 1).get(0);
    Launching.launchOne(proto, sub, offer, "partitioned");
    Launching.awaitRunning(proto, sub, "partitioned");
    mesos.faults().loseAgent(offer.getAgentId());
    TaskStatus s = Launching.awaitState(sub.stream(), "partitioned", TaskState.TASK_UNREACHABLE);
    assertEquals(TaskStatus.Reason.REASON_AGENT_REMOVED, s.getReason());
    assertTrue(s.hasUnreachableTime());
  }

  @Test
  void randomAgentLossIsReproducibleForASeed() throws Exception {
    var first = mesos.faults().loseRandomAgent().orElseThrow().getValue();
    String firstIndex = first.substring(first.lastIndexOf("-S"));
    stopMesosLocal();
    startMesosLocal();
    var second = mesos.faults().loseRandomAgent().orElseThrow().getValue();
    assertEquals(firstIndex, second.substring(second.lastIndexOf("-S")));
  }

  @Test
  void failedTaskReportsTaskFailedWithTheMessage() throws Exception {
    Subscribed sub = subscribe(json, "unlucky");
    Launching.launchOne(json, sub, awaitOffers(sub.stream(), 1).get(0), "fragile");
    Launching.awaitRunning(json, sub, "fragile");
    assertTrue(mesos.faults().failTask(TaskID.newBuilder().setValue("fragile").build(), "out of luck"));
    TaskStatus failed = Launching.awaitState(sub.stream(), "fragile", TaskState.TASK_FAILED);
    assertEquals("out of luck", failed.getMessage());
    assertEquals(16, failed.getUuid().size());
  }

  @Test
  void masterRestartKeepingStateDropsStreamsButKeepsTasks() throws Exception {
    FrameworkInfo info = PlainScheduler.framework("steady").setFailoverTimeout(3600).build();
    Subscribed sub = subscribe(json, info);
    Launching.launchOne(json, sub, awaitOffers(sub.stream(), 1).get(0), "keeper");
    Launching.awaitRunning(json, sub, "keeper");
    mesos.faults().restartMaster(false);
    sub.stream().awaitEnd();
    Subscribed again = subscribe(json, info.toBuilder().setId(sub.id()).build());
    assertEquals(sub.id(), again.id());
    assertEquals(sub.event().getMasterInfo().getId(), again.event().getMasterInfo().getId());
    json.call(PlainScheduler.call(Call.Type.RECONCILE, again.id()).setReconcile(Call.Reconcile.newBuilder()).build(),
        again.stream().streamId());
    assertEquals(TaskState.TASK_RUNNING, Launching.awaitState(again.stream(), "keeper", TaskState.TASK_RUNNING).getState());
  }

  @Test
  void masterRestartWipingStateForgetsFrameworksUntilTheyResubscribe() throws Exception {
    FrameworkInfo info = PlainScheduler.framework("returning").setFailoverTimeout(3600).build();
    Subscribed sub = subscribe(proto, info);
    Launching.launchOne(proto, sub, awaitOffers(sub.stream(), 1).get(0), "relearned");
    Launching.awaitRunning(proto, sub, "relearned");
    mesos.faults().restartMaster(true);
    sub.stream().awaitEnd();
    var r = proto.call(PlainScheduler.call(Call.Type.REVIVE, sub.id()).build(), sub.stream().streamId());
    assertEquals(400, r.statusCode());
    assertEquals("Framework cannot be found", r.body());
    Subscribed again = subscribe(proto, info.toBuilder().setId(sub.id()).build());
    assertEquals(sub.id(), again.id());
    assertNotEquals(sub.event().getMasterInfo().getId(), again.event().getMasterInfo().getId(), "a new master");
    proto.call(PlainScheduler.call(Call.Type.RECONCILE, again.id()).setReconcile(Call.Reconcile.newBuilder()).build(),
        again.stream().streamId());
    Launching.awaitState(again.stream(), "relearned", TaskState.TASK_RUNNING);
  }

  @Test
  void droppedSubscriptionDisconnectsTheFramework() throws Exception {
    Subscribed sub = subscribe(json, PlainScheduler.framework("dropped").setFailoverTimeout(60).build());
    assertEquals(1, mesos.faults().dropSubscriptions());
    sub.stream().awaitEnd();
  }

  @Test
  void standbyRedirectsAndNoLeaderIsUnavailable() throws Exception {
    mesos.faults().leadership(new Leadership(Leadership.Mode.STANDBY, "leader.example:5050"));
    byte[] body = json.encode(PlainScheduler.subscribeCall(PlainScheduler.framework("x").build())).toArray();
    var r = json.raw("POST", body, Map.of("Content-Type", "application/json"));
    assertEquals(307, r.statusCode());
    assertEquals("//leader.example:5050/api/v1/scheduler", r.headers().firstValue("Location").orElse(""));
    mesos.faults().leadership(new Leadership(Leadership.Mode.NO_LEADER, ""));
    assertEquals(503, json.raw("POST", body, Map.of("Content-Type", "application/json")).statusCode());
    mesos.faults().leadership(Leadership.LEADER);
    subscribe(json, "after-election");
  }

  @Test
  void slowResponsesAreDelayed() throws Exception {
    Subscribed sub = subscribe(json, "patient");
    mesos.faults().slowResponses(Duration.ofMillis(600));
    long start = System.nanoTime();
    assertEquals(202, json.call(PlainScheduler.call(Call.Type.REVIVE, sub.id()).build(), sub.stream().streamId())
        .statusCode());
    assertTrue((System.nanoTime() - start) / 1_000_000 >= 590, "the answer came before the injected delay");
  }
}
