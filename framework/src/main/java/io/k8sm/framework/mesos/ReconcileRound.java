package io.k8sm.framework.mesos;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One explicit reconciliation round, as Mesos advises: ask about every task we believe exists,
 * strike each off as its status arrives, ask again about the rest after a backoff that doubles up
 * to a cap, and once nothing is left, finish with an implicit reconciliation. Immutable and pure.
 */
public record ReconcileRound(Map<String, MesosCalls.KnownTask> unanswered, int attempt) {

  public ReconcileRound {
    unanswered = Map.copyOf(unanswered);
  }

  public static ReconcileRound of(List<MesosCalls.KnownTask> tasks) {
    Map<String, MesosCalls.KnownTask> m = new LinkedHashMap<>();
    tasks.forEach(t -> m.put(t.taskId().getValue(), t));
    return new ReconcileRound(m, 0);
  }

  /** A status for {@code taskId} arrived (any state is an answer). */
  public ReconcileRound answered(String taskId) {
    if (!unanswered.containsKey(taskId)) return this;
    Map<String, MesosCalls.KnownTask> m = new LinkedHashMap<>(unanswered);
    m.remove(taskId);
    return new ReconcileRound(m, attempt);
  }

  public boolean done() {
    return unanswered.isEmpty();
  }

  /** The round after another explicit request for the unanswered tasks. */
  public ReconcileRound retried() {
    return new ReconcileRound(unanswered, attempt + 1);
  }

  /** How long to wait for answers before asking again: min doubled per attempt, capped at max. */
  public Duration wait(Duration min, Duration max) {
    Duration d = min.multipliedBy(1L << Math.min(attempt, 20));
    return d.compareTo(max) > 0 ? max : d;
  }

  public List<MesosCalls.KnownTask> tasks() {
    return List.copyOf(unanswered.values());
  }
}
