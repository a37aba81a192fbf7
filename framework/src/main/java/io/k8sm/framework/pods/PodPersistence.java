package io.k8sm.framework.pods;

import java.util.function.Consumer;

/**
 * How the pod actors and their registry persist: the registry's persistence id, snapshot
 * cadence and retention, whom to tell when stored state cannot be read ({@code fatal}: the
 * process must not go on with an empty or partial cluster), and how to read every pod's state in
 * bulk at start ({@link StartupRead}).
 */
public record PodPersistence(String registryId, int snapshotEvery, int keepSnapshots, Consumer<String> fatal,
    StartupRead startupRead) {

  /** Without a bulk read at start: pods appear as their actors recover. */
  public PodPersistence(String registryId, int snapshotEvery, int keepSnapshots, Consumer<String> fatal) {
    this(registryId, snapshotEvery, keepSnapshots, fatal, StartupRead.NONE);
  }

  public static PodPersistence defaults(Consumer<String> fatal) {
    return new PodPersistence("pod-registry", 20, 2, fatal);
  }
}
