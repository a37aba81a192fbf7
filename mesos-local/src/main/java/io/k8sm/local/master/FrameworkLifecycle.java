package io.k8sm.local.master;

import java.time.Duration;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscription, failover and disconnection of frameworks, as a Mesos master handles them:
 * <ul>
 *   <li>SUBSCRIBE without id: a new framework {@code <master-id>-NNNN}.</li>
 *   <li>SUBSCRIBE with an id: the framework fails over to the new stream; an old stream gets ERROR
 *       "Framework failed over" and closes; its offers are taken back without RESCIND. An id this
 *       master never saw is accepted (as after a master failover), one it removed gets ERROR
 *       "Framework has been removed".</li>
 *   <li>Stream closed: the framework is disconnected; if it does not come back within its
 *       {@code failover_timeout} it is removed and its tasks are killed.</li>
 * </ul>
 */
final class FrameworkLifecycle {
  private static final Logger log = LoggerFactory.getLogger(FrameworkLifecycle.class);

  private final MasterState s;

  FrameworkLifecycle(MasterState s) {
    this.s = s;
  }

  void subscribe(Call.Subscribe subscribe, Subscription stream) {
    FrameworkInfo info = subscribe.getFrameworkInfo();
    var badRoles = FrameworkRoles.invalid(info);
    if (badRoles.isPresent()) {
      log.info("refusing subscription of framework '{}': {}", info.getName(), badRoles.get());
      stream.send(error(badRoles.get()));
      stream.close();
      return;
    }
    FrameworkState fw;
    if (info.hasId()) {
      FrameworkID id = info.getId();
      if (s.removed.contains(id)) {
        log.info("refusing subscription of removed framework {}", id.getValue());
        stream.send(error("Framework has been removed"));
        stream.close();
        return;
      }
      fw = s.frameworks.get(id);
      if (fw == null) {
        fw = s.orphans.remove(id);
        if (fw == null) {
          fw = new FrameworkState(id, info, s.config.updateRetryBackoff(), s.config.updateRetryBackoffMax());
        }
        s.frameworks.put(id, fw);
      }
      if (fw.connected()) {
        fw.stream.send(error("Framework failed over"));
        fw.stream.close();
      }
      s.effects.cancelFailoverTimer(id);
      s.dropOffers(fw);
      fw.info = keepImmutableFields(fw.info, info);
      log.info("framework {} re-subscribed", fw.name());
    } else {
      FrameworkID id = FrameworkID.newBuilder().setValue(Ids.framework(s.masterId(), s.frameworkCounter++)).build();
      fw = new FrameworkState(id, info.toBuilder().setId(id).build(),
          s.config.updateRetryBackoff(), s.config.updateRetryBackoffMax());
      s.frameworks.put(id, fw);
      log.info("framework {} subscribed", fw.name());
    }
    fw.suppressedRoles.clear();
    fw.suppressedRoles.addAll(subscribe.getSuppressedRolesList());
    fw.stream = stream;
    stream.send(Event.newBuilder().setType(Event.Type.SUBSCRIBED)
        .setSubscribed(Event.Subscribed.newBuilder()
            .setFrameworkId(fw.id)
            .setHeartbeatIntervalSeconds(s.config.heartbeatInterval().toMillis() / 1000.0)
            .setMasterInfo(s.masterInfo))
        .build());
    stream.send(heartbeat());
    s.effects.heartbeats(fw.id, true);
    for (var status : fw.updates.inFlight(s.clockMillis.getAsLong())) {
      s.sendUpdate(fw, status);
    }
    s.effects.allocateSoon();
  }

  /** A subscription connection ended; only the framework's current stream matters. */
  void streamClosed(String streamId) {
    FrameworkState fw = s.byStream(streamId);
    if (fw == null) {
      return;
    }
    fw.stream.close();
    fw.stream = null;
    s.effects.heartbeats(fw.id, false);
    s.dropOffers(fw);
    Duration timeout = failoverTimeout(fw.info);
    log.info("framework {} disconnected; failover timeout {}", fw.name(), timeout);
    s.effects.failoverTimer(fw.id, timeout);
  }

  /** FrameworkInfo.failover_timeout (seconds, default 0) as a duration, capped at about a century. */
  static Duration failoverTimeout(FrameworkInfo info) {
    double seconds = info.hasFailoverTimeout() ? Math.max(0, info.getFailoverTimeout()) : 0;
    return Duration.ofMillis(Math.round(Math.min(seconds, 3.15e9) * 1000));
  }

  void failoverExpired(FrameworkID id) {
    FrameworkState fw = s.frameworks.get(id);
    if (fw != null && !fw.connected()) {
      s.removeFramework(fw, "failover timeout elapsed");
    }
  }

  void teardown(FrameworkState fw) {
    s.removeFramework(fw, "TEARDOWN");
  }

  static Event heartbeat() {
    return Event.newBuilder().setType(Event.Type.HEARTBEAT).build();
  }

  static Event error(String message) {
    return Event.newBuilder().setType(Event.Type.ERROR).setError(Event.Error.newBuilder().setMessage(message)).build();
  }

  /** On re-subscription Mesos silently keeps user, principal and checkpoint of the running framework. */
  private static FrameworkInfo keepImmutableFields(FrameworkInfo old, FrameworkInfo fresh) {
    FrameworkInfo.Builder b = fresh.toBuilder().setUser(old.getUser()).setCheckpoint(old.getCheckpoint());
    if (old.hasPrincipal()) {
      b.setPrincipal(old.getPrincipal());
    } else {
      b.clearPrincipal();
    }
    return b.build();
  }
}
