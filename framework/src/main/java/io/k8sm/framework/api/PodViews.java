package io.k8sm.framework.api;

import io.k8sm.framework.api.v1beta1.Container;
import io.k8sm.framework.api.v1beta1.CurrentState;
import io.k8sm.framework.api.v1beta1.Pod;
import io.k8sm.framework.pods.PodSpec;
import io.k8sm.framework.store.PodRecord;
import io.k8sm.protocol.pod.ContainerStatus;
import io.k8sm.protocol.pod.PodStatusReport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders a stored pod the way {@code /api/v1beta1/pods} shows it. Pure. */
public final class PodViews {
  private PodViews() {}

  public static Pod toV1beta1(PodRecord r) {
    PodSpec spec = r.spec();
    PodRecord.Status s = r.status();
    PodStatusReport report = s.report().orElse(PodStatusReport.getDefaultInstance());
    Map<String, CurrentState.ContainerInfo> info = new LinkedHashMap<>();
    for (Container c : spec.manifest().containers()) {
      ContainerStatus cs = report.getContainersList().stream().filter(x -> x.getName().equals(c.name())).findFirst()
          .orElse(null);
      info.put(c.name(), cs == null
          ? new CurrentState.ContainerInfo(Map.of("waiting", Map.of("reason", s.message())), 0, c.image())
          : new CurrentState.ContainerInfo(state(cs), cs.getRestartCount(), cs.getImage().isEmpty() ? c.image() : cs.getImage()));
    }
    CurrentState current = new CurrentState(s.phase().v1beta1Status(), emptyToNull(s.host()),
        emptyToNull(report.getHostIp()), emptyToNull(report.getPodIp()), info, s.message());
    return new Pod("Pod", "v1beta1", spec.name(), spec.uid(), spec.created().toString(), r.resourceVersion(),
        spec.labels(), new Pod.DesiredState(spec.manifest()), current);
  }

  private static Map<String, Object> state(ContainerStatus cs) {
    Map<String, Object> detail = new LinkedHashMap<>();
    if (cs.hasRunning()) {
      detail.put("startedAt", Instant.ofEpochMilli(cs.getRunning().getStartedAtMillis()).toString());
      return Map.of("running", detail);
    }
    if (cs.hasTerminated()) {
      detail.put("exitCode", cs.getTerminated().getExitCode());
      if (!cs.getTerminated().getReason().isEmpty()) detail.put("reason", cs.getTerminated().getReason());
      if (!cs.getTerminated().getMessage().isEmpty()) detail.put("message", cs.getTerminated().getMessage());
      return Map.of("termination", detail);
    }
    if (!cs.getWaiting().getReason().isEmpty()) detail.put("reason", cs.getWaiting().getReason());
    if (!cs.getWaiting().getMessage().isEmpty()) detail.put("message", cs.getWaiting().getMessage());
    return Map.of("waiting", detail);
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
