package io.k8sm.local.master;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.FrameworkInfo;

/**
 * The bodies of the master's read-only endpoints, built from {@link MasterState} inside the master
 * actor (so each is one consistent snapshot).
 *
 * <ul>
 *   <li>{@code /master/state}: master id, pid, hostname, version, start and elected time, leader,
 *       agent counts, {@code slaves}, {@code frameworks} (registered, plus those recovered from the
 *       agents after a wiping restart, {@code recovered: true}) with their {@code tasks},
 *       {@code completed_tasks}, {@code offers} and {@code executors}, and
 *       {@code completed_frameworks}.</li>
 *   <li>{@code /master/tasks}: the tasks of every framework, registered then completed: live, then
 *       completed; sorted by the timestamp of each task's first status (tasks without a status
 *       first when ascending, last when descending); then {@code offset} and {@code limit}.</li>
 * </ul>
 */
final class StateViews {
  private StateViews() {}

  static String state(MasterState s) {
    JsonObject o = new JsonObject();
    String pid = "master@" + s.masterInfo.getAddress().getIp() + ":" + s.masterInfo.getPort();
    o.addProperty("version", MasterInfos.VERSION);
    o.addProperty("start_time", s.startTime);
    o.addProperty("elected_time", s.startTime);
    o.addProperty("id", s.masterId());
    o.addProperty("pid", pid);
    o.addProperty("hostname", s.masterInfo.getHostname());
    o.add("capabilities", new JsonArray());
    o.addProperty("activated_slaves", s.agents.size());
    o.addProperty("deactivated_slaves", 0);
    o.addProperty("unreachable_slaves", s.lostAgents.size());
    o.addProperty("leader", pid);
    JsonObject leader = new JsonObject();
    leader.addProperty("id", s.masterId());
    leader.addProperty("pid", pid);
    leader.addProperty("port", s.masterInfo.getPort());
    leader.addProperty("hostname", s.masterInfo.getHostname());
    o.add("leader_info", leader);
    JsonArray slaves = new JsonArray();
    s.agents.values().forEach(a -> slaves.add(agent(s, a)));
    o.add("slaves", slaves);
    o.add("recovered_slaves", new JsonArray());
    JsonArray frameworks = new JsonArray();
    s.frameworks.values().forEach(fw -> frameworks.add(framework(s, fw, false)));
    s.orphans.values().forEach(fw -> frameworks.add(framework(s, fw, true)));
    o.add("frameworks", frameworks);
    JsonArray completed = new JsonArray();
    s.completedFrameworks.values().forEach(fw -> completed.add(framework(s, fw, false)));
    o.add("completed_frameworks", completed);
    o.add("orphan_tasks", new JsonArray());
    o.add("unregistered_frameworks", new JsonArray());
    return o.toString();
  }

  static String tasks(MasterState s, TasksQuery q) {
    List<FrameworkState> frameworks = new ArrayList<>();
    s.frameworks.values().forEach(frameworks::add);
    s.orphans.values().forEach(frameworks::add);
    s.completedFrameworks.values().forEach(frameworks::add);
    List<JsonObject> tasks = new ArrayList<>();
    List<Double> firstTimestamps = new ArrayList<>();
    for (FrameworkState fw : frameworks) {
      if (!q.acceptsFramework(fw.id.getValue())) {
        continue;
      }
      List<TaskRecord> all = new ArrayList<>(fw.tasks.values());
      all.addAll(fw.completed);
      for (TaskRecord t : all) {
        if (q.acceptsTask(t.task.getTaskId().getValue())) {
          tasks.add(MasterJson.task(fw.id.getValue(), FrameworkRoles.of(fw.info).get(0), t));
          firstTimestamps.add(t.statuses.isEmpty() ? null : t.statuses.get(0).getTimestamp());
        }
      }
    }
    JsonArray out = new JsonArray();
    q.page(firstTimestamps).forEach(i -> out.add(tasks.get(i)));
    JsonObject o = new JsonObject();
    o.add("tasks", out);
    return o.toString();
  }

