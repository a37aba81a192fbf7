package io.k8sm.local.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.k8sm.local.master.Leadership;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.Label;
import org.apache.mesos.v1.Protos.Labels;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;

/**
 * The master's read-only endpoints against the Mesos documentation of {@code /master/tasks} and
 * {@code /master/state}: field names, states and status history, query parameters, completed
 * tasks, aliases, and the standby / no-leader answers.
 */
class StateEndpointsTest extends ConformanceBase {
  JsonObject get(String pathAndQuery) throws Exception {
    HttpResponse<String> r = get(pathAndQuery, 200);
    assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
    return JsonParser.parseString(r.body()).getAsJsonObject();
  }

  HttpResponse<String> get(String pathAndQuery, int status) throws Exception {
    HttpResponse<String> r = json.http.send(HttpRequest.newBuilder(URI.create(mesos.masterUrl() + pathAndQuery))
        .timeout(PlainScheduler.TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(status, r.statusCode(), pathAndQuery + ": " + r.body());
    return r;
  }

  /** Launches {@code ids} on one offer, labelled pod=<id>; the first one runs, acknowledged. */
  Subscribed launched(String... ids) throws Exception {
    Subscribed sub = subscribe(json, "state-test");
    Offer offer = awaitOffers(sub.stream(), 1).get(0);
    List<TaskInfo> tasks = new ArrayList<>();
    for (String id : ids) {
      tasks.add(Launching.task(id, offer, 0.25, 32, "exec-" + id).toBuilder()
          .setLabels(Labels.newBuilder().addLabels(Label.newBuilder().setKey("pod").setValue(id))).build());
    }
    var r = json.call(Launching.accept(sub, offer, tasks.toArray(TaskInfo[]::new)), sub.stream().streamId());
    assertEquals(202, r.statusCode(), r.body());
    for (String id : ids) {
      Launching.awaitRunning(json, sub, id);
    }
    return sub;
  }

  @Test
  void tasksListsEachTaskWithTheDocumentedFields() throws Exception {
    Subscribed sub = launched("t1");
    JsonArray tasks = get("/master/tasks").getAsJsonArray("tasks");
    assertEquals(1, tasks.size(), tasks.toString());
    JsonObject t = tasks.get(0).getAsJsonObject();
    assertEquals("t1", t.get("id").getAsString());
    assertEquals("t1", t.get("name").getAsString());
    assertEquals(sub.id().getValue(), t.get("framework_id").getAsString());
    assertEquals("exec-t1", t.get("executor_id").getAsString());
    assertTrue(t.get("slave_id").getAsString().startsWith(sub.event().getMasterInfo().getId() + "-S"), t.toString());
    assertEquals("TASK_RUNNING", t.get("state").getAsString());
    assertEquals(0.25, t.getAsJsonObject("resources").get("cpus").getAsDouble());
    assertEquals(32.0, t.getAsJsonObject("resources").get("mem").getAsDouble());
    assertEquals(0.0, t.getAsJsonObject("resources").get("disk").getAsDouble());
    List<String> states = new ArrayList<>();
    t.getAsJsonArray("statuses").forEach(s -> states.add(s.getAsJsonObject().get("state").getAsString()));
    assertEquals(List.of("TASK_STARTING", "TASK_RUNNING"), states);
    assertTrue(t.getAsJsonArray("statuses").get(0).getAsJsonObject().get("timestamp").getAsDouble() > 0);
    JsonObject label = t.getAsJsonArray("labels").get(0).getAsJsonObject();
    assertEquals("pod", label.get("key").getAsString());
    assertEquals("t1", label.get("value").getAsString());
    assertEquals(tasks, get("/tasks").getAsJsonArray("tasks"));
    assertEquals(tasks, get("/master/tasks.json").getAsJsonArray("tasks"));
  }

  @Test
  void tasksHonoursLimitOffsetOrderAndIdFilters() throws Exception {
    Subscribed sub = launched("a", "b", "c");
    List<Double> desc = firstTimestamps(get("/master/tasks"));
    List<Double> asc = firstTimestamps(get("/master/tasks?order=asc"));
    assertEquals(3, desc.size());
    List<Double> sorted = new ArrayList<>(asc);
    sorted.sort(null);
    assertEquals(sorted, asc, "order=asc: by the first status's timestamp, oldest first");
    sorted.sort(java.util.Comparator.reverseOrder());
    assertEquals(sorted, desc, "the default order is descending");
    assertEquals(ids(get("/master/tasks?order=asc")).subList(1, 2), ids(get("/master/tasks?order=asc&offset=1&limit=1")));
    assertEquals(List.of(), ids(get("/master/tasks?offset=3")));
    assertEquals(3, ids(get("/master/tasks?limit=bogus")).size(), "an unparsable limit means the default");
    assertEquals(List.of("b"), ids(get("/master/tasks?task_id=b&framework_id=" + sub.id().getValue())));
    assertEquals(List.of(), ids(get("/master/tasks?framework_id=nobody")));
  }

  @Test
  void aFinishedTaskMovesToCompletedTasksOnceAcknowledged() throws Exception {
    Subscribed sub = launched("done");
    mesos.faults().finishTask(TaskID.newBuilder().setValue("done").build());
    Launching.ack(json, sub, Launching.awaitState(sub.stream(), "done", TaskState.TASK_FINISHED));
    JsonObject fw = null;
    for (int i = 0; i < 100; i++) { // the ACKNOWLEDGE above is answered before the master processes it
      fw = get("/master/state").getAsJsonArray("frameworks").get(0).getAsJsonObject();
      if (fw.getAsJsonArray("tasks").isEmpty()) {
        break;
      }
      Thread.sleep(50);
    }
    assertEquals(0, fw.getAsJsonArray("tasks").size(), fw.toString());
    assertEquals("TASK_FINISHED", fw.getAsJsonArray("completed_tasks").get(0).getAsJsonObject()
        .get("state").getAsString());
    JsonObject t = get("/master/tasks").getAsJsonArray("tasks").get(0).getAsJsonObject();
    assertEquals("TASK_FINISHED", t.get("state").getAsString(), "/master/tasks lists completed tasks too");
  }

  @Test
  void stateShowsTheMasterItsAgentsAndFrameworksWithTheirTasks() throws Exception {
    Subscribed sub = launched("s1");
    JsonObject state = get("/master/state");
    assertEquals(sub.event().getMasterInfo().getId(), state.get("id").getAsString());
    assertEquals("1.11.0", state.get("version").getAsString());
    assertEquals("master@127.0.0.1:" + mesos.port(), state.get("pid").getAsString());
    assertEquals(2, state.get("activated_slaves").getAsInt());
    JsonArray slaves = state.getAsJsonArray("slaves");
    assertEquals(2, slaves.size());
    JsonObject slave = slaves.get(0).getAsJsonObject();
    assertTrue(slave.has("hostname") && slave.has("used_resources") && slave.has("offered_resources"), slave.toString());
    assertTrue(slave.getAsJsonObject("resources").get("cpus").getAsDouble() > 0, slave.toString());
    JsonObject fw = state.getAsJsonArray("frameworks").get(0).getAsJsonObject();
    assertEquals(sub.id().getValue(), fw.get("id").getAsString());
    assertEquals("state-test", fw.get("name").getAsString());
    assertEquals("tester", fw.get("user").getAsString());
    assertTrue(fw.get("active").getAsBoolean() && fw.get("connected").getAsBoolean(), fw.toString());
    assertEquals("*", fw.get("role").getAsString());
    assertEquals("s1", fw.getAsJsonArray("tasks").get(0).getAsJsonObject().get("id").getAsString());
    assertEquals(0.25 + 0.1, fw.getAsJsonObject("used_resources").get("cpus").getAsDouble(), 1e-9,
        "the task's and its executor's resources: " + fw);
    assertEquals("exec-s1", fw.getAsJsonArray("executors").get(0).getAsJsonObject().get("executor_id").getAsString());
    assertEquals(0, state.getAsJsonArray("completed_frameworks").size());
    for (String alias : List.of("/state", "/state.json", "/master/state.json")) {
      assertEquals(state.get("id"), get(alias).get("id"), alias);
    }
  }

  @Test
  void aTornDownFrameworkIsCompletedWithItsTasksKilled() throws Exception {
    Subscribed sub = launched("gone");
    var r = json.call(PlainScheduler.call(org.apache.mesos.v1.scheduler.Protos.Call.Type.TEARDOWN, sub.id()).build(),
        sub.stream().streamId());
    assertEquals(202, r.statusCode(), r.body());
    JsonObject state = get("/master/state");
    for (int i = 0; i < 100 && state.getAsJsonArray("completed_frameworks").isEmpty(); i++) {
      Thread.sleep(50);
      state = get("/master/state");
    }
    assertEquals(0, state.getAsJsonArray("frameworks").size(), state.toString());
    JsonObject fw = state.getAsJsonArray("completed_frameworks").get(0).getAsJsonObject();
    assertEquals(sub.id().getValue(), fw.get("id").getAsString());
    JsonObject task = fw.getAsJsonArray("completed_tasks").get(0).getAsJsonObject();
    assertEquals("TASK_KILLED", task.get("state").getAsString(), task.toString());
    List<String> states = new ArrayList<>();
    task.getAsJsonArray("statuses").forEach(s -> states.add(s.getAsJsonObject().get("state").getAsString()));
    assertEquals(List.of("TASK_STARTING", "TASK_RUNNING", "TASK_KILLED"), states);
    assertEquals(List.of("gone"), ids(get("/master/tasks")), "/master/tasks lists completed frameworks' tasks");
  }

  @Test
  void aStandbyMasterRedirectsAndNoLeaderIsUnavailable() throws Exception {
    mesos.faults().leadership(new Leadership(Leadership.Mode.STANDBY, "10.0.0.9:5050"));
    assertEquals("//10.0.0.9:5050/master/tasks", get("/master/tasks", 307).headers().firstValue("Location").orElse(""));
    mesos.faults().leadership(new Leadership(Leadership.Mode.NO_LEADER, ""));
    assertEquals("No leader elected", get("/master/state", 503).body());
  }

  static List<Double> firstTimestamps(JsonObject tasks) {
    List<Double> out = new ArrayList<>();
    tasks.getAsJsonArray("tasks").forEach(t -> out.add(t.getAsJsonObject().getAsJsonArray("statuses").get(0)
        .getAsJsonObject().get("timestamp").getAsDouble()));
    return out;
  }

  static List<String> ids(JsonObject tasks) {
    List<String> out = new ArrayList<>();
    tasks.getAsJsonArray("tasks").forEach(t -> out.add(t.getAsJsonObject().get("id").getAsString()));
    return out;
  }
}
