package io.k8sm.framework.pods;

import io.k8sm.framework.persistence.Persisted;
import java.util.Map;
import scala.collection.immutable.HashMap;
import scala.collection.immutable.HashMap$;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The durable list of pods: pod key ({@code namespace/name}) to the pod actor's persistence id,
 * kept by {@link PodRegistrar}; the supervisor brings every entry back at start.
 *
 * <p>Immutable, so a snapshot of it may be serialized on another thread while later events are
 * folded. The entries are a persistent hash map: {@link #apply} shares all but a path of it with the
 * state before (O(log n) per event, never a copy of the whole map), which keeps a burst of thousands
 * of registrations and the replay of a long journal cheap.
 */
public record PodRegistry(HashMap<String, String> entries) implements Persisted {

  public static final PodRegistry EMPTY = new PodRegistry(HashMap$.MODULE$.<String, String>empty());

  /** From a plain map (a snapshot read back). */
  public PodRegistry(Map<String, String> pods) {
    this(fold(pods));
  }

  public sealed interface Event extends Persisted {}

  /** The key is interned, as {@link PodSpec#key()} is: a pod brought back keeps one String for it. */
  public record PodRegistered(String key, String persistenceId) implements Event {
    public PodRegistered {
      key = key.intern();
    }
  }

  public record PodUnregistered(String key) implements Event {}

  public PodRegistry apply(Event e) {
    if (e instanceof PodRegistered r) return new PodRegistry(entries.updated(r.key(), r.persistenceId()));
    if (e instanceof PodUnregistered u) return new PodRegistry(entries.removed(u.key()));
    return this;
  }

  /** A read-only view (no copy): key to persistence id. */
  public Map<String, String> pods() {
    return CollectionConverters.asJava(entries);
  }

  private static HashMap<String, String> fold(Map<String, String> pods) {
    HashMap<String, String> m = HashMap$.MODULE$.empty();
    for (Map.Entry<String, String> e : pods.entrySet()) m = m.updated(e.getKey().intern(), e.getValue());
    return m;
  }
}
