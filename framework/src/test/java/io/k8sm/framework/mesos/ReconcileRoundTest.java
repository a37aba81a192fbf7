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
}
