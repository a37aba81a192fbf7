package io.k8sm.executor;

import akka.actor.testkit.typed.javadsl.TestProbe;
import com.google.protobuf.InvalidProtocolBufferException;
import io.k8sm.executor.pod.PodRunner;
import io.k8sm.protocol.pod.PodStatusReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/** Waits for pod updates on a probe, with bounded waits. */
public final class Updates {
  private Updates() {}

  public static PodStatusReport report(TaskStatus status) {
    try {
      return PodStatusReport.parseFrom(status.getData());
    } catch (InvalidProtocolBufferException e) {
      throw new AssertionError("status data is not a PodStatusReport", e);
    }
  }

  /** The first update matching {@code p} within {@code max}; fails listing what came instead. */
  public static TaskStatus await(TestProbe<PodRunner.Update> probe, Duration max, Predicate<TaskStatus> p) {
    long deadline = System.nanoTime() + max.toNanos();
    List<String> seen = new ArrayList<>();
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no matching update within " + max + "; got: " + seen);
      }
      TaskStatus s;
      try {
        s = probe.receiveMessage(Duration.ofNanos(left)).status();
      } catch (AssertionError timeout) {
        throw new AssertionError("no matching update within " + max + "; got: " + seen, timeout);
      }
      if (p.test(s)) {
        return s;
      }
      seen.add(s.getState() + " " + s.getMessage());
    }
  }

  public static TaskStatus awaitState(TestProbe<PodRunner.Update> probe, TaskState state, Duration max) {
    return await(probe, max, s -> s.getState() == state);
  }
}
