package io.k8sm.local.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

/** Launch, reliable updates, acknowledgements, reconciliation, kill and messages (§4, §5). */
class TaskLifecycleTest extends ConformanceBase {

  private static boolean isUpdate(Event e, String taskId) {
    return e.getType() == Event.Type.UPDATE && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId);
  }

  private static boolean isReconciliation(Event e) {
    return e.getType() == Event.Type.UPDATE
        && e.getUpdate().getStatus().getReason() == TaskStatus.Reason.REASON_RECONCILIATION;
  }

  @Test
  void launchedTaskReportsStartingThenRunningFromItsExecutor() throws Exception {
    Subscribed sub = subscribe(proto, "launcher");
    Offer offer = awaitOffers(sub.stream(), 1).get(0);
    Launching.launchOne(proto, sub, offer, "web-1");
    TaskStatus starting = Launching.awaitState(sub.stream(), "web-1", TaskState.TASK_STARTING);
    assertEquals(16, starting.getUuid().size());
    assertEquals(TaskStatus.Source.SOURCE_EXECUTOR, starting.getSource());
    assertEquals("exec-web-1", starting.getExecutorId().getValue());
    assertEquals(offer.getAgentId(), starting.getAgentId());
    Launching.ack(proto, sub, starting);
    TaskStatus running = Launching.awaitState(sub.stream(), "web-1", TaskState.TASK_RUNNING);
    assertEquals(16, running.getUuid().size());
    assertFalse(running.getUuid().equals(starting.getUuid()));
  }

  @Test
  void unacknowledgedUpdateIsRedeliveredAndHoldsBackTheNextOne() throws Exception {
    Subscribed sub = subscribe(json, "forgetful");
    Launching.launchOne(json, sub, awaitOffers(sub.stream(), 1).get(0), "t");
    TaskStatus first = Launching.awaitState(sub.stream(), "t", TaskState.TASK_STARTING);
    // not acknowledged: the same update (same uuid) comes again, RUNNING does not come at all
    Event again = sub.stream().await(e -> isUpdate(e, "t"), PlainScheduler.TIMEOUT, "redelivery");
    assertEquals(TaskState.TASK_STARTING, again.getUpdate().getStatus().getState());
    assertEquals(first.getUuid(), again.getUpdate().getStatus().getUuid());
    Launching.ack(json, sub, first);
    TaskStatus running = Launching.awaitState(sub.stream(), "t", TaskState.TASK_RUNNING);
    Launching.ack(json, sub, running);
    // a retry the master sent before it took the ack may still be on its way; then nothing more
    sub.stream().assertNone(e -> isUpdate(e, "t") && !e.getUpdate().getStatus().getUuid().equals(running.getUuid()),
        Duration.ofMillis(300), "another update");
    sub.stream().assertNone(e -> isUpdate(e, "t"), Duration.ofMillis(1200), "update after ack");
  }

  @Test
  void acknowledgementWithAnotherUuidDoesNotStopRedelivery() throws Exception {
    Subscribed sub = subscribe(json, "sloppy");
    Launching.launchOne(json, sub, awaitOffers(sub.stream(), 1).get(0), "t");
    TaskStatus first = Launching.awaitState(sub.stream(), "t", TaskState.TASK_STARTING);
    Launching.ack(json, sub, first.toBuilder().setUuid(ByteString.copyFrom(new byte[16])).build());
    assertEquals(first.getUuid(),
        Launching.awaitState(sub.stream(), "t", TaskState.TASK_STARTING).getUuid());
  }

  @Test
  void explicitAndImplicitReconciliation() throws Exception {
    Subscribed sub = subscribe(proto, "reconciler");
    Offer offer = awaitOffers(sub.stream(), 1).get(0);
    Launching.launchOne(proto, sub, offer, "known");
    Launching.awaitRunning(proto, sub, "known");
    Call explicit = PlainScheduler.call(Call.Type.RECONCILE, sub.id()).setReconcile(Call.Reconcile.newBuilder()
        .addTasks(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue("known")))
        .addTasks(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue("never-launched"))
            .setAgentId(offer.getAgentId()))
        .addTasks(Call.Reconcile.Task.newBuilder().setTaskId(TaskID.newBuilder().setValue("nowhere"))
            .setAgentId(AgentID.newBuilder().setValue("no-such-agent")))).build();
    assertEquals(202, proto.call(explicit, sub.stream().streamId()).statusCode());
    Map<String, TaskStatus> answers = new HashMap<>();
    while (answers.size() < 3) {
      TaskStatus s = sub.stream().await(TaskLifecycleTest::isReconciliation, PlainScheduler.TIMEOUT, "an answer")
          .getUpdate().getStatus();
      answers.put(s.getTaskId().getValue(), s);
    }
    assertEquals(TaskState.TASK_RUNNING, answers.get("known").getState());
    assertEquals(TaskState.TASK_LOST, answers.get("never-launched").getState(), "not partition aware");
    assertEquals(TaskState.TASK_LOST, answers.get("nowhere").getState());
    for (TaskStatus s : answers.values()) {
      assertEquals(TaskStatus.Source.SOURCE_MASTER, s.getSource());
      assertEquals(TaskStatus.Reason.REASON_RECONCILIATION, s.getReason());
      assertFalse(s.hasUuid(), "reconciliation answers are not acknowledged");
    }
    Call implicit = PlainScheduler.call(Call.Type.RECONCILE, sub.id()).setReconcile(Call.Reconcile.newBuilder()).build();
    proto.call(implicit, sub.stream().streamId());
    TaskStatus all = sub.stream().await(TaskLifecycleTest::isReconciliation, PlainScheduler.TIMEOUT, "an answer")
        .getUpdate().getStatus();
    assertEquals("known", all.getTaskId().getValue());
    assertEquals(TaskState.TASK_RUNNING, all.getState());
    assertEquals(TaskStatus.Reason.REASON_RECONCILIATION, all.getReason());
    sub.stream().assertNone(TaskLifecycleTest::isReconciliation, Duration.ofMillis(500), "more implicit answers");
  }

  @Test
  void killEndsInTaskKilledAndFreesTheResources() throws Exception {
    Subscribed sub = subscribe(json, "killer");
    Offer offer = awaitOffers(sub.stream(), 2).get(0);
    Launching.launchOne(json, sub, offer, "victim");
    Launching.awaitRunning(json, sub, "victim");
    Call kill = PlainScheduler.call(Call.Type.KILL, sub.id()).setKill(Call.Kill.newBuilder()
        .setTaskId(TaskID.newBuilder().setValue("victim")).setAgentId(offer.getAgentId())).build();
    assertEquals(202, json.call(kill, sub.stream().streamId()).statusCode());
    TaskStatus killed = Launching.awaitState(sub.stream(), "victim", TaskState.TASK_KILLED);
    assertTrue(killed.hasUuid());
    Launching.ack(json, sub, killed);
    // reconciliation no longer knows the task once its terminal update was acknowledged
    Call explicit = PlainScheduler.call(Call.Type.RECONCILE, sub.id()).setReconcile(Call.Reconcile.newBuilder()
        .addTasks(Call.Reconcile.Task.newBuilder().setTaskId(killed.getTaskId()).setAgentId(offer.getAgentId())))
        .build();
    json.call(explicit, sub.stream().streamId());
    assertEquals(TaskState.TASK_LOST, Launching.awaitState(sub.stream(), "victim", TaskState.TASK_LOST).getState());
  }

  @Test
  void killOfAnUnknownTaskIsAnsweredByReconciliation() throws Exception {
    Subscribed sub = subscribe(json, "confused");
    Call kill = PlainScheduler.call(Call.Type.KILL, sub.id()).setKill(Call.Kill.newBuilder()
        .setTaskId(TaskID.newBuilder().setValue("ghost"))).build();
    json.call(kill, sub.stream().streamId());
    TaskStatus s = Launching.awaitState(sub.stream(), "ghost", TaskState.TASK_LOST);
    assertEquals(TaskStatus.Reason.REASON_RECONCILIATION, s.getReason());
  }

  @Test
  void messagesReachTheExecutorAndComeBack() throws Exception {
    Subscribed sub = subscribe(proto, "chatty");
    Offer offer = awaitOffers(sub.stream(), 1).get(0);
    Launching.launchOne(proto, sub, offer, "talker");
    Launching.awaitRunning(proto, sub, "talker");
    Call message = PlainScheduler.call(Call.Type.MESSAGE, sub.id()).setMessage(Call.Message.newBuilder()
        .setAgentId(offer.getAgentId()).setExecutorId(org.apache.mesos.v1.Protos.ExecutorID.newBuilder()
            .setValue("exec-talker")).setData(ByteString.copyFromUtf8("ping"))).build();
    assertEquals(202, proto.call(message, sub.stream().streamId()).statusCode());
    Event echo = sub.stream().await(Event.Type.MESSAGE);
    assertEquals("ping", echo.getMessage().getData().toStringUtf8());
    assertEquals("exec-talker", echo.getMessage().getExecutorId().getValue());
  }

  @Test
  void tasksOfOneExecutorShareItAndPayForItOnce() throws Exception {
    Subscribed sub = subscribe(json, "sharing");
    Offer offer = awaitOffers(sub.stream(), 2).get(0);
    // 2 x 1.95 cpus + one executor of 0.1 = 4.0 exactly: fits only if the executor is counted once
    Call accept = Launching.accept(sub, offer, Launching.task("a", offer, 1.95, 100, "pod"),
        Launching.task("b", offer, 1.95, 100, "pod"));
    json.call(accept, sub.stream().streamId());
    for (String t : List.of("a", "b")) {
      TaskStatus s = Launching.awaitState(sub.stream(), t, TaskState.TASK_STARTING);
      assertEquals("pod", s.getExecutorId().getValue());
    }
  }

  @Test
  void shutdownKillsTheExecutorsTasksAndReportsItsFailure() throws Exception {
    Subscribed sub = subscribe(json, "shutter");
    Offer offer = awaitOffers(sub.stream(), 2).get(0);
    Launching.launchOne(json, sub, offer, "inside");
    Launching.awaitRunning(json, sub, "inside");
    Call shutdown = PlainScheduler.call(Call.Type.SHUTDOWN, sub.id()).setShutdown(Call.Shutdown.newBuilder()
        .setAgentId(offer.getAgentId()).setExecutorId(org.apache.mesos.v1.Protos.ExecutorID.newBuilder()
            .setValue("exec-inside"))).build();
    assertEquals(202, json.call(shutdown, sub.stream().streamId()).statusCode());
    Launching.ack(json, sub, Launching.awaitState(sub.stream(), "inside", TaskState.TASK_KILLED));
    Event failure = sub.stream().await(Event.Type.FAILURE);
    assertEquals("exec-inside", failure.getFailure().getExecutorId().getValue());
    assertEquals(offer.getAgentId(), failure.getFailure().getAgentId());
    // task and executor resources are free: the whole agent is offered again
    double cpus = 0;
    while (cpus < 4.0) {
      for (Offer o : sub.stream().await(Event.Type.OFFERS).getOffers().getOffersList()) {
        if (o.getAgentId().equals(offer.getAgentId())) {
          cpus += SubscriptionTest.scalar(o, "cpus");
          assertTrue(o.getExecutorIdsList().isEmpty(), "the executor is gone");
        }
      }
    }
    assertEquals(4.0, cpus, 1e-9);
  }
}
