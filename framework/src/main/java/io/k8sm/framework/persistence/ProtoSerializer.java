package io.k8sm.framework.persistence;

import akka.actor.ExtendedActorSystem;
import akka.serialization.SerializerWithStringManifest;
import com.google.protobuf.InvalidProtocolBufferException;
import io.k8sm.framework.mesos.FrameworkIdStore;
import io.k8sm.framework.persistence.proto.DeleteRequested;
import io.k8sm.framework.persistence.proto.FrameworkIdAssigned;
import io.k8sm.framework.persistence.proto.FrameworkIdCleared;
import io.k8sm.framework.persistence.proto.FrameworkIdSnapshot;
import io.k8sm.framework.persistence.proto.LaunchAbandoned;
import io.k8sm.framework.persistence.proto.PodCreated;
import io.k8sm.framework.persistence.proto.PodRegistered;
import io.k8sm.framework.persistence.proto.PodRegistrySnapshot;
import io.k8sm.framework.persistence.proto.PodRemoved;
import io.k8sm.framework.persistence.proto.PodUnregistered;
import io.k8sm.framework.persistence.proto.ResourcesReserved;
import io.k8sm.framework.persistence.proto.TaskLaunched;
import io.k8sm.framework.persistence.proto.TaskStatusChanged;
import io.k8sm.framework.pods.PodEvent;
import io.k8sm.framework.pods.PodRegistry;
import io.k8sm.framework.pods.PodState;
import java.io.NotSerializableException;
import org.apache.mesos.v1.Protos.TaskState;

/**
 * The only serializer of what the scheduler persists ({@link Persisted}, bound in
 * {@code application.conf}): each record maps to a message of {@code persistence.proto}, named by a
 * short manifest. An unknown manifest or unreadable bytes fail loudly, naming both, so recovery
 * stops instead of carrying on with a partial cluster.
 */
public final class ProtoSerializer extends SerializerWithStringManifest {

  /** Unique among the system's serializers; stored in every journal row, so never change it. */
  public static final int IDENTIFIER = 517_001;

  public ProtoSerializer(ExtendedActorSystem system) {
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object o) {
    if (o instanceof PodEvent.PodCreated) return "PC";
    if (o instanceof PodEvent.ResourcesReserved) return "RR";
    if (o instanceof PodEvent.TaskLaunched) return "TL";
    if (o instanceof PodEvent.TaskStatusChanged) return "TS";
    if (o instanceof PodEvent.LaunchAbandoned) return "LA";
    if (o instanceof PodEvent.DeleteRequested) return "DR";
    if (o instanceof PodEvent.PodRemoved) return "PR";
    if (o instanceof PodState) return "PS";
    if (o instanceof PodRegistry.PodRegistered) return "RG";
    if (o instanceof PodRegistry.PodUnregistered) return "UR";
    if (o instanceof PodRegistry) return "RS";
    if (o instanceof FrameworkIdStore.FrameworkIdAssigned) return "FA";
    if (o instanceof FrameworkIdStore.FrameworkIdCleared) return "FC";
    if (o instanceof FrameworkIdStore.State) return "FS";
    throw new IllegalArgumentException("no protobuf mapping for " + o.getClass().getName());
  }

