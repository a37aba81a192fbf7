package io.k8sm.local.agent;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;

/**
 * The process of one executor run, once spawned: registered with the agent's live processes while
 * it runs, and destroyed (with its children) on request. A destroy asked for before the process
 * exists is remembered and carried out as soon as it does. Destruction blocks, so it runs on the
 * blocking dispatcher. Owned by one {@link ExecutorSupervisor}; not thread-safe.
 */
final class ExecutorProcessSlot {
  private final LiveProcesses live;
  private final Executor blocking;
  private Process process;
  private boolean destroyRequested;

  ExecutorProcessSlot(LiveProcesses live, Executor blocking) {
    this.live = live;
    this.blocking = blocking;
  }

  /** Spawns the executor's command (blocking work, on the blocking dispatcher). */
  CompletionStage<Process> launch(ExecutorRun run, Logger log) {
    if (run.spec().executor().getCommand().getUrisCount() > 0) {
      log.warn("{}: CommandInfo.uris are not fetched by mesos-local", run.label());
    }
    return ExecutorProcess.launch(run, blocking);
  }

  void started(Process p) {
    process = p;
    live.add(p.toHandle());
    if (destroyRequested) {
      destroy();
    }
  }

  void exited() {
    live.remove(process.toHandle());
  }

  void destroy() {
    if (process == null) {
      destroyRequested = true;
    } else {
      ProcessHandle handle = process.toHandle();
      CompletableFuture.runAsync(() -> ExecutorProcess.destroyTree(handle), blocking);
    }
  }
}
