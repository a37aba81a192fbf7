package io.k8sm.executor.agent;

import io.k8sm.protocol.client.CallRules;
import org.apache.mesos.v1.executor.Protos.Call;

/**
 * The executor's rules for its {@link io.k8sm.protocol.client.Outbox}: every call it queues (UPDATE,
 * MESSAGE, HEARTBEAT) may be sent again after an uncertain failure. An UPDATE the agent receives
 * twice is harmless: the agent de-duplicates updates by uuid (Mesos's status update manager does,
 * and so does mesos-local's {@code TaskBook}), and a MESSAGE is unreliable by contract anyway. No
 * call sets a switch.
 */
enum ExecutorCallRules implements CallRules<Call> {
  INSTANCE;

  @Override
  public String name(Call call) {
    return call.getType().name();
  }

  @Override
  public boolean idempotent(Call call) {
    return call.getType() != Call.Type.SUBSCRIBE;
  }

  @Override
  public boolean setsSwitch(Call call) {
    return false;
  }
}
