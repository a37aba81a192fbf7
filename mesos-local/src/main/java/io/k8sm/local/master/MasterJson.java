package io.k8sm.local.master;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.MessageOrBuilder;
import io.k8sm.protocol.codec.MesosJsonWriter;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskStatus;

/**
 * The JSON models of the Mesos master's read-only endpoints ({@code /master/state},
 * {@code /master/tasks}) for one task, status, executor and offer, with Mesos's field names
 * ({@code common/http.cpp} of Mesos 1.11). Resources are summarised by {@link ResourceJson};
 * embedded protobuf messages (labels, discovery, container) are written as the Mesos JSON of the
 * message.
 */
final class MasterJson {
  private MasterJson() {}

  /**
   * {@code role}: the task's allocation role; a Mesos master injects the offer's allocation info into
   * every launched task, so tasks whose resources lack it show {@code defaultRole}.
   */
  static JsonObject task(String frameworkId, String defaultRole, TaskRecord t) {
    TaskInfo info = t.task;
    JsonObject o = new JsonObject();
    o.addProperty("id", info.getTaskId().getValue());
    o.addProperty("name", info.getName());
    o.addProperty("framework_id", frameworkId);
    o.addProperty("executor_id", info.hasExecutor() ? info.getExecutor().getExecutorId().getValue() : "");
    o.addProperty("slave_id", t.agent.getValue());
    o.addProperty("state", t.latest.getState().name());
    o.add("resources", ResourceJson.resources(info.getResourcesList()));
    if (info.getResourcesCount() > 0) {
      o.addProperty("role", role(info.getResources(0), defaultRole));
    }
    JsonArray statuses = new JsonArray();
    t.statuses.forEach(s -> statuses.add(status(s)));
    o.add("statuses", statuses);
    if (info.hasCommand() && info.getCommand().hasUser()) {
      o.addProperty("user", info.getCommand().getUser());
    }
    if (info.hasLabels()) {
      o.add("labels", protobuf(info.getLabels()).getAsJsonObject().get("labels"));
    }
    if (info.hasDiscovery()) {
      o.add("discovery", protobuf(info.getDiscovery()));
    }
    if (info.hasContainer()) {
      o.add("container", protobuf(info.getContainer()));
    }
    return o;
  }

  static JsonObject status(TaskStatus s) {
    JsonObject o = new JsonObject();
    o.addProperty("state", s.getState().name());
    o.addProperty("timestamp", s.getTimestamp());
    if (s.hasLabels()) {
      o.add("labels", protobuf(s.getLabels()).getAsJsonObject().get("labels"));
    }
    if (s.hasContainerStatus()) {
      o.add("container_status", protobuf(s.getContainerStatus()));
    }
    if (s.hasHealthy()) {
      o.addProperty("healthy", s.getHealthy());
    }
    return o;
  }

  static JsonObject executor(ExecutorInfo e, String frameworkId, String defaultRole, String agentId) {
    JsonObject o = new JsonObject();
    o.addProperty("executor_id", e.getExecutorId().getValue());
    o.addProperty("name", e.getName());
    o.addProperty("framework_id", frameworkId);
    JsonObject command = new JsonObject();
    if (e.getCommand().hasShell()) {
      command.addProperty("shell", e.getCommand().getShell());
    }
    if (e.getCommand().hasValue()) {
      command.addProperty("value", e.getCommand().getValue());
    }
    JsonArray argv = new JsonArray();
    e.getCommand().getArgumentsList().forEach(argv::add);
    command.add("argv", argv);
    if (e.getCommand().hasEnvironment()) {
      command.add("environment", protobuf(e.getCommand().getEnvironment()));
    }
    JsonArray uris = new JsonArray();
    e.getCommand().getUrisList().forEach(u -> {
      JsonObject uri = new JsonObject();
      uri.addProperty("value", u.getValue());
      uri.addProperty("executable", u.getExecutable());
      uris.add(uri);
    });
    command.add("uris", uris);
    o.add("command", command);
    o.add("resources", ResourceJson.resources(e.getResourcesList()));
    if (e.getResourcesCount() > 0) {
      o.addProperty("role", role(e.getResources(0), defaultRole));
    }
    if (e.hasLabels()) {
      o.add("labels", protobuf(e.getLabels()).getAsJsonObject().get("labels"));
    }
    if (e.hasType()) {
      o.addProperty("type", e.getType().name());
    }
    o.addProperty("slave_id", agentId);
    return o;
  }

  static JsonObject offer(OfferRecord offer) {
    JsonObject o = new JsonObject();
    o.addProperty("id", offer.id().getValue());
    o.addProperty("framework_id", offer.framework().getValue());
    JsonObject allocation = new JsonObject();
    allocation.addProperty("role", offer.role());
    o.add("allocation_info", allocation);
    o.addProperty("slave_id", offer.agent().getValue());
    o.add("resources", ResourceJson.resources(offer.resources().toProtos()));
    return o;
  }

  private static String role(Resource r, String defaultRole) {
    return r.getAllocationInfo().hasRole() ? r.getAllocationInfo().getRole() : defaultRole;
  }

  static JsonElement protobuf(MessageOrBuilder message) {
    return JsonParser.parseString(MesosJsonWriter.print(message));
  }
}