  private static JsonObject framework(MasterState s, FrameworkState fw, boolean recovered) {
    FrameworkInfo info = fw.info;
    Resources used = Resources.empty();
    for (TaskRecord t : fw.tasks.values()) {
      used = t.released ? used : used.plus(t.resources);
    }
    for (AgentState a : s.agents.values()) {
      for (var e : a.executorsOf(fw.id).values()) {
        used = used.plus(Resources.of(e.getResourcesList()));
      }
    }
    String role = FrameworkRoles.of(info).get(0);
    Resources offered = Resources.empty();
    for (OfferRecord offer : s.offers.values()) {
      offered = offer.framework().equals(fw.id) ? offered.plus(offer.resources()) : offered;
    }
    JsonObject o = new JsonObject();
    o.addProperty("id", fw.id.getValue());
    o.addProperty("name", info.getName());
    o.add("used_resources", ResourceJson.resources(used.toProtos()));
    o.add("offered_resources", ResourceJson.resources(offered.toProtos()));
    JsonArray capabilities = new JsonArray();
    info.getCapabilitiesList().forEach(c -> capabilities.add(c.getType().name()));
    o.add("capabilities", capabilities);
    o.addProperty("hostname", info.getHostname());
    o.addProperty("webui_url", info.getWebuiUrl());
    o.addProperty("active", fw.connected());
    o.addProperty("connected", fw.connected());
    o.addProperty("recovered", recovered);
    o.addProperty("user", info.getUser());
    o.addProperty("failover_timeout", info.getFailoverTimeout());
    o.addProperty("checkpoint", info.getCheckpoint());
    if (info.hasPrincipal()) {
      o.addProperty("principal", info.getPrincipal());
    }
    o.add("resources", ResourceJson.resources(used.plus(offered).toProtos()));
    if (FrameworkRoles.has(info, FrameworkInfo.Capability.Type.MULTI_ROLE)) {
      JsonArray roles = new JsonArray();
      info.getRolesList().forEach(roles::add);
      o.add("roles", roles);
    } else {
      o.addProperty("role", info.getRole());
    }
    JsonArray tasks = new JsonArray();
    fw.tasks.values().forEach(t -> tasks.add(MasterJson.task(fw.id.getValue(), role, t)));
    o.add("tasks", tasks);
    o.add("unreachable_tasks", new JsonArray());
    JsonArray completed = new JsonArray();
    fw.completed.forEach(t -> completed.add(MasterJson.task(fw.id.getValue(), role, t)));
    o.add("completed_tasks", completed);
    JsonArray offers = new JsonArray();
    s.offers.values().stream().filter(x -> x.framework().equals(fw.id)).forEach(x -> offers.add(MasterJson.offer(x)));
    o.add("offers", offers);
    JsonArray executors = new JsonArray();
    s.agents.values().forEach(a -> a.executorsOf(fw.id).values().forEach(e ->
        executors.add(MasterJson.executor(e, fw.id.getValue(), role, a.info.getId().getValue()))));
    o.add("executors", executors);
    if (info.hasLabels()) {
      o.add("labels", MasterJson.protobuf(info.getLabels()).getAsJsonObject().get("labels"));
    }
    return o;
  }

  private static JsonObject agent(MasterState s, AgentState a) {
    JsonObject o = new JsonObject();
    o.addProperty("id", a.info.getId().getValue());
    o.addProperty("hostname", a.info.getHostname());
    o.addProperty("port", a.info.getPort());
    o.add("attributes", ResourceJson.attributes(a.info.getAttributesList()));
    o.addProperty("registered_time", a.registeredTime);
    o.add("resources", ResourceJson.resources(a.total.toProtos()));
    o.add("used_resources", ResourceJson.resources(a.used.toProtos()));
    o.add("offered_resources", ResourceJson.resources(a.offered.toProtos()));
    o.add("reserved_resources", new JsonObject());
    o.add("unreserved_resources", ResourceJson.resources(a.total.toProtos()));
    o.addProperty("active", true);
    o.addProperty("version", MasterInfos.VERSION);
    o.add("capabilities", new JsonArray());
    return o;
  }
}
