package io.k8sm.framework.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import scala.collection.Iterator;
import scala.collection.immutable.TreeMap;
import scala.collection.immutable.TreeMap$;
import scala.math.Ordering;

/**
 * The object store's contents at one resourceVersion: pods by key and agents by id, in key order.
 * Immutable and persistent (Scala's red-black {@code TreeMap}: a change copies only the path to
 * one entry), so the store can publish a new snapshot on every change and readers on any thread
 * use one without locks or asks.
 *
 * <p>Invariant: every pod in a snapshot has a resourceVersion at most the snapshot's; a list read
 * from one snapshot is exactly the store's state at {@link #resourceVersion()}.
 */
public final class StoreSnapshot {
  static final StoreSnapshot EMPTY = new StoreSnapshot(0, TreeMap$.MODULE$.empty(Ordering.String$.MODULE$),
      TreeMap$.MODULE$.empty(Ordering.String$.MODULE$));

  private final long resourceVersion;
  private final TreeMap<String, StoredPod> pods;
  private final TreeMap<String, ObjectStore.AgentView> agents;

  private StoreSnapshot(long resourceVersion, TreeMap<String, StoredPod> pods,
      TreeMap<String, ObjectStore.AgentView> agents) {
    this.resourceVersion = resourceVersion;
    this.pods = pods;
    this.agents = agents;
  }

  /** The version of the last change this snapshot includes. */
  public long resourceVersion() {
    return resourceVersion;
  }

  public Optional<StoredPod> pod(String key) {
    scala.Option<StoredPod> found = pods.get(key);
    return found.isEmpty() ? Optional.empty() : Optional.of(found.get());
  }

  /** The pods whose labels the selector matches, in key order. */
  public List<StoredPod> pods(LabelSelector selector) {
    List<StoredPod> out = new ArrayList<>(selector.isAll() ? pods.size() : 16);
    for (Iterator<StoredPod> it = pods.valuesIterator(); it.hasNext(); ) {
      StoredPod p = it.next();
      if (selector.matches(p.record().spec().labels())) out.add(p);
    }
    return out;
  }

  public int podCount() {
    return pods.size();
  }

  public List<ObjectStore.AgentView> agents() {
    List<ObjectStore.AgentView> out = new ArrayList<>(agents.size());
    for (Iterator<ObjectStore.AgentView> it = agents.valuesIterator(); it.hasNext(); ) out.add(it.next());
    return out;
  }

  StoreSnapshot withPod(long version, StoredPod pod) {
    return new StoreSnapshot(version, pods.updated(pod.key(), pod), agents);
  }

  StoreSnapshot withoutPod(long version, String key) {
    return new StoreSnapshot(version, pods.removed(key), agents);
  }

  /** Agents are not versioned objects: adding one keeps the resourceVersion. */
  StoreSnapshot withAgent(ObjectStore.AgentView agent) {
    return new StoreSnapshot(resourceVersion, pods, agents.updated(agent.agentId(), agent));
  }
}
