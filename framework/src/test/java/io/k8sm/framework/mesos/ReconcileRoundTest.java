package io.k8sm.framework.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReconcileRoundTest {

  static MesosCalls.KnownTask task(String id) {
    return new MesosCalls.KnownTask(TaskID.newBuilder().setValue(id).build(), Optional.empty());
  }

  @Test
  void everyAnswerStrikesOneTaskOffUntilNoneIsLeft() {
    ReconcileRound r = ReconcileRound.of(List.of(task("a"), task("b")));
    assertFalse(r.done());
    r = r.answered("a").answered("zzz");
    assertEquals(List.of("b"), r.tasks().stream().map(t -> t.taskId().getValue()).toList());
    assertTrue(r.answered("b").done());
    assertTrue(ReconcileRound.of(List.of()).done());
  }

  @ParameterizedTest(name = "attempt {0} waits {1} ms")
  @CsvSource({"0, 2000", "1, 4000", "2, 8000", "4, 32000", "5, 60000", "40, 60000"})
  void waitsDoubleUpToTheCap(int attempt, long millis) {
    ReconcileRound r = ReconcileRound.of(List.of(task("a")));
    for (int i = 0; i < attempt; i++) r = r.retried();
    assertEquals(Duration.ofMillis(millis), r.wait(Duration.ofSeconds(2), Duration.ofSeconds(60)));
  }

  @Test
  void largeRoundsAreAskedAboutInCallsOfBoundedSize() {
    List<MesosCalls.KnownTask> tasks = new java.util.ArrayList<>();
    for (int i = 0; i < 2500; i++) tasks.add(task(String.format("t%04d", i)));
    List<List<MesosCalls.KnownTask>> calls = ReconcileRound.of(tasks).answered("t0000").batches(1000);
    assertEquals(List.of(1000, 1000, 499), calls.stream().map(List::size).toList());
    assertEquals("t0001", calls.get(0).get(0).taskId().getValue());
    assertEquals(List.of(), ReconcileRound.of(List.of()).batches(1000));
  }
}
