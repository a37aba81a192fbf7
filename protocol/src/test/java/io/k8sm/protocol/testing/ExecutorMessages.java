package io.k8sm.protocol.testing;

import com.google.protobuf.ByteString;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ContainerID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;

/** One realistic sample of every executor Call and Event type the project uses, keyed by type. */
public final class ExecutorMessages {
  private ExecutorMessages() {}

  private static Call.Builder call(Call.Type type) {
    return Call.newBuilder().setType(type)
        .setFrameworkId(SchedulerMessages.FRAMEWORK).setExecutorId(SchedulerMessages.EXECUTOR);
  }

  public static Call subscribe() {
    return call(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.getDefaultInstance()).build();
  }

  /** A starting status as an executor sends it: fresh 16-byte uuid, SOURCE_EXECUTOR. */
  public static TaskStatus startingStatus() {
    return TaskStatus.newBuilder().setTaskId(SchedulerMessages.TASK).setState(TaskState.TASK_STARTING)
        .setSource(TaskStatus.Source.SOURCE_EXECUTOR).setUuid(SchedulerMessages.UUID)
        .setExecutorId(SchedulerMessages.EXECUTOR).build();
  }

  /** Every Call type, in a stable order. */
  public static Map<String, Call> calls() {
    Map<String, Call> calls = new LinkedHashMap<>();
    calls.put("SUBSCRIBE", call(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.newBuilder()
        .addUnacknowledgedTasks(SchedulerMessages.taskInfo())
        .addUnacknowledgedUpdates(Call.Update.newBuilder().setStatus(startingStatus()))).build());
    calls.put("UPDATE", call(Call.Type.UPDATE)
        .setUpdate(Call.Update.newBuilder().setStatus(startingStatus())).build());
    calls.put("MESSAGE", call(Call.Type.MESSAGE)
        .setMessage(Call.Message.newBuilder().setData(ByteString.copyFromUtf8("to the scheduler"))).build());
    return calls;
  }

  public static Event subscribed() {
    return Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
        .setExecutorInfo(SchedulerMessages.executorInfo())
        .setFrameworkInfo(SchedulerMessages.frameworkInfo().toBuilder().setId(SchedulerMessages.FRAMEWORK))
        .setAgentInfo(AgentInfo.newBuilder().setHostname("node-1").setId(SchedulerMessages.AGENT).setPort(5051))
        .setContainerId(ContainerID.newBuilder().setValue("container-1"))).build();
  }

  /** Every Event type, in a stable order. */
  public static Map<String, Event> events() {
    Map<String, Event> events = new LinkedHashMap<>();
    events.put("SUBSCRIBED", subscribed());
    events.put("LAUNCH", Event.newBuilder().setType(Event.Type.LAUNCH)
        .setLaunch(Event.Launch.newBuilder().setTask(SchedulerMessages.taskInfo())).build());
    events.put("KILL", Event.newBuilder().setType(Event.Type.KILL)
        .setKill(Event.Kill.newBuilder().setTaskId(SchedulerMessages.TASK)).build());
    events.put("ACKNOWLEDGED", Event.newBuilder().setType(Event.Type.ACKNOWLEDGED).setAcknowledged(
        Event.Acknowledged.newBuilder().setTaskId(SchedulerMessages.TASK).setUuid(SchedulerMessages.UUID)).build());
    events.put("MESSAGE", Event.newBuilder().setType(Event.Type.MESSAGE)
        .setMessage(Event.Message.newBuilder().setData(ByteString.copyFromUtf8("from the scheduler"))).build());
    events.put("SHUTDOWN", Event.newBuilder().setType(Event.Type.SHUTDOWN).build());
    events.put("ERROR", Event.newBuilder().setType(Event.Type.ERROR)
        .setError(Event.Error.newBuilder().setMessage("Executor is terminating")).build());
    return events;
  }
}
