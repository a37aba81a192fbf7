package io.k8sm.local.agent;

import akka.http.javadsl.model.HttpResponse;
import akka.util.ByteString;
import io.k8sm.local.http.Responses;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.executor.Protos.Call;

/**
 * The agent's answer to an executor's calls other than SUBSCRIBE, as Mesos gives it: 403 before the
 * executor has subscribed, 400 for an UPDATE that fails validation, otherwise 202 after handing an
 * UPDATE's status or a MESSAGE's data on. HEARTBEAT is simply accepted.
 */
final class ExecutorCalls {
  private ExecutorCalls() {}

  static HttpResponse answer(Call call, boolean subscribed, Consumer<TaskStatus> update, Consumer<ByteString> message) {
    if (!subscribed) {
      return Responses.forbidden("Executor is not subscribed");
    }
    switch (call.getType()) {
      case UPDATE -> {
        Optional<String> invalid = CallValidator.update(call);
        if (invalid.isPresent()) {
          return Responses.badRequest(invalid.get());
        }
        update.accept(call.getUpdate().getStatus());
      }
      case MESSAGE -> message.accept(ByteString.fromArray(call.getMessage().getData().toByteArray()));
      default -> { }
    }
    return Responses.accepted();
  }
}
