package io.k8sm.framework.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import io.k8sm.framework.testing.TestPersistence;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The registry keeper as an event-sourced behaviour: a batch is one command and all its events,
 * answered once stored; every event and the state go through our serializer and come back equal;
 * the registry survives a restart, also across snapshots.
 */
class PodRegistrarTest {
  static final ActorTestKit kit = ActorTestKit.create(EventSourcedBehaviorTestKit.config()
      .withFallback(TestPersistence.inMemory()));
  static final EventSourcedBehaviorTestKit.SerializationSettings CHECKED = EventSourcedBehaviorTestKit
      .enabledSerializationSettings().withVerifyCommands(false).withVerifyEquality(true);

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  EventSourcedBehaviorTestKit<PodRegistrar.Command, PodRegistry.Event, PodRegistry> registrar() {
    return EventSourcedBehaviorTestKit.create(kit.system(), PodRegistrar.create(new PodPersistence(
        TestPersistence.uniqueId("registry"), 3, 2, m -> { throw new AssertionError(m); })), CHECKED);
  }

  @Test
  void aBatchIsPersistedTogetherAndAnsweredOnceStored() {
    var es = registrar();
    TestProbe<PodRegistrar.Written> written = kit.createTestProbe();
    List<PodRegistry.Event> batch = List.of(new PodRegistry.PodRegistered("default/a", "pa"),
        new PodRegistry.PodRegistered("default/b", "pb"), new PodRegistry.PodUnregistered("default/a"),
        new PodRegistry.PodRegistered("default/a", "pa2"));
    var result = es.runCommand(new PodRegistrar.Write(batch, written.getRef()));
    assertEquals(batch, result.events());
    assertEquals(Map.of("default/a", "pa2", "default/b", "pb"), result.state().pods());
    assertEquals(batch, written.receiveMessage().events());
  }

  @Test
  void theRegistrySurvivesARestartAcrossSnapshotsAndIsReadBack() {
    var es = registrar();
    Map<String, String> expected = new HashMap<>();
    for (int i = 0; i < 10; i++) {
      es.runCommand(new PodRegistrar.Write(List.of(new PodRegistry.PodRegistered("default/p" + i, "pid" + i)),
          kit.<PodRegistrar.Written>createTestProbe().getRef()));
      expected.put("default/p" + i, "pid" + i);
    }
    es.runCommand(new PodRegistrar.Write(List.of(new PodRegistry.PodUnregistered("default/p3")),
        kit.<PodRegistrar.Written>createTestProbe().getRef()));
    expected.remove("default/p3");
    assertEquals(expected, es.restart().state().pods());
    TestProbe<PodRegistry> read = kit.createTestProbe();
    es.runCommand(new PodRegistrar.Read(read.getRef()));
    assertEquals(expected, read.receiveMessage().pods());
  }
}
