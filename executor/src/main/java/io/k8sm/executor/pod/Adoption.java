package io.k8sm.executor.pod;

import io.k8sm.executor.docker.ContainerNames;
import io.k8sm.executor.docker.ContainerSnapshot;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to do with the containers a task already has when its PodRunner starts (a restarted
 * executor, a re-delivered LAUNCH), as a pure function. A running infra container holds the pod's
 * network namespace and ports, so the pod is adopted: its app containers are taken over by name,
 * missing ones are created anew. Without a running infra container the namespace is gone and app
 * containers joined to it are useless: everything is removed and the pod starts fresh.
 */
public final class Adoption {
  private Adoption() {}

  public sealed interface Plan {}

  /** Adopt: {@code apps} maps container names of the spec to existing container ids. */
  public record Adopt(String infraId, Map<String, String> apps) implements Plan {}

  /** Start fresh after removing {@code stale} (container ids; empty when there was nothing). */
  public record Fresh(List<String> stale) implements Plan {}

  public static Plan plan(List<ContainerSnapshot> existing) {
    Optional<ContainerSnapshot> infra = existing.stream()
        .filter(c -> ContainerNames.INFRA_ROLE.equals(c.labels().get(ContainerNames.LABEL_ROLE)))
        .filter(ContainerSnapshot::running)
        .findFirst();
    if (infra.isEmpty()) {
      return new Fresh(existing.stream().map(ContainerSnapshot::id).toList());
    }
    Map<String, String> apps = new HashMap<>();
    existing.stream()
        .filter(c -> ContainerNames.APP_ROLE.equals(c.labels().get(ContainerNames.LABEL_ROLE)))
        .forEach(c -> apps.put(c.labels().get(ContainerNames.LABEL_CONTAINER), c.id()));
    return new Adopt(infra.get().id(), apps);
  }
}
