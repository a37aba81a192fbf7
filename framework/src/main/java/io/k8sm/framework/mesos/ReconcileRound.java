package io.k8sm.framework.mesos;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import scala.collection.immutable.HashMap;
import scala.collection.immutable.HashMap$;
import scala.jdk.javaapi.CollectionConverters;

/**
 * One explicit reconciliation round, as Mesos advises: ask about every task we believe exists,
 * strike each off as its status arrives, ask again about the rest after a backoff that doubles up
 * to a cap, and once nothing is left, finish with an implicit reconciliation. Immutable and pure.
 *
 * <p>The tasks still unanswered are a persistent map: striking one off shares the rest, so a
 * round of n tasks costs O(n log n) to answer in full. (A copy per answer made a round of the
 * 96,522 tasks of a 100,000-pod scheduler cost billions of entry copies.)
 */
public record ReconcileRound(HashMap<String, MesosCalls.KnownTask> pending, int attempt) {

  public static ReconcileRound of(List<MesosCalls.KnownTask> tasks) {
    HashMap<String, MesosCalls.KnownTask> m = HashMap$.MODULE$.empty();
    for (MesosCalls.KnownTask t : tasks) m = m.updated(t.taskId().getValue(), t);
    return new ReconcileRound(m, 0);
  }

  /** A status for {@code taskId} arrived (any state is an answer). */
  public ReconcileRound answered(String taskId) {
    return pending.contains(taskId) ? new ReconcileRound(pending.removed(taskId), attempt) : this;
  }

  public boolean done() {
    return pending.isEmpty();
  }

  /** How many tasks have not been answered yet. */
  public int unanswered() {
    return pending.size();
  }

  /** The round after another explicit request for the unanswered tasks. */
  public ReconcileRound retried() {
    return new ReconcileRound(pending, attempt + 1);
  }

  /** How long to wait for answers before asking again: min doubled per attempt, capped at max. */
  public Duration wait(Duration min, Duration max) {
    Duration d = min.multipliedBy(1L << Math.min(attempt, 20));
    return d.compareTo(max) > 0 ? max : d;
  }

  /**
   * The unanswered tasks by task id, in calls of at most {@code perCall}: a scheduler with 100,000
   * pods would otherwise ask about every task in one message of several megabytes.
   */
  public List<List<MesosCalls.KnownTask>> batches(int perCall) {
    if (perCall < 1) throw new IllegalArgumentException("at least one task per call, not " + perCall);
    List<MesosCalls.KnownTask> all = tasks();
    List<List<MesosCalls.KnownTask>> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += perCall) out.add(all.subList(i, Math.min(all.size(), i + perCall)));
    return out;
  }

  /** The unanswered tasks, by task id. */
  public List<MesosCalls.KnownTask> tasks() {
    List<MesosCalls.KnownTask> out = new ArrayList<>(pending.size());
    CollectionConverters.asJava(pending.values()).forEach(out::add);
    out.sort(Comparator.comparing(t -> t.taskId().getValue()));
    return List.copyOf(out);
  }
}
