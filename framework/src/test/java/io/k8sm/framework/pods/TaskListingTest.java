package io.k8sm.framework.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorRef;
import io.k8sm.framework.mesos.MesosBridge;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class TaskListingTest {
  static final ActorTestKit kit = ActorTestKit.create();
  final ActorRef<MesosBridge.Command> caller = kit.<MesosBridge.Command>createTestProbe().getRef();

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  static PodSupervisor.PodTask note(String key, String task, PodPhase phase) {
    return new PodSupervisor.PodTask(key, task, "agent-1", phase);
  }

  @Test
  void answersAtOnceWhenNoRecoveredPodIsOutstanding() {
    TaskListing l = new TaskListing();
    assertTrue(l.ask(caller));
  }

  @Test
  void aCallerWaitsForTheLastRecoveredPodsReportOrItsDeparture() {
    TaskListing l = new TaskListing();
    l.expect("default/a");
    l.expect("default/b");
    assertFalse(l.ask(caller));
    assertEquals(List.of(), l.reported(note("default/a", "t-a", PodPhase.RUNNING)));
    assertEquals(List.of(caller), l.forget("default/b"));
    assertEquals(0, l.waiting());
    assertEquals(List.of("t-a"), l.known().stream().map(t -> t.taskId().getValue()).toList());
  }

  @Test
  void listsOnlyLiveTasksAndOverdueAnswersWithWhatIsKnown() {
    TaskListing l = new TaskListing();
    l.expect("default/slow");
    l.reported(note("default/done", "t-done", PodPhase.SUCCEEDED));
    l.reported(note("default/waiting", "", PodPhase.PENDING));
    assertFalse(l.ask(caller));
    assertEquals(List.of(caller), l.overdue());
    assertEquals(List.of(), l.known());
    assertEquals(1, l.unreported());
  }

  @Test
  void theJournalsTaskCountsOnlyForPodsThatHaveNotReportedThemselves() {
    TaskListing l = new TaskListing();
    l.expect("default/a");
    l.expect("default/b");
    assertFalse(l.ask(caller));
    l.reported(note("default/a", "t-a2", PodPhase.LAUNCHING)); // relaunched after it recovered
    assertEquals(List.of(), l.seeded(note("default/a", "t-a1", PodPhase.RUNNING)), "older than what a said");
    assertEquals(List.of(caller), l.seeded(note("default/b", "t-b", PodPhase.RUNNING)));
    assertEquals(List.of("t-a2", "t-b"), l.known().stream().map(t -> t.taskId().getValue()).sorted().toList());
  }
}
