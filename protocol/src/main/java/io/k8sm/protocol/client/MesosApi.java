package io.k8sm.protocol.client;

import com.google.protobuf.Message;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * What differs between the scheduler and the executor API as far as the client cares: the event
 * type to decode and how (if at all) liveness is checked.
 *
 * @param name for messages, e.g. "scheduler"
 * @param eventPrototype default instance of the Event message
 * @param heartbeat the heartbeat interval an event announces (scheduler SUBSCRIBED); null when the
 *     API has no usable heartbeat and the stream is never timed out
 */
record MesosApi<C extends Message, E extends Message>(
    String name, E eventPrototype, Function<E, Optional<Duration>> heartbeat) {

  /** Mesos hard-codes 15 s; used if a SUBSCRIBED event leaves the interval out. */
  static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

  static MesosApi<org.apache.mesos.v1.scheduler.Protos.Call, org.apache.mesos.v1.scheduler.Protos.Event>
      scheduler() {
    return new MesosApi<>("scheduler", org.apache.mesos.v1.scheduler.Protos.Event.getDefaultInstance(),
        event -> {
          if (event.getType() != org.apache.mesos.v1.scheduler.Protos.Event.Type.SUBSCRIBED) {
            return Optional.empty();
          }
          var subscribed = event.getSubscribed();
          double seconds = subscribed.getHeartbeatIntervalSeconds();
          return Optional.of(subscribed.hasHeartbeatIntervalSeconds() && seconds > 0
              ? Duration.ofNanos((long) (seconds * 1e9))
              : DEFAULT_HEARTBEAT);
        });
  }

  /** The agent heartbeats every 30 minutes, too rarely to judge liveness by: no check. */
  static MesosApi<org.apache.mesos.v1.executor.Protos.Call, org.apache.mesos.v1.executor.Protos.Event>
      executor() {
    return new MesosApi<>("executor", org.apache.mesos.v1.executor.Protos.Event.getDefaultInstance(), null);
  }
}
