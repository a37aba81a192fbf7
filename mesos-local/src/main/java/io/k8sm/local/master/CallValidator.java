package io.k8sm.local.master;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * The structural checks a Mesos master runs on a decoded scheduler Call before looking at its own
 * state (HTTP 400 with the returned reason): type present, the sub-message of the type present,
 * {@code framework_id} on every call but SUBSCRIBE and equal to {@code framework_info.id} on a
 * re-subscription, acknowledgement uuids of 16 bytes.
 */
public final class CallValidator {
  private CallValidator() {}

  public static Optional<String> validate(Call call) {
    if (!call.hasType()) {
      return Optional.of("Expecting 'type' to be present");
    }
    if (call.getType() == Call.Type.SUBSCRIBE) {
      return subscribe(call);
    }
    if (!call.hasFrameworkId()) {
      return Optional.of("Expecting 'framework_id' to be present");
    }
    return switch (call.getType()) {
      case ACCEPT -> need(call.hasAccept(), "accept");
      case DECLINE -> need(call.hasDecline(), "decline");
      case ACCEPT_INVERSE_OFFERS -> need(call.hasAcceptInverseOffers(), "accept_inverse_offers");
      case DECLINE_INVERSE_OFFERS -> need(call.hasDeclineInverseOffers(), "decline_inverse_offers");
      case KILL -> need(call.hasKill(), "kill");
      case SHUTDOWN -> need(call.hasShutdown(), "shutdown");
      case ACKNOWLEDGE -> call.hasAcknowledge()
          ? uuid(call.getAcknowledge().getUuid().size())
          : need(false, "acknowledge");
      case ACKNOWLEDGE_OPERATION_STATUS -> need(call.hasAcknowledgeOperationStatus(), "acknowledge_operation_status");
      case RECONCILE -> need(call.hasReconcile(), "reconcile");
      case RECONCILE_OPERATIONS -> need(call.hasReconcileOperations(), "reconcile_operations");
      case MESSAGE -> need(call.hasMessage(), "message");
      case REQUEST -> need(call.hasRequest(), "request");
      case UPDATE_FRAMEWORK -> need(call.hasUpdateFramework(), "update_framework");
      default -> Optional.empty();
    };
  }

  private static Optional<String> subscribe(Call call) {
    if (!call.hasSubscribe()) {
      return Optional.of("Expecting 'subscribe' to be present");
    }
    FrameworkInfo info = call.getSubscribe().getFrameworkInfo();
    if (info.hasId() && !(call.hasFrameworkId() && call.getFrameworkId().equals(info.getId()))) {
      return Optional.of("'framework_id' differs from 'subscribe.framework_info.id'");
    }
    if (!info.hasId() && call.hasFrameworkId()) {
      return Optional.of("'framework_id' differs from 'subscribe.framework_info.id'");
    }
    Set<String> roles = new HashSet<>(FrameworkRoles.of(info));
    for (String r : call.getSubscribe().getSuppressedRolesList()) {
      if (!roles.contains(r)) {
        return Optional.of("Suppressed role '" + r + "' is not contained in the list of roles");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> need(boolean present, String field) {
    return present ? Optional.empty() : Optional.of("Expecting '" + field + "' to be present");
  }

  private static Optional<String> uuid(int size) {
    return size == 16 ? Optional.empty() : Optional.of("Not a valid UUID: expected 16 bytes, got " + size);
  }
}
