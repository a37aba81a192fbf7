package io.k8sm.framework.store;

/**
 * Where the object store publishes its contents for readers on other threads (the REST API): one
 * volatile reference to the latest immutable {@link StoreSnapshot}. The object store actor is the
 * only writer; a GET reads {@link #current()} and never asks an actor.
 *
 * <p>Invariant: the published snapshots' resourceVersions never decrease, and a reader that saw a
 * snapshot never sees an older one afterwards.
 */
public final class ReadModel {
  private volatile StoreSnapshot current = StoreSnapshot.EMPTY;

  /** The latest published snapshot. */
  public StoreSnapshot current() {
    return current;
  }

  void publish(StoreSnapshot next) {
    current = next;
  }
}
