package io.k8sm.local.master;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The query parameters of {@code /master/tasks}, read as the Mesos master reads them:
 * {@code limit} (default 100) and {@code offset} (default 0) as integers, anything unparsable
 * meaning the default; {@code order=asc} ascending, anything else descending; {@code framework_id}
 * and {@code task_id} exact filters when present.
 */
record TasksQuery(long limit, long offset, boolean ascending, Optional<String> frameworkId, Optional<String> taskId) {
  static final int DEFAULT_LIMIT = 100;

  static TasksQuery of(Map<String, String> params) {
    return new TasksQuery(number(params.get("limit"), DEFAULT_LIMIT), number(params.get("offset"), 0),
        "asc".equals(params.get("order")), Optional.ofNullable(params.get("framework_id")),
        Optional.ofNullable(params.get("task_id")));
  }

  boolean acceptsFramework(String id) {
    return frameworkId.isEmpty() || frameworkId.get().equals(id);
  }

  boolean acceptsTask(String id) {
    return taskId.isEmpty() || taskId.get().equals(id);
  }

  /**
   * The indexes to show, given each task's first status timestamp ({@code null}: no status yet):
   * sorted (stable) by that timestamp, then the window {@code [offset, offset + limit)}.
   */
  List<Integer> page(List<Double> firstTimestamps) {
    Comparator<Integer> byTime = (a, b) -> {
      Double x = firstTimestamps.get(a);
      Double y = firstTimestamps.get(b);
      if (x == null || y == null) {
        return x == null && y == null ? 0 : (x == null) == ascending ? -1 : 1;
      }
      return ascending ? Double.compare(x, y) : Double.compare(y, x);
    };
    List<Integer> order = new ArrayList<>(IntStream.range(0, firstTimestamps.size()).boxed().toList());
    order.sort(byTime);
    if (offset >= order.size()) {
      return List.of();
    }
    return order.subList((int) offset, (int) Math.min(order.size(), offset + limit));
  }

  /** A Mesos size_t read from an int: negative numbers wrap to huge ones. */
  private static long number(String text, long fallback) {
    if (text == null) {
      return fallback;
    }
    try {
      int v = Integer.parseInt(text.trim());
      return v < 0 ? Long.MAX_VALUE / 2 : v;
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
