package io.k8sm.framework.pods;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The supervisor's side of the registry journal, as plain data: registrations and unregistrations
 * waiting to be written, at most one batch in flight, and the creates each registration answers.
 * No actor, no clock: {@link #next} says what to write now, {@link #written} what a stored batch
 * settles.
 *
 * <p>Invariants: events go out in the order they came (per key: an unregistration before a later
 * registration of the same name); a batch holds at most {@code maxBatch} events; a key is
 * {@link #registering} from {@link #register} until its batch is stored.
 */
final class RegistryWrites {

  /** A registration that is stored: spawn its pod, which answers {@code create}. */
  record Registered(String key, String persistenceId, PodSupervisor.CreatePod create) {}

  private final int maxBatch;
  private final Map<String, Registered> pending = new HashMap<>();
  private final ArrayDeque<PodRegistry.Event> queued = new ArrayDeque<>();
  private List<PodRegistry.Event> inFlight;

  RegistryWrites(int maxBatch) {
    this.maxBatch = maxBatch;
  }

  boolean registering(String key) {
    return pending.containsKey(key);
  }

  void register(PodSupervisor.CreatePod create, String persistenceId) {
    String key = create.spec().key();
    pending.put(key, new Registered(key, persistenceId, create));
    queued.add(new PodRegistry.PodRegistered(key, persistenceId));
  }

  void unregister(String key) {
    queued.add(new PodRegistry.PodUnregistered(key));
  }

  /** The batch to write now: empty while one is in flight or nothing waits. */
  Optional<List<PodRegistry.Event>> next() {
    if (inFlight != null || queued.isEmpty()) return Optional.empty();
    List<PodRegistry.Event> batch = new ArrayList<>(Math.min(maxBatch, queued.size()));
    while (batch.size() < maxBatch && !queued.isEmpty()) batch.add(queued.poll());
    inFlight = List.copyOf(batch);
    return Optional.of(inFlight);
  }

  /**
   * A batch is stored: the registrations it settles, in order. A batch this instance did not send
   * (written for a previous life of the supervisor) settles nothing.
   */
  List<Registered> written(List<PodRegistry.Event> events) {
    if (!events.equals(inFlight)) return List.of();
    inFlight = null;
    List<Registered> done = new ArrayList<>();
    for (PodRegistry.Event e : events) {
      if (e instanceof PodRegistry.PodRegistered r && pending.containsKey(r.key())
          && pending.get(r.key()).persistenceId().equals(r.persistenceId())) {
        done.add(pending.remove(r.key()));
      }
    }
    return done;
  }
}
