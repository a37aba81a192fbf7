package io.k8sm.local.master;

import java.util.Optional;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every scheduler call but SUBSCRIBE. First the checks a Mesos master makes against its
 * state, in its order: framework known (400 "Framework cannot be found"), subscribed (403),
 * Mesos-Stream-Id present and current (400); then the call itself. Results arrive as events; the
 * HTTP answer is 202, 200 for UPDATE_FRAMEWORK, 501 for UNKNOWN.
 */
final class CallHandler {
  private static final Logger log = LoggerFactory.getLogger(CallHandler.class);

  private final MasterState s;
  private final FrameworkLifecycle lifecycle;
  private final OfferCalls offerCalls;
  private final TaskCalls taskCalls;

  CallHandler(MasterState s, FrameworkLifecycle lifecycle) {
    this.s = s;
    this.lifecycle = lifecycle;
    this.offerCalls = new OfferCalls(s);
    this.taskCalls = new TaskCalls(s);
  }

  HttpReply handle(Call call, Optional<String> streamId) {
    FrameworkID id = call.getFrameworkId();
    FrameworkState fw = s.frameworks.get(id);
    if (fw == null) {
      return HttpReply.badRequest("Framework cannot be found");
    }
    if (!fw.connected()) {
      return new HttpReply(403, "Framework is not subscribed");
    }
    if (streamId.isEmpty()) {
      return HttpReply.badRequest("All non-subscribe calls should include the 'Mesos-Stream-Id' header");
    }
    if (!streamId.get().equals(fw.stream.streamId())) {
      return HttpReply.badRequest("The stream ID '" + streamId.get() + "' included in this request didn't match"
          + " the stream ID currently associated with framework ID " + id.getValue());
    }
    switch (call.getType()) {
      case TEARDOWN -> lifecycle.teardown(fw);
      case ACCEPT -> offerCalls.accept(fw, call.getAccept());
      case DECLINE -> offerCalls.decline(fw, call.getDecline());
      case REVIVE -> offerCalls.revive(fw, call.getRevive().getRolesList());
      case SUPPRESS -> offerCalls.suppress(fw, call.getSuppress().getRolesList());
      case KILL -> taskCalls.kill(fw, call.getKill());
      case SHUTDOWN -> taskCalls.shutdown(fw, call.getShutdown());
      case ACKNOWLEDGE -> taskCalls.acknowledge(fw, call.getAcknowledge());
      case RECONCILE -> taskCalls.reconcile(fw, call.getReconcile());
      case MESSAGE -> taskCalls.message(fw, call.getMessage());
      case UPDATE_FRAMEWORK -> {
        return offerCalls.updateFramework(fw, call.getUpdateFramework());
      }
      case UNKNOWN -> {
        return new HttpReply(501, "Received 'UNKNOWN' call");
      }
      default -> log.debug("{}: {} has no effect in mesos-local", fw.name(), call.getType());
    }
    return HttpReply.ACCEPTED;
  }
}
