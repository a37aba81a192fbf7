package io.k8sm.framework.mesos;

import io.k8sm.protocol.client.CallRules;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * The scheduler's rules for its {@link io.k8sm.protocol.client.Outbox}: every call may be sent again
 * after an uncertain failure but ACCEPT (a repeated ACCEPT of a spent offer would drop the tasks it
 * launched), and SUPPRESS and REVIVE set one switch, so only the newest of them counts.
 */
enum SchedulerCallRules implements CallRules<Call> {
  INSTANCE;

  @Override
  public String name(Call call) {
    return call.getType().name();
  }

  @Override
  public boolean idempotent(Call call) {
    return call.getType() != Call.Type.ACCEPT;
  }

  @Override
  public boolean setsSwitch(Call call) {
    return call.getType() == Call.Type.SUPPRESS || call.getType() == Call.Type.REVIVE;
  }
}
