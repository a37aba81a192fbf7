package io.k8sm.protocol.testing;

import com.google.protobuf.ByteString;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;

/** One realistic sample of every scheduler Call and Event type the project uses, keyed by type. */
public final class SchedulerMessages {
  public static final FrameworkID FRAMEWORK = FrameworkID.newBuilder().setValue(Offers.FRAMEWORK_ID).build();
  public static final AgentID AGENT = AgentID.newBuilder().setValue("agent-1").build();
  public static final ExecutorID EXECUTOR = ExecutorID.newBuilder().setValue("k8sm-executor").build();
  public static final TaskID TASK = TaskID.newBuilder().setValue("pod-web-1.1234").build();
  /** 16 raw bytes, including ones that are not valid UTF-8, as status uuids are. */
  public static final ByteString UUID = ByteString.copyFrom(new byte[] {
      0, 1, 2, (byte) 0xff, (byte) 0xfe, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, (byte) 0x80});

  private SchedulerMessages() {}

  public static FrameworkInfo frameworkInfo() {
    return FrameworkInfo.newBuilder().setUser("root").setName("kubernetes-mesos").setFailoverTimeout(604800)
        .setCheckpoint(true).addRoles("*")
        .addCapabilities(FrameworkInfo.Capability.newBuilder().setType(FrameworkInfo.Capability.Type.MULTI_ROLE))
        .build();
  }

  public static Call subscribe() {
    return Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(frameworkInfo())).build();
  }

  public static ExecutorInfo executorInfo() {
    return ExecutorInfo.newBuilder().setExecutorId(EXECUTOR).setFrameworkId(FRAMEWORK).setName("kubernetes-executor")
        .setType(ExecutorInfo.Type.CUSTOM)
        .setCommand(CommandInfo.newBuilder().setValue("bin/kubernetes-executor").setShell(true))
        .addResources(Offers.cpus(0.1)).addResources(Offers.mem(64)).build();
  }

  public static TaskInfo taskInfo() {
    return TaskInfo.newBuilder().setName("web").setTaskId(TASK).setAgentId(AGENT)
        .addResources(Offers.cpus(0.5)).addResources(Offers.mem(128)).addResources(Offers.ports(31000, 31000))
        .setExecutor(executorInfo())
        .setData(ByteString.copyFrom(new byte[] {10, 3, 'w', 'e', 'b', (byte) 0xc3}))
        .build();
  }

  private static Call.Builder call(Call.Type type) {
    return Call.newBuilder().setType(type).setFrameworkId(FRAMEWORK);
  }

  /** Every Call type, in a stable order. */
  public static Map<String, Call> calls() {
    OfferID offer = OfferID.newBuilder().setValue("offer-1").build();
    Map<String, Call> calls = new LinkedHashMap<>();
    calls.put("SUBSCRIBE", subscribe());
    calls.put("TEARDOWN", call(Call.Type.TEARDOWN).build());
    calls.put("ACCEPT", call(Call.Type.ACCEPT).setAccept(Call.Accept.newBuilder().addOfferIds(offer)
        .addOperations(Offer.Operation.newBuilder().setType(Offer.Operation.Type.LAUNCH)
            .setLaunch(Offer.Operation.Launch.newBuilder().addTaskInfos(taskInfo())))
        .setFilters(Filters.newBuilder().setRefuseSeconds(5))).build());
    calls.put("DECLINE", call(Call.Type.DECLINE).setDecline(Call.Decline.newBuilder().addOfferIds(offer)
        .setFilters(Filters.newBuilder().setRefuseSeconds(3600))).build());
    calls.put("REVIVE", call(Call.Type.REVIVE).setRevive(Call.Revive.newBuilder().addRoles("*")).build());
    calls.put("SUPPRESS", call(Call.Type.SUPPRESS).setSuppress(Call.Suppress.newBuilder().addRoles("*")).build());
    calls.put("KILL", call(Call.Type.KILL).setKill(Call.Kill.newBuilder().setTaskId(TASK).setAgentId(AGENT)).build());
    calls.put("SHUTDOWN", call(Call.Type.SHUTDOWN)
        .setShutdown(Call.Shutdown.newBuilder().setExecutorId(EXECUTOR).setAgentId(AGENT)).build());
    calls.put("ACKNOWLEDGE", call(Call.Type.ACKNOWLEDGE).setAcknowledge(Call.Acknowledge.newBuilder()
        .setAgentId(AGENT).setTaskId(TASK).setUuid(UUID)).build());
    calls.put("RECONCILE", call(Call.Type.RECONCILE).setReconcile(Call.Reconcile.newBuilder()
        .addTasks(Call.Reconcile.Task.newBuilder().setTaskId(TASK).setAgentId(AGENT))).build());
    calls.put("MESSAGE", call(Call.Type.MESSAGE).setMessage(Call.Message.newBuilder()
        .setAgentId(AGENT).setExecutorId(EXECUTOR).setData(ByteString.copyFromUtf8("ping"))).build());
    return calls;
  }

  public static Event subscribed(double heartbeatSeconds) {
    return Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
        .setFrameworkId(FRAMEWORK).setHeartbeatIntervalSeconds(heartbeatSeconds)
        .setMasterInfo(MasterInfo.newBuilder().setId("master-1").setIp(0x0100007f).setPort(5050)
            .setHostname("localhost"))).build();
  }

  public static Event heartbeat() {
    return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
  }

  public static TaskStatus runningStatus() {
    return TaskStatus.newBuilder().setTaskId(TASK).setState(TaskState.TASK_RUNNING).setAgentId(AGENT)
        .setExecutorId(EXECUTOR).setSource(TaskStatus.Source.SOURCE_EXECUTOR).setUuid(UUID)
        .setTimestamp(1.7e9).setData(ByteString.copyFromUtf8("{}")).build();
  }

  /** Every Event type, in a stable order. */
  public static Map<String, Event> events() {
    Map<String, Event> events = new LinkedHashMap<>();
    events.put("SUBSCRIBED", subscribed(15));
    events.put("OFFERS", Event.newBuilder().setType(Event.Type.OFFERS).setOffers(Event.Offers.newBuilder()
        .addOffers(Offers.of("offer-1", "agent-1", "node-1", 4, 8192, 20000, 31000, 32000))
        .addOffers(Offers.builder("offer-2", "agent-2", "node-2").addResources(Offers.cpus(1.5))
            .addResources(Offers.ports(31000, 31005, 31100, 32000)).addExecutorIds(EXECUTOR))).build());
    events.put("RESCIND", Event.newBuilder().setType(Event.Type.RESCIND).setRescind(Event.Rescind.newBuilder()
        .setOfferId(OfferID.newBuilder().setValue("offer-1"))).build());
    events.put("UPDATE", Event.newBuilder().setType(Event.Type.UPDATE)
        .setUpdate(Event.Update.newBuilder().setStatus(runningStatus())).build());
    events.put("MESSAGE", Event.newBuilder().setType(Event.Type.MESSAGE).setMessage(Event.Message.newBuilder()
        .setAgentId(AGENT).setExecutorId(EXECUTOR).setData(ByteString.copyFromUtf8("pong"))).build());
    events.put("FAILURE", Event.newBuilder().setType(Event.Type.FAILURE).setFailure(Event.Failure.newBuilder()
        .setAgentId(AGENT).setExecutorId(EXECUTOR).setStatus(256)).build());
    events.put("ERROR", Event.newBuilder().setType(Event.Type.ERROR)
        .setError(Event.Error.newBuilder().setMessage("Framework failed over")).build());
    events.put("HEARTBEAT", heartbeat());
    return events;
  }
}
