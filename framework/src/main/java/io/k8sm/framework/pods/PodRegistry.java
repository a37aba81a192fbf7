package io.k8sm.framework.pods;

import io.k8sm.framework.persistence.Persisted;
import java.util.HashMap;
import java.util.Map;

/**
 * The durable list of pods: pod key ({@code namespace/name}) to the pod actor's persistence id.
 * The supervisor brings every entry back at start. Immutable; {@link #apply} folds its events.
 */
public record PodRegistry(Map<String, String> pods) implements Persisted {

  public static final PodRegistry EMPTY = new PodRegistry(Map.of());

  public PodRegistry {
    pods = Map.copyOf(pods);
  }

  public sealed interface Event extends Persisted {}

  public record PodRegistered(String key, String persistenceId) implements Event {}

  public record PodUnregistered(String key) implements Event {}

  public PodRegistry apply(Event e) {
    Map<String, String> next = new HashMap<>(pods);
    if (e instanceof PodRegistered r) {
      next.put(r.key(), r.persistenceId());
    } else if (e instanceof PodUnregistered u) {
      next.remove(u.key());
    }
    return new PodRegistry(next);
  }
}
