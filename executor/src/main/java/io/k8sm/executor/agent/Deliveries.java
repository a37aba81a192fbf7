package io.k8sm.executor.agent;

import com.google.protobuf.ByteString;
import io.k8sm.protocol.client.CallFailure;
import io.k8sm.protocol.client.Outbox;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;

/**
 * One subscription's UPDATEs on their way to the agent: an {@link Outbox} under the
 * {@link ExecutorCallRules}, plus which updates the agent holds already (carried in the SUBSCRIBE,
 * or answered 2xx) or has on their way. Pure (no I/O, no clock), owned by the {@link AgentLink},
 * which makes a new one per SUBSCRIBE and drops it with that subscription.
 *
 * <p>Invariants: an update is queued at most once per subscription, so it is never in flight twice;
 * one the agent refused is forgotten here (it stays in the {@link UpdateLedger}, and the next
 * SUBSCRIBE carries it); {@link #allHandedOver} holds only when nothing is queued, in flight or
 * waiting to be retried.
 */
final class Deliveries {
  private final Outbox<Call> outbox;
  /** Updates carried in the SUBSCRIBE, or queued, in flight, waiting, or delivered since. */
  private final Set<ByteString> handedOver = new HashSet<>();

  Deliveries(CallLimits limits, Collection<TaskStatus> carried) {
    this.outbox = new Outbox<>(limits.inFlight(), limits::retryAfter, ExecutorCallRules.INSTANCE);
    carried.forEach(s -> handedOver.add(s.getUuid()));
  }

  /** Queues {@code update} (an UPDATE call) unless its status is carried or queued already. */
  void post(Call update) {
    if (handedOver.add(uuid(update))) {
      outbox.add(update);
    }
  }

  /** The calls to send now; they stay in flight until {@link #delivered} or {@link #failed}. */
  List<Outbox.Entry<Call>> take() {
    return outbox.take();
  }

  void delivered(long id) {
    outbox.delivered(id);
  }

  /** What to do about call {@code id} that failed with {@code error}; a dropped UPDATE is forgotten. */
  Outbox.Verdict<Call> failed(long id, Throwable error) {
    Outbox.Verdict<Call> verdict = outbox.failed(id, CallFailure.of(error));
    if (verdict instanceof Outbox.Drop<Call> d) {
      handedOver.remove(uuid(d.entry().call()));
    }
    return verdict;
  }

  /** A retry's wait is over: the call goes ahead of those never sent. */
  void due(Outbox.Entry<Call> entry) {
    outbox.due(entry);
  }

  /** True when the agent has every one of {@code unacknowledged} and no call is on its way. */
  boolean allHandedOver(Collection<TaskStatus> unacknowledged) {
    return outbox.queued() + outbox.inFlight() + outbox.waiting() == 0
        && unacknowledged.stream().allMatch(u -> handedOver.contains(u.getUuid()));
  }

  private static ByteString uuid(Call update) {
    return update.getUpdate().getStatus().getUuid();
  }
}
