package io.k8sm.local.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** Fixture builders for tasks, accepts, declines and acknowledgements. */
final class Launching {
  private Launching() {}

  static Resource scalar(String name, double v) {
    return Resource.newBuilder().setName(name).setType(Value.Type.SCALAR)
        .setScalar(Value.Scalar.newBuilder().setValue(v)).build();
  }

  static Resource ports(long begin, long end) {
    return Resource.newBuilder().setName("ports").setType(Value.Type.RANGES)
        .setRanges(Value.Ranges.newBuilder().addRange(Value.Range.newBuilder().setBegin(begin).setEnd(end))).build();
  }

  static ExecutorInfo executor(String id) {
    return ExecutorInfo.newBuilder()
        .setExecutorId(ExecutorID.newBuilder().setValue(id))
        .setCommand(CommandInfo.newBuilder().setValue("/bin/true"))
        .addResources(scalar("cpus", 0.1))
        .addResources(scalar("mem", 32))
        .build();
  }

  static TaskInfo task(String id, Offer offer, double cpus, double mem, String executorId) {
    return TaskInfo.newBuilder()
        .setName(id)
        .setTaskId(TaskID.newBuilder().setValue(id))
        .setAgentId(offer.getAgentId())
        .setExecutor(executor(executorId))
        .addResources(scalar("cpus", cpus))
        .addResources(scalar("mem", mem))
        .build();
  }

  static Call accept(Subscribed sub, Offer offer, TaskInfo... tasks) {
    return PlainScheduler.call(Call.Type.ACCEPT, sub.id()).setAccept(Call.Accept.newBuilder()
        .addOfferIds(offer.getId())
        .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
            .setLaunch(Offer.Operation.Launch.newBuilder().addAllTaskInfos(java.util.List.of(tasks))))).build();
  }

  /** Launches one small task with its own executor on {@code offer}; returns its id. */
  static String launchOne(PlainScheduler client, Subscribed sub, Offer offer, String taskId) throws Exception {
    var r = client.call(accept(sub, offer, task(taskId, offer, 0.5, 64, "exec-" + taskId)), sub.stream().streamId());
    assertEquals(202, r.statusCode(), r.body());
    return taskId;
  }

  static void decline(PlainScheduler client, Subscribed sub, Offer offer, double refuseSeconds) throws Exception {
    Call c = PlainScheduler.call(Call.Type.DECLINE, sub.id()).setDecline(Call.Decline.newBuilder()
        .addOfferIds(offer.getId()).setFilters(Filters.newBuilder().setRefuseSeconds(refuseSeconds))).build();
    assertEquals(202, client.call(c, sub.stream().streamId()).statusCode());
  }

  /** Waits for an UPDATE of {@code taskId} in {@code state}; returns its status (not acknowledged). */
  static TaskStatus awaitState(EventStream s, String taskId, TaskState state) throws InterruptedException {
    return s.await(e -> e.getType() == Event.Type.UPDATE
        && e.getUpdate().getStatus().getTaskId().getValue().equals(taskId)
        && e.getUpdate().getStatus().getState() == state,
        PlainScheduler.TIMEOUT, state + " of " + taskId).getUpdate().getStatus();
  }

  /** Acknowledges STARTING, then waits for RUNNING and acknowledges it too; returns RUNNING. */
  static TaskStatus awaitRunning(PlainScheduler client, Subscribed sub, String taskId) throws Exception {
    ack(client, sub, awaitState(sub.stream(), taskId, TaskState.TASK_STARTING));
    TaskStatus running = awaitState(sub.stream(), taskId, TaskState.TASK_RUNNING);
    ack(client, sub, running);
    return running;
  }

  static void ack(PlainScheduler client, Subscribed sub, TaskStatus status) throws Exception {
    Call c = PlainScheduler.call(Call.Type.ACKNOWLEDGE, sub.id()).setAcknowledge(Call.Acknowledge.newBuilder()
        .setAgentId(status.getAgentId()).setTaskId(status.getTaskId()).setUuid(status.getUuid())).build();
    assertEquals(202, client.call(c, sub.stream().streamId()).statusCode());
  }
}
