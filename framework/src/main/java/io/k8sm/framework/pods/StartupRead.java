package io.k8sm.framework.pods;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.DispatcherSelector;
import akka.serialization.SerializationExtension;
import io.k8sm.framework.persistence.JournalScan;
import io.k8sm.framework.persistence.Store;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;

/**
 * Every registered pod's stored state, read in bulk at start. Each pod actor still recovers from
 * its own journal (that is what it acts on); this read only lets the API show every pod, and
 * reconciliation name every task, before the last of thousands of actors has finished recovering.
 */
@FunctionalInterface
public interface StartupRead {

  /** The state each of {@code persistenceIds} folds to, as far as the store holds it. */
  CompletionStage<Map<String, PodState>> read(Set<String> persistenceIds);

  /** Reads nothing: pods appear as their actors recover. */
  StartupRead NONE = ids -> CompletableFuture.completedFuture(Map.of());

  /** Reads {@code store} directly, on the blocking dispatcher of {@code system}. */
  static StartupRead from(Store store, ActorSystem<?> system) {
    Executor blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
    return ids -> CompletableFuture.supplyAsync(() -> {
      try {
        Map<String, PodState> out = new HashMap<>();
        JournalScan.read(store, SerializationExtension.get(system), "pod-", ids)
            .forEach((id, stored) -> out.put(id, fold(stored)));
        return out;
      } catch (java.sql.SQLException e) {
        throw new java.util.concurrent.CompletionException(e);
      }
    }, blocking);
  }

  /** What the pod actor's recovery arrives at: the snapshot, then each later event. */
  static PodState fold(JournalScan.Stored stored) {
    PodState s = stored.snapshot() instanceof PodState snapshot ? snapshot : PodState.EMPTY;
    for (Object e : stored.events()) s = s.apply((PodEvent) e);
    return s;
  }
}
