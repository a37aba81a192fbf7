package io.k8sm.local.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;

/** How /master/tasks reads its query and pages, and how resources are summarised, as Mesos does. */
class TasksQueryTest {
  static final List<Double> TIMES = Arrays.asList(2.0, null, 1.0, 3.0);

  @Test
  void descendingByFirstStatusIsTheDefaultWithStatuslessTasksLast() {
    assertEquals(List.of(3, 0, 2, 1), TasksQuery.of(Map.of()).page(TIMES));
    assertEquals(List.of(3, 0, 2, 1), TasksQuery.of(Map.of("order", "ASC")).page(TIMES), "only 'asc' ascends");
  }

  @Test
  void ascendingPutsStatuslessTasksFirst() {
    assertEquals(List.of(1, 2, 0, 3), TasksQuery.of(Map.of("order", "asc")).page(TIMES));
  }

  @Test
  void offsetAndLimitCutTheSortedList() {
    assertEquals(List.of(2, 0), TasksQuery.of(Map.of("order", "asc", "offset", "1", "limit", "2")).page(TIMES));
    assertEquals(List.of(), TasksQuery.of(Map.of("offset", "4")).page(TIMES));
    assertEquals(List.of(), TasksQuery.of(Map.of("limit", "0")).page(TIMES));
    assertEquals(4, TasksQuery.of(Map.of("limit", "x", "offset", "y")).page(TIMES).size(), "unparsable: defaults");
    assertEquals(100, TasksQuery.of(Map.of()).limit());
  }

  @Test
  void idFiltersMatchExactlyWhenGiven() {
    TasksQuery q = TasksQuery.of(Map.of("framework_id", "f", "task_id", "t"));
    assertTrue(q.acceptsFramework("f") && q.acceptsTask("t"));
    assertFalse(q.acceptsFramework("g") || q.acceptsTask("tt"));
    assertTrue(TasksQuery.of(Map.of()).acceptsTask("anything"));
  }

  @Test
  void rangesAreCoalescedAndWrittenAsMesosPrintsThem() {
    assertEquals("[31000-31005, 31010-31010]", ResourceJson.rangesText(List.of(range(31010, 31010), range(31000, 31002),
        range(31003, 31005))));
    assertEquals("[]", ResourceJson.rangesText(List.of()));
  }

  static Value.Range range(long b, long e) {
    return Value.Range.newBuilder().setBegin(b).setEnd(e).build();
  }
}
