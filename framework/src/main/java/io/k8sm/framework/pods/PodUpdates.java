package io.k8sm.framework.pods;

import akka.persistence.typed.javadsl.Effect;
import io.k8sm.framework.mesos.MesosCalls;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * Status updates of one {@link PodActor}: {@link Reconciliation} judges the reported task against
 * the journal, {@link PodLifecycle} decides what the pod's own task's state means (run, restart
 * under the policy, end, go). Part of the pod actor (its handlers run on the actor's thread).
 *
 * <p>Invariants: an update is receipted to the bridge only after its event is persisted (or when
 * there is nothing to persist); a live task that is not the pod's current one is killed (one live
 * task per pod); the terminal update of a deleted pod is persisted together with its removal.
 */
final class PodUpdates extends PodPath {
  private final PodLaunch launch;

  PodUpdates(Parts parts, PodLaunch launch) {
    super(parts);
    this.launch = launch;
  }

  Effect<PodEvent, PodState> onUpdate(PodState s, PodActor.TaskUpdate m) {
    TaskStatus st = m.status();
    Reconciliation.Verdict verdict = s.exists()
        ? Reconciliation.judge(s.task(), s.phase(), s.spec().restartPolicy(), st.getTaskId().getValue(), st.getState())
        : Reconciliation.judge(null, s.phase(), PodSpec.RestartPolicy.NEVER, st.getTaskId().getValue(), st.getState());
    if (verdict instanceof Reconciliation.Verdict.Kill k) {
      // e.g. an earlier task of this pod is alive again (its agent came back): one live task per pod.
      ctx.getLog().warn("killing: {}", k.why());
      deps.bridge().tell(new MesosCalls.Kill(st.getTaskId(), st.hasAgentId() ? Optional.of(st.getAgentId())
          : Optional.empty(), deps.timings().killGrace()));
    }
    if (!(verdict instanceof Reconciliation.Verdict.Apply apply)) {
      m.ackTo().tell(new MesosCalls.UpdateTaken(st));
      return effects.none();
    }
    launch.confirmed();
    PodLifecycle.Next next = apply.next();
    PodEvent.TaskStatusChanged changed = PodState.changed(st);
    if (next instanceof PodLifecycle.Next.Gone) {
      return effects.persist(List.of(changed, new PodEvent.PodRemoved("its task ended after delete"))).thenRun(ns -> {
        m.ackTo().tell(new MesosCalls.UpdateTaken(st));
        gone.accept(ns);
      }).thenStop();
    }
    return effects.persist(changed).thenRun(ns -> {
      if (next instanceof PodLifecycle.Next.Run && s.phase() != PodPhase.RUNNING) {
        ctx.getLog().info("pod {} running on {}", ns.spec().key(), ns.host());
      } else if (next instanceof PodLifecycle.Next.Reschedule) {
        Duration delay = new Backoff(deps.timings().restartMin(), deps.timings().restartMax()).delay(ns.restarts() - 1);
        ctx.getLog().info("pod {}: {}; restart {} in {}", ns.spec().key(), ns.message(), ns.restarts(), delay);
        timers.startSingleTimer(PodActor.Retry.class, new PodActor.Retry(), delay);
      } else if (next instanceof PodLifecycle.Next.End) {
        ctx.getLog().info("pod {} ended {}: {}", ns.spec().key(), ns.phase(), ns.message());
      }
      publish.accept(ns);
      m.ackTo().tell(new MesosCalls.UpdateTaken(st));
    });
  }

  /** Treated as a TASK_LOST from the master for the current task: the restart policy decides. */
  Effect<PodEvent, PodState> onTasksLost(PodState s, PodActor.TasksLost m) {
    if (!s.hasTask()) return effects.none();
    TaskStatus lost = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue(s.task()))
        .setState(TaskState.TASK_LOST).setSource(TaskStatus.Source.SOURCE_MASTER).setMessage(m.reason()).build();
    return onUpdate(s, new PodActor.TaskUpdate(lost, ctx.getSystem().ignoreRef()));
  }
}
