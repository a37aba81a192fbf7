package io.k8sm.local.agent;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The executor processes one agent has running, shared by its executor actors (which add and
 * remove them) and {@link RealAgent}'s shutdown hook, the last resort that kills what a graceful
 * stop did not end in time, so that an agent never leaves orphans behind when its JVM stops.
 */
final class LiveProcesses {
  private final Set<ProcessHandle> processes = ConcurrentHashMap.newKeySet();

  void add(ProcessHandle process) {
    processes.add(process);
  }

  void remove(ProcessHandle process) {
    processes.remove(process);
  }

  int size() {
    return processes.size();
  }

  /** SIGKILLs every remaining process tree. */
  void destroyAll() {
    processes.forEach(ExecutorProcess::destroyTree);
  }
}
