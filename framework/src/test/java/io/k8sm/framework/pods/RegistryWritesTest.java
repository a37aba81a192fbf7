package io.k8sm.framework.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k8sm.framework.testing.Pods;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistryWritesTest {

  static PodSupervisor.CreatePod create(String name) {
    return new PodSupervisor.CreatePod(Pods.spec(name, 100), null);
  }

  static List<String> keys(List<RegistryWrites.Registered> done) {
    return done.stream().map(RegistryWrites.Registered::key).toList();
  }

  @Test
  void oneBatchIsInFlightAndWhatArrivesMeanwhileGoesIntoTheNext() {
    RegistryWrites w = new RegistryWrites(100);
    w.register(create("a"), "pa");
    List<PodRegistry.Event> first = w.next().orElseThrow();
    w.register(create("b"), "pb");
    w.register(create("c"), "pc");
    assertEquals(Optional.empty(), w.next());
    assertEquals(List.of("default/a"), keys(w.written(first)));
    List<PodRegistry.Event> second = w.next().orElseThrow();
    assertEquals(List.of(new PodRegistry.PodRegistered("default/b", "pb"), new PodRegistry.PodRegistered("default/c", "pc")),
        second);
    assertEquals(List.of("default/b", "default/c"), keys(w.written(second)));
    assertEquals(Optional.empty(), w.next());
  }

  @Test
  void aBatchHoldsAtMostMaxBatchEvents() {
    RegistryWrites w = new RegistryWrites(2);
    for (String n : List.of("a", "b", "c")) w.register(create(n), "p" + n);
    List<PodRegistry.Event> first = w.next().orElseThrow();
    assertEquals(2, first.size());
    w.written(first);
    assertEquals(1, w.next().orElseThrow().size());
  }

  @Test
  void aNameIsTakenUntilItsRegistrationIsStored() {
    RegistryWrites w = new RegistryWrites(10);
    w.register(create("a"), "pa");
    assertTrue(w.registering("default/a"));
    w.written(w.next().orElseThrow());
    assertFalse(w.registering("default/a"));
  }

  @Test
  void anUnregistrationIsWrittenBeforeALaterRegistrationOfTheSameName() {
    RegistryWrites w = new RegistryWrites(10);
    w.unregister("default/a");
    w.register(create("a"), "pa2");
    assertEquals(List.of(new PodRegistry.PodUnregistered("default/a"), new PodRegistry.PodRegistered("default/a", "pa2")),
        w.next().orElseThrow());
  }

  @Test
  void aBatchWrittenForAnEarlierLifeSettlesNothing() {
    RegistryWrites w = new RegistryWrites(10);
    w.register(create("a"), "pa");
    List<PodRegistry.Event> mine = w.next().orElseThrow();
    assertEquals(List.of(), w.written(List.of(new PodRegistry.PodRegistered("default/z", "pz"))));
    assertEquals(Optional.empty(), w.next());
    assertEquals(List.of("default/a"), keys(w.written(mine)));
  }
}