  @Override
  public byte[] toBinary(Object o) {
    if (o instanceof PodEvent.PodCreated e) return PodCreated.newBuilder().setSpec(Specs.toProto(e.spec())).build()
        .toByteArray();
    if (o instanceof PodEvent.ResourcesReserved e) return ResourcesReserved.newBuilder().setAgentId(e.agentId())
        .setHost(e.host()).addAllHostPorts(e.hostPorts()).build().toByteArray();
    if (o instanceof PodEvent.TaskLaunched e) return TaskLaunched.newBuilder().setTaskId(e.taskId()).build().toByteArray();
    if (o instanceof PodEvent.TaskStatusChanged e) return TaskStatusChanged.newBuilder().setTaskId(e.taskId())
        .setState(e.state().getNumber()).setDetail(e.detail()).setReport(e.report()).setHasReport(!e.report().isEmpty())
        .build().toByteArray();
    if (o instanceof PodEvent.LaunchAbandoned e) return LaunchAbandoned.newBuilder().setTaskId(e.taskId())
        .setWhy(e.why()).build().toByteArray();
    if (o instanceof PodEvent.DeleteRequested) return DeleteRequested.getDefaultInstance().toByteArray();
    if (o instanceof PodEvent.PodRemoved e) return PodRemoved.newBuilder().setWhy(e.why()).build().toByteArray();
    if (o instanceof PodState s) return Specs.toProto(s).toByteArray();
    if (o instanceof PodRegistry.PodRegistered e) return PodRegistered.newBuilder().setKey(e.key())
        .setPersistenceId(e.persistenceId()).build().toByteArray();
    if (o instanceof PodRegistry.PodUnregistered e) return PodUnregistered.newBuilder().setKey(e.key()).build()
        .toByteArray();
    if (o instanceof PodRegistry r) return PodRegistrySnapshot.newBuilder().putAllPods(r.pods()).build().toByteArray();
    if (o instanceof FrameworkIdStore.FrameworkIdAssigned e) return FrameworkIdAssigned.newBuilder()
        .setFrameworkId(e.frameworkId()).build().toByteArray();
    if (o instanceof FrameworkIdStore.FrameworkIdCleared e) return FrameworkIdCleared.newBuilder().setWhy(e.why())
        .build().toByteArray();
    if (o instanceof FrameworkIdStore.State s) return FrameworkIdSnapshot.newBuilder().setFrameworkId(s.frameworkId())
        .build().toByteArray();
    throw new IllegalArgumentException("no protobuf mapping for " + o.getClass().getName());
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    try {
      return switch (manifest) {
        case "PC" -> new PodEvent.PodCreated(Specs.fromProto(PodCreated.parseFrom(bytes).getSpec()));
        case "RR" -> {
          ResourcesReserved r = ResourcesReserved.parseFrom(bytes);
          yield new PodEvent.ResourcesReserved(r.getAgentId(), r.getHost(), r.getHostPortsList());
        }
        case "TL" -> new PodEvent.TaskLaunched(TaskLaunched.parseFrom(bytes).getTaskId());
        case "TS" -> {
          TaskStatusChanged t = TaskStatusChanged.parseFrom(bytes);
          TaskState state = TaskState.forNumber(t.getState());
          if (state == null) throw new NotSerializableException("unknown task state " + t.getState());
          yield new PodEvent.TaskStatusChanged(t.getTaskId(), state, t.getDetail(), t.getReport());
        }
        case "LA" -> {
          LaunchAbandoned a = LaunchAbandoned.parseFrom(bytes);
          yield new PodEvent.LaunchAbandoned(a.getTaskId(), a.getWhy());
        }
        case "DR" -> {
          DeleteRequested.parseFrom(bytes);
          yield new PodEvent.DeleteRequested();
        }
        case "PR" -> new PodEvent.PodRemoved(PodRemoved.parseFrom(bytes).getWhy());
        case "PS" -> Specs.fromProto(io.k8sm.framework.persistence.proto.PodSnapshot.parseFrom(bytes));
        case "RG" -> {
          PodRegistered r = PodRegistered.parseFrom(bytes);
          yield new PodRegistry.PodRegistered(r.getKey(), r.getPersistenceId());
        }
        case "UR" -> new PodRegistry.PodUnregistered(PodUnregistered.parseFrom(bytes).getKey());
        case "RS" -> new PodRegistry(PodRegistrySnapshot.parseFrom(bytes).getPodsMap());
        case "FA" -> new FrameworkIdStore.FrameworkIdAssigned(FrameworkIdAssigned.parseFrom(bytes).getFrameworkId());
        case "FC" -> new FrameworkIdStore.FrameworkIdCleared(FrameworkIdCleared.parseFrom(bytes).getWhy());
        case "FS" -> new FrameworkIdStore.State(FrameworkIdSnapshot.parseFrom(bytes).getFrameworkId());
        default -> throw new NotSerializableException("unknown manifest \"" + manifest + "\" for serializer "
            + IDENTIFIER + " (written by another program or a newer version?)");
      };
    } catch (InvalidProtocolBufferException | IllegalArgumentException e) {
      NotSerializableException n = new NotSerializableException("unreadable " + manifest + " record ("
          + bytes.length + " bytes): " + e.getMessage());
      n.initCause(e);
      throw n;
    }
  }
}
