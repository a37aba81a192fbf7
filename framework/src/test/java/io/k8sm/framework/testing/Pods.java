package io.k8sm.framework.testing;

import io.k8sm.framework.FrameworkSettings;
import io.k8sm.framework.api.v1beta1.Container;
import io.k8sm.framework.api.v1beta1.Manifest;
import io.k8sm.framework.api.v1beta1.Pod;
import io.k8sm.framework.pods.PodSpec;
import io.k8sm.framework.pods.PodSpecs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Pod fixtures: {@code Pods.spec("web", 500, 31080)} (millicores, host ports). */
public final class Pods {
  private Pods() {}

  public static final FrameworkSettings.Pods FAST = new FrameworkSettings.Pods(Duration.ofMillis(50),
      Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(500), Duration.ofSeconds(1),
      "default");

  public static Pod v1beta1(String id, long cpuMillis, Map<String, Object> restartPolicy, Integer... hostPorts) {
    List<Container.Port> ports = new ArrayList<>();
    for (int i = 0; i < hostPorts.length; i++) {
      ports.add(new Container.Port(null, hostPorts[i], 80 + i, "TCP"));
    }
    Container c = new Container("app", "k8sm/httpd:1", null, null, null, ports, cpuMillis, 32L << 20, null);
    Manifest.RestartPolicy policy = restartPolicy == null ? null : new Manifest.RestartPolicy(
        (Map<String, Object>) restartPolicy.get("always"), (Map<String, Object>) restartPolicy.get("onFailure"),
        (Map<String, Object>) restartPolicy.get("never"));
    return new Pod(null, null, id, null, null, null, Map.of("name", id),
        new Pod.DesiredState(new Manifest("v1beta1", id, null, List.of(c), policy)), null);
  }

  public static PodSpec spec(String id, long cpuMillis, Integer... hostPorts) {
    return spec(v1beta1(id, cpuMillis, null, hostPorts));
  }

  public static PodSpec spec(Pod pod) {
    return PodSpecs.from(pod, "default", UUID.randomUUID().toString(), Instant.now(),
        new PodSpecs.Defaults(100, 64, 0));
  }

  public static PodSpec never(String id) {
    return spec(v1beta1(id, 100, Map.of("never", Map.of())));
  }
}
