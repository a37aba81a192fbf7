package io.k8sm.local.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaskBookTest {
  static final ExecutorInfo EXEC = AgentFixture.sleepingExecutor("e", java.time.Duration.ofSeconds(1));

  static TaskInfo task(String id) {
    return AgentFixture.task(id, "", EXEC);
  }

  static TaskStatus status(String task, TaskState state, int uuidSeed) {
    byte[] uuid = new byte[16];
    uuid[0] = (byte) uuidSeed;
    return TaskStatus.newBuilder().setTaskId(AgentFixture.taskId(task)).setState(state)
        .setUuid(ByteString.copyFrom(uuid)).build();
  }

  static Set<String> set(String csv) {
    return csv.isBlank() ? Set.of() : Arrays.stream(csv.split(" ")).collect(Collectors.toSet());
  }

  /**
   * One task "t" in a given agent-side situation, then a SUBSCRIBE listing some unacknowledged tasks
   * and updates: is it (re)sent as LAUNCH?
   */
  @ParameterizedTest(name = "delivered={0} update={1} unackedTasks=[{2}] unackedUpdates=[{3}] -> launch={4}")
  @CsvSource(delimiter = '|', value = {
      "false | -             | ''  | ''  | true",
      "true  | -             | ''  | ''  | true",
      "true  | -             | t   | ''  | false",
      "true  | -             | ''  | t   | false",
      "true  | TASK_RUNNING  | ''  | ''  | false",
      "true  | TASK_FINISHED | ''  | ''  | false",
      "false | TASK_KILLED   | ''  | ''  | false",
  })
  void whichTasksAreLaunchedOnSubscribe(boolean delivered, String update, String unackedTasks, String unackedUpdates,
      boolean launched) {
    TaskBook book = new TaskBook();
    book.add(task("t"));
    if (delivered) {
      book.deliverQueued();
    }
    if (!update.equals("-")) {
      book.record(status("t", TaskState.valueOf(update), 1));
    }
    List<TaskInfo> out = book.toLaunch(set(unackedTasks), set(unackedUpdates));
    assertEquals(launched, out.size() == 1, () -> "launched " + out);
    assertEquals(List.of(), book.deliverQueued(), "a task sent as LAUNCH counts as delivered");
  }

  @Test
  void updatesAreHeldOncePerUuid() {
    TaskBook book = new TaskBook();
    book.add(task("t"));
    assertTrue(book.record(status("t", TaskState.TASK_RUNNING, 1)));
    assertFalse(book.record(status("t", TaskState.TASK_RUNNING, 1)), "duplicate uuid");
    assertTrue(book.record(status("t", TaskState.TASK_FINISHED, 2)));
    assertFalse(book.hasNonTerminal());
    assertTrue(book.record(status("unknown", TaskState.TASK_RUNNING, 3)), "unknown tasks' updates still travel");
  }

  @Test
  void queuedTasksAreDeliveredOnceInOrder() {
    TaskBook book = new TaskBook();
    book.add(task("a"));
    book.add(task("b"));
    assertEquals(List.of("a", "b"), book.deliverQueued().stream().map(t -> t.getTaskId().getValue()).toList());
    assertEquals(List.of(), book.deliverQueued());
    book.end("a", TaskState.TASK_KILLED);
    assertEquals(List.of("b"), book.nonTerminal().stream().map(TaskBook.Entry::id).toList());
  }

  @Test
  void aKillEndsAnUndeliveredTaskHereAndForwardsADeliveredOne() {
    TaskBook book = new TaskBook();
    assertEquals(TaskBook.KillOutcome.UNKNOWN, book.kill("nobody"));
    book.add(task("queued"));
    assertEquals(TaskBook.KillOutcome.KILLED_BEFORE_LAUNCH, book.kill("queued"));
    assertFalse(book.hasNonTerminal(), "the queued task ended as TASK_KILLED");
    assertEquals(TaskBook.KillOutcome.ALREADY_ENDED, book.kill("queued"));
    book.add(task("sent"));
    book.deliverQueued();
    assertEquals(TaskBook.KillOutcome.FORWARD, book.kill("sent"));
    assertTrue(book.hasNonTerminal(), "the executor decides how a delivered task ends");
  }
}
