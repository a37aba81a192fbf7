package io.k8sm.framework.pods;

import akka.actor.typed.ActorRef;
import io.k8sm.framework.mesos.MesosBridge;
import io.k8sm.framework.mesos.MesosCalls;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.TaskID;

/**
 * The tasks the pods hold, as their {@link PodSupervisor.PodTask} notes say, for explicit
 * reconciliation. Plain state of the {@link PodSupervisor}.
 *
 * <p>Invariant: a list is answered only once every pod brought back at start has reported (or is
 * gone), so explicit reconciliation after a restart names every task in the journal, not just
 * those of the pods that happened to have recovered when the subscription came up. A caller that
 * asks earlier waits; {@link #overdue} lets the supervisor answer anyway after a patience.
 */
final class TaskListing {
  private final Map<String, PodSupervisor.PodTask> tasks = new HashMap<>();
  private final Set<String> unreported = new HashSet<>();
  private final List<ActorRef<MesosBridge.Command>> waiting = new ArrayList<>();

  /** A pod brought back at start: lists wait for its first report. */
  void expect(String key) {
    unreported.add(key);
  }

  /** Records a pod's note; returns the callers that can be answered now. */
  List<ActorRef<MesosBridge.Command>> reported(PodSupervisor.PodTask note) {
    tasks.put(note.key(), note);
    return settled(note.key());
  }

  /**
   * The pod's task as the journal holds it (read in bulk at start), taken only while the pod has
   * not reported itself; returns the callers that can be answered now.
   */
  List<ActorRef<MesosBridge.Command>> seeded(PodSupervisor.PodTask note) {
    if (!unreported.contains(note.key())) return List.of();
    return reported(note);
  }

  /** The pod is gone (or stopped); returns the callers that can be answered now. */
  List<ActorRef<MesosBridge.Command>> forget(String key) {
    tasks.remove(key);
    return settled(key);
  }

  /** True when the list can be answered now; otherwise the caller waits (and was the first to, when {@code waiting() == 1}). */
  boolean ask(ActorRef<MesosBridge.Command> replyTo) {
    if (unreported.isEmpty()) return true;
    waiting.add(replyTo);
    return false;
  }

  int waiting() {
    return waiting.size();
  }

  int unreported() {
    return unreported.size();
  }

  /** Every caller still waiting, to be answered with what is known. */
  List<ActorRef<MesosBridge.Command>> overdue() {
    List<ActorRef<MesosBridge.Command>> out = List.copyOf(waiting);
    waiting.clear();
    return out;
  }

  /** The live tasks: those with an id whose pod has not ended. */
  List<MesosCalls.KnownTask> known() {
    return tasks.values().stream().filter(t -> !t.taskId().isEmpty() && !t.phase().ended())
        .map(t -> new MesosCalls.KnownTask(TaskID.newBuilder().setValue(t.taskId()).build(),
            t.agentId().isEmpty() ? Optional.empty() : Optional.of(AgentID.newBuilder().setValue(t.agentId()).build())))
        .toList();
  }

  private List<ActorRef<MesosBridge.Command>> settled(String key) {
    if (!unreported.remove(key) || !unreported.isEmpty()) return List.of();
    return overdue();
  }
}
