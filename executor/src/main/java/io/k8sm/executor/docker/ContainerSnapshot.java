package io.k8sm.executor.docker;

import java.util.Map;

/**
 * What Docker says about one container at one moment (from inspect or list).
 *
 * @param startedAtMillis 0 when never started
 * @param finishedAtMillis 0 when it has not exited since its last start
 */
public record ContainerSnapshot(
    String id,
    String name,
    Map<String, String> labels,
    boolean running,
    int exitCode,
    boolean oomKilled,
    long startedAtMillis,
    long finishedAtMillis) {}
