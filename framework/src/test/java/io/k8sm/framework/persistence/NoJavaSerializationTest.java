package io.k8sm.framework.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.serialization.Serialization;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import akka.serialization.Serializers;
import com.google.protobuf.ByteString;
import io.k8sm.framework.mesos.FrameworkIdStore;
import io.k8sm.framework.pods.PodEvent;
import io.k8sm.framework.pods.PodPhase;
import io.k8sm.framework.pods.PodRegistry;
import io.k8sm.framework.pods.PodState;
import io.k8sm.framework.testing.Pods;
import io.k8sm.framework.testing.TestPersistence;
import io.k8sm.protocol.pod.PodStatusReport;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Nothing the scheduler persists can fall back to Java serialization: Java serialization is off,
 * every persisted type (found through the sealed hierarchies, so a new event without a mapping
 * fails here) is handled by our protobuf serializer, and comes back equal.
 */
class NoJavaSerializationTest {
  static final ActorTestKit kit = ActorTestKit.create(TestPersistence.inMemory());

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  static final List<Object> SAMPLES = List.of(
      new PodEvent.PodCreated(Pods.spec("web", 250, 31080)),
      new PodEvent.ResourcesReserved("agent-1", "host-1", List.of(31080)),
      new PodEvent.TaskLaunched("default.web.1"),
      new PodEvent.TaskStatusChanged("default.web.1", TaskState.TASK_RUNNING, "up",
          PodStatusReport.newBuilder().setHostIp("127.0.0.1").build().toByteString()),
      new PodEvent.TaskStatusChanged("default.web.1", TaskState.TASK_UNKNOWN, "", ByteString.EMPTY),
      new PodEvent.LaunchAbandoned("default.web.1", "offer rescinded"),
      new PodEvent.DeleteRequested(),
      new PodEvent.PodRemoved("deleted"),
      new PodState(Pods.never("job"), PodPhase.RUNNING, "default.job.2", "agent-2", "host-2", List.of(), 3, "running",
          Optional.of(PodStatusReport.newBuilder().setReason("CrashLoopBackOff").build()), false),
      PodState.EMPTY,
      new PodRegistry.PodRegistered("default/web", "pod-default.web.u1"),
      new PodRegistry.PodUnregistered("default/web"),
      new PodRegistry(Map.of("default/web", "pod-default.web.u1", "default/db", "pod-default.db.u2")),
      new FrameworkIdStore.FrameworkIdAssigned("fw-1"),
      new FrameworkIdStore.FrameworkIdCleared("removed"),
      new FrameworkIdStore.State("fw-1"));

  @Test
  void javaSerializationIsOff() {
    assertFalse(kit.system().settings().config().getBoolean("akka.actor.allow-java-serialization"));
  }

  @Test
  void everyPersistedTypeHasASample() {
    Set<Class<?>> persisted = new HashSet<>();
    for (Class<?> sealed : List.of(PodEvent.class, PodRegistry.Event.class, FrameworkIdStore.Event.class)) {
      persisted.addAll(Arrays.asList(sealed.getPermittedSubclasses()));
    }
    persisted.addAll(List.of(PodState.class, PodRegistry.class, FrameworkIdStore.State.class));
    Set<Class<?>> sampled = new HashSet<>();
    SAMPLES.forEach(s -> sampled.add(s.getClass()));
    assertEquals(persisted, sampled);
  }

  @Test
  void everySampleUsesOurSerializerAndComesBackEqual() throws Exception {
    Serialization serialization = SerializationExtension.get(kit.system().classicSystem());
    for (Object sample : SAMPLES) {
      Serializer serializer = serialization.findSerializerFor(sample);
      assertInstanceOf(ProtoSerializer.class, serializer, sample.getClass().getName());
      byte[] bytes = serialization.serialize(sample).get();
      String manifest = Serializers.manifestFor(serializer, sample);
      assertEquals(sample, serialization.deserialize(bytes, serializer.identifier(), manifest).get());
    }
  }

  @Test
  void aForeignManifestOrGarbageFailsLoudlyNamingWhatItRead() {
    ProtoSerializer serializer = new ProtoSerializer(null);
    Exception foreign = org.junit.jupiter.api.Assertions.assertThrows(java.io.NotSerializableException.class,
        () -> serializer.fromBinary(new byte[] {1}, "XX"));
    assertTrue(foreign.getMessage().contains("unknown manifest \"XX\""), foreign.getMessage());
    Exception garbage = org.junit.jupiter.api.Assertions.assertThrows(java.io.NotSerializableException.class,
        () -> serializer.fromBinary(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff}, "PC"));
    assertTrue(garbage.getMessage().contains("unreadable PC record"), garbage.getMessage());
  }
}
