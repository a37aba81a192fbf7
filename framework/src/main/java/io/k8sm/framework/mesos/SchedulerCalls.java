package io.k8sm.framework.mesos;

import io.k8sm.framework.FrameworkSettings;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.DurationInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * Builds the scheduler Calls the bridge sends. Pure: everything Mesos is picky about (framework id
 * in both places on a re-SUBSCRIBE, the exact uuid bytes on ACKNOWLEDGE, roles on SUPPRESS/REVIVE)
 * is decided here and tested without a master.
 */
public final class SchedulerCalls {
  private SchedulerCalls() {}

  public static FrameworkInfo frameworkInfo(FrameworkSettings s, Optional<FrameworkID> id, String webuiUrl) {
    FrameworkInfo.Builder b = FrameworkInfo.newBuilder()
        .setUser(s.user())
        .setName(s.name())
        .setFailoverTimeout(s.failoverTimeout().toMillis() / 1000.0)
        .setCheckpoint(true)
        .addAllRoles(s.roles())
        .addCapabilities(capability(FrameworkInfo.Capability.Type.MULTI_ROLE))
        .addCapabilities(capability(FrameworkInfo.Capability.Type.PARTITION_AWARE))
        .addCapabilities(capability(FrameworkInfo.Capability.Type.TASK_KILLING_STATE));
    id.ifPresent(b::setId);
    if (!s.principal().isEmpty()) b.setPrincipal(s.principal());
    if (!s.hostname().isEmpty()) b.setHostname(s.hostname());
    if (webuiUrl != null && !webuiUrl.isEmpty()) b.setWebuiUrl(webuiUrl);
    return b.build();
  }

  /** SUBSCRIBE; a known id goes into both {@code framework_id} and {@code framework_info.id} (failover). */
  public static Call subscribe(FrameworkInfo info) {
    Call.Builder b = Call.newBuilder().setType(Call.Type.SUBSCRIBE)
        .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(info));
    if (info.hasId()) b.setFrameworkId(info.getId());
    return b.build();
  }

  /** The Call for one of the plain calls in {@link MesosCalls}: ACCEPT, DECLINE, SUPPRESS, REVIVE, KILL. */
  public static Call of(FrameworkID id, MesosBridge.Command m, List<String> roles) {
    if (m instanceof MesosCalls.Accept a) return accept(id, a);
    if (m instanceof MesosCalls.Decline d) return decline(id, d);
    if (m instanceof MesosCalls.Suppress) return suppress(id, roles);
    if (m instanceof MesosCalls.Revive) return revive(id, roles);
    if (m instanceof MesosCalls.Kill k) return kill(id, k);
    throw new IllegalArgumentException("not a plain call: " + m);
  }

  public static Call accept(FrameworkID id, MesosCalls.Accept a) {
    return Call.newBuilder().setType(Call.Type.ACCEPT).setFrameworkId(id)
        .setAccept(Call.Accept.newBuilder().addAllOfferIds(a.offerIds()).addAllOperations(a.operations())
            .setFilters(Filters.newBuilder().setRefuseSeconds(a.refuseSeconds())))
        .build();
  }

  public static Call decline(FrameworkID id, MesosCalls.Decline d) {
    return Call.newBuilder().setType(Call.Type.DECLINE).setFrameworkId(id)
        .setDecline(Call.Decline.newBuilder().addAllOfferIds(d.offerIds())
            .setFilters(Filters.newBuilder().setRefuseSeconds(d.refuseSeconds())))
        .build();
  }

  public static Call suppress(FrameworkID id, List<String> roles) {
    return Call.newBuilder().setType(Call.Type.SUPPRESS).setFrameworkId(id)
        .setSuppress(Call.Suppress.newBuilder().addAllRoles(roles)).build();
  }

  public static Call revive(FrameworkID id, List<String> roles) {
    return Call.newBuilder().setType(Call.Type.REVIVE).setFrameworkId(id)
        .setRevive(Call.Revive.newBuilder().addAllRoles(roles)).build();
  }

  public static Call kill(FrameworkID id, MesosCalls.Kill k) {
    Call.Kill.Builder kill = Call.Kill.newBuilder().setTaskId(k.taskId());
    k.agentId().ifPresent(kill::setAgentId);
    if (!k.grace().isZero()) {
      kill.setKillPolicy(KillPolicy.newBuilder().setGracePeriod(
          DurationInfo.newBuilder().setNanoseconds(k.grace().toNanos())));
    }
    return Call.newBuilder().setType(Call.Type.KILL).setFrameworkId(id).setKill(kill).build();
  }

  /** ACKNOWLEDGE for an update, or empty when it must not be acknowledged (no uuid). */
  public static Optional<Call> acknowledge(FrameworkID id, TaskStatus s) {
    if (!s.hasUuid() || s.getUuid().isEmpty() || !s.hasAgentId()) {
      return Optional.empty();
    }
    return Optional.of(Call.newBuilder().setType(Call.Type.ACKNOWLEDGE).setFrameworkId(id)
        .setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(s.getAgentId()).setTaskId(s.getTaskId())
            .setUuid(s.getUuid()))
        .build());
  }

  /** Implicit reconciliation: Mesos answers with the latest state of every task it knows of ours. */
  public static Call reconcileAll(FrameworkID id) {
    return Call.newBuilder().setType(Call.Type.RECONCILE).setFrameworkId(id)
        .setReconcile(Call.Reconcile.getDefaultInstance()).build();
  }

  /** Explicit reconciliation: Mesos answers with the latest state of each task (TASK_UNKNOWN/LOST if it knows none). */
  public static Call reconcile(FrameworkID id, List<MesosCalls.KnownTask> tasks) {
    Call.Reconcile.Builder r = Call.Reconcile.newBuilder();
    for (MesosCalls.KnownTask t : tasks) {
      Call.Reconcile.Task.Builder b = r.addTasksBuilder().setTaskId(t.taskId());
      t.agentId().ifPresent(b::setAgentId);
    }
    return Call.newBuilder().setType(Call.Type.RECONCILE).setFrameworkId(id).setReconcile(r).build();
  }

  public static Call teardown(FrameworkID id) {
    return Call.newBuilder().setType(Call.Type.TEARDOWN).setFrameworkId(id).build();
  }

  private static FrameworkInfo.Capability capability(FrameworkInfo.Capability.Type type) {
    return FrameworkInfo.Capability.newBuilder().setType(type).build();
  }


}
