package io.k8sm.local.master;

import com.google.protobuf.ByteString;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * The reliable status updates of one framework, as Mesos's status update manager keeps them: per
 * task a queue of uuid-bearing updates of which only the head is in flight. The head is resent with
 * exponential backoff until the scheduler acknowledges exactly its uuid; then the next one goes.
 *
 * <p>Pure bookkeeping: the caller passes the time and sends what the methods return.
 */
public final class StatusUpdateQueue {
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Map<TaskID, TaskQueue> tasks = new LinkedHashMap<>();

  private static final class TaskQueue {
    final Deque<TaskStatus> pending = new ArrayDeque<>();
    long dueAtMillis;
    long backoffMillis;
  }

  /** What an ACKNOWLEDGE did: the next update to send now, or why nothing matched. */
  public sealed interface AckResult {
    record Acked(TaskStatus acked, Optional<TaskStatus> next) implements AckResult {}

    record Rejected(String reason) implements AckResult {}
  }

  public StatusUpdateQueue(Duration initialBackoff, Duration maxBackoff) {
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
  }

  /**
   * Queues an update that carries a uuid. Returns it when it should be sent now (nothing else of
   * its task is in flight); otherwise it waits behind the in-flight one.
   */
  public Optional<TaskStatus> enqueue(TaskStatus status, long nowMillis) {
    if (!status.hasUuid()) {
      throw new IllegalArgumentException("only updates with a uuid are acknowledged");
    }
    TaskQueue q = tasks.computeIfAbsent(status.getTaskId(), t -> new TaskQueue());
    q.pending.addLast(status);
    if (q.pending.size() == 1) {
      arm(q, nowMillis, initialBackoff.toMillis());
      return Optional.of(status);
    }
    return Optional.empty();
  }

  /** Handles ACKNOWLEDGE: the uuid must be that of the task's in-flight update. */
  public AckResult acknowledge(TaskID task, ByteString uuid, long nowMillis) {
    TaskQueue q = tasks.get(task);
    if (q == null || q.pending.isEmpty()) {
      return new AckResult.Rejected("no status update of task '" + task.getValue() + "' awaits acknowledgement");
    }
    TaskStatus head = q.pending.peekFirst();
    if (!head.getUuid().equals(uuid)) {
      return new AckResult.Rejected("uuid does not match the in-flight status update of task '" + task.getValue() + "'");
    }
    q.pending.removeFirst();
    if (q.pending.isEmpty()) {
      tasks.remove(task);
      return new AckResult.Acked(head, Optional.empty());
    }
    arm(q, nowMillis, initialBackoff.toMillis());
    return new AckResult.Acked(head, Optional.of(q.pending.peekFirst()));
  }

  /** In-flight updates whose retry time has come; each is rescheduled with doubled backoff. */
  public List<TaskStatus> due(long nowMillis) {
    List<TaskStatus> out = new ArrayList<>();
    for (TaskQueue q : tasks.values()) {
      if (q.dueAtMillis <= nowMillis) {
        out.add(q.pending.peekFirst());
        arm(q, nowMillis, Math.min(q.backoffMillis * 2, maxBackoff.toMillis()));
      }
    }
    return out;
  }

  /** Every in-flight update, restarting their backoff (used when a scheduler re-subscribes). */
  public List<TaskStatus> inFlight(long nowMillis) {
    List<TaskStatus> out = new ArrayList<>();
    for (TaskQueue q : tasks.values()) {
      out.add(q.pending.peekFirst());
      arm(q, nowMillis, initialBackoff.toMillis());
    }
    return out;
  }

  /** True while the task has an unacknowledged update (the master then keeps the task). */
  public boolean hasPending(TaskID task) {
    return tasks.containsKey(task);
  }

  public void forget(TaskID task) {
    tasks.remove(task);
  }

  public int size() {
    return tasks.values().stream().mapToInt(q -> q.pending.size()).sum();
  }

  private static void arm(TaskQueue q, long nowMillis, long backoffMillis) {
    q.backoffMillis = Math.max(1, backoffMillis);
    q.dueAtMillis = nowMillis + q.backoffMillis;
  }
}
