package io.k8sm.local.agent;

import akka.util.ByteString;
import java.util.Optional;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.executor.Protos.Event;

/** Builders for the executor events the agent sends. */
final class Events {
  private Events() {}

  static Event subscribed(ExecutorRun run) {
    return Event.newBuilder().setType(Event.Type.SUBSCRIBED)
        .setSubscribed(Event.Subscribed.newBuilder()
            .setExecutorInfo(run.spec().executor())
            .setFrameworkInfo(run.spec().framework())
            .setAgentInfo(run.spec().agent())
            .setContainerId(run.containerId()))
        .build();
  }

  static Event launch(TaskInfo task) {
    return Event.newBuilder().setType(Event.Type.LAUNCH)
        .setLaunch(Event.Launch.newBuilder().setTask(task)).build();
  }

  static Event kill(TaskID task, Optional<KillPolicy> policy) {
    Event.Kill.Builder kill = Event.Kill.newBuilder().setTaskId(task);
    policy.ifPresent(kill::setKillPolicy);
    return Event.newBuilder().setType(Event.Type.KILL).setKill(kill).build();
  }

  static Event acknowledged(TaskID task, com.google.protobuf.ByteString uuid) {
    return Event.newBuilder().setType(Event.Type.ACKNOWLEDGED)
        .setAcknowledged(Event.Acknowledged.newBuilder().setTaskId(task).setUuid(uuid)).build();
  }

  static Event message(ByteString data) {
    return Event.newBuilder().setType(Event.Type.MESSAGE)
        .setMessage(Event.Message.newBuilder().setData(com.google.protobuf.ByteString.copyFrom(data.toArray())))
        .build();
  }

  static Event shutdown() {
    return Event.newBuilder().setType(Event.Type.SHUTDOWN).build();
  }

  static Event heartbeat() {
    return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
  }
}
