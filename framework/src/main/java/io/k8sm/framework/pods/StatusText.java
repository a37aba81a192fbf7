package io.k8sm.framework.pods;

import com.google.protobuf.InvalidProtocolBufferException;
import io.k8sm.protocol.pod.PodStatusReport;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskStatus;

/** Reads what a task status update says, for the pod's status and message. Pure. */
final class StatusText {
  private StatusText() {}

  /** The executor's {@code PodStatusReport} in {@code data}, if there is a readable one. */
  static Optional<PodStatusReport> report(TaskStatus s) {
    if (!s.hasData() || s.getData().isEmpty()) return Optional.empty();
    try {
      return Optional.of(PodStatusReport.parseFrom(s.getData()));
    } catch (InvalidProtocolBufferException e) {
      return Optional.empty();
    }
  }

  /** The most useful words an update carries: the executor's reason and message, else Mesos'. */
  static String detail(TaskStatus s) {
    Optional<PodStatusReport> r = report(s);
    if (r.isPresent() && !r.get().getMessage().isEmpty()) {
      return (r.get().getReason().isEmpty() ? "" : r.get().getReason() + ": ") + r.get().getMessage();
    }
    if (r.isPresent() && !r.get().getReason().isEmpty()) return r.get().getReason();
    String reason = s.hasReason() ? s.getReason().name() : "";
    return s.getMessage().isEmpty() ? reason : s.getMessage() + (reason.isEmpty() ? "" : " [" + reason + "]");
  }
}
