package io.k8sm.local.master;

import static io.k8sm.local.master.ResourcesTest.r;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer.Operation;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptValidatorTest {
  private static final FrameworkID FW = FrameworkID.newBuilder().setValue("fw").build();
  private static final FrameworkID OTHER_FW = FrameworkID.newBuilder().setValue("other").build();
  private static final AgentID A1 = AgentID.newBuilder().setValue("a1").build();
  private static final AgentID A2 = AgentID.newBuilder().setValue("a2").build();

  private final Map<OfferID, OfferRecord> outstanding = new HashMap<>();

  private OfferID offer(String id, FrameworkID fw, AgentID agent, String resources) {
    OfferID oid = OfferID.newBuilder().setValue(id).build();
    outstanding.put(oid, new OfferRecord(oid, fw, agent, "*", r(resources)));
    return oid;
  }

  private static ExecutorInfo executor(String id, String resources) {
    return ExecutorInfo.newBuilder().setExecutorId(ExecutorID.newBuilder().setValue(id))
        .setCommand(CommandInfo.newBuilder().setValue("run")).addAllResources(r(resources).toProtos()).build();
  }

  private static TaskInfo task(String id, AgentID agent, String resources, ExecutorInfo executor) {
    TaskInfo.Builder b = TaskInfo.newBuilder().setName(id).setTaskId(TaskID.newBuilder().setValue(id))
        .setAgentId(agent).addAllResources(resources.isEmpty() ? List.of() : r(resources).toProtos());
    return executor == null ? b.setCommand(CommandInfo.newBuilder().setValue("sleep 1")).build()
        : b.setExecutor(executor).build();
  }

  private static Call.Accept accept(List<OfferID> offers, TaskInfo... tasks) {
    return Call.Accept.newBuilder().addAllOfferIds(offers).addOperations(Operation.newBuilder()
        .setType(Operation.Type.LAUNCH).setLaunch(Operation.Launch.newBuilder().addAllTaskInfos(List.of(tasks))))
        .build();
  }

  private AcceptValidator.Result validate(Call.Accept accept, boolean partitionAware, Set<String> liveTasks,
      Map<ExecutorID, ExecutorInfo> running) {
    return AcceptValidator.validate(accept, new AcceptValidator.Context(FW, partitionAware, outstanding,
        t -> liveTasks.contains(t.getValue()), running, 1.0));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "unknown offer        | no longer valid",
      "offer of another fw  | invalid framework",
      "offers of two agents | one single agent",
      "duplicate offer      | Duplicate offer",
      "no offers            | No offers",
  })
  void invalidOffersLoseEveryTask(String scenario, String reason) {
    OfferID mine = offer("o1", FW, A1, "cpus:4;mem:1024");
    List<OfferID> ids = switch (scenario.trim()) {
      case "unknown offer" -> List.of(OfferID.newBuilder().setValue("nope").build());
      case "offer of another fw" -> List.of(offer("o2", OTHER_FW, A1, "cpus:1"));
      case "offers of two agents" -> List.of(mine, offer("o3", FW, A2, "cpus:1"));
      case "duplicate offer" -> List.of(mine, mine);
      default -> List.of();
    };
    TaskInfo t = task("t", A1, "cpus:1", executor("e", "cpus:0.1"));
    for (boolean partitionAware : new boolean[] {false, true}) {
      AcceptValidator.Result res = validate(accept(ids, t), partitionAware, Set.of(), Map.of());
      assertTrue(res.launches().isEmpty());
      assertEquals(1, res.rejections().size());
      TaskStatus s = res.rejections().get(0);
      assertEquals(partitionAware ? TaskState.TASK_DROPPED : TaskState.TASK_LOST, s.getState());
      assertEquals(TaskStatus.Reason.REASON_INVALID_OFFERS, s.getReason());
      assertTrue(s.getMessage().contains(reason.trim()), s.getMessage());
      assertFalse(s.hasUuid());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "empty id             | Task id must not be empty",
      "slash in id          | contains a '/'",
      "dot id               | is not allowed",
      "live id              | duplicate ID",
      "wrong agent          | invalid agent",
      "no resources         | uses no resources",
      "too much             | more resources",
      "both command and exe | not both",
      "incompatible exe     | not compatible",
      "exe of other fw      | invalid FrameworkID",
  })
  void invalidTaskGetsTaskErrorAndEarlierOnesStillLaunch(String scenario, String reason) {
    OfferID o = offer("o1", FW, A1, "cpus:4;mem:1024");
    ExecutorInfo e = executor("e", "cpus:0.5");
    TaskInfo good = task("good", A1, "cpus:1", e);
    TaskInfo bad = switch (scenario.trim()) {
      case "empty id" -> task("", A1, "cpus:1", e);
      case "slash in id" -> task("a/b", A1, "cpus:1", e);
      case "dot id" -> task("..", A1, "cpus:1", e);
      case "live id" -> task("live", A1, "cpus:1", e);
      case "wrong agent" -> task("bad", A2, "cpus:1", e);
      case "no resources" -> task("bad", A1, "", e);
      case "too much" -> task("bad", A1, "cpus:3", e);
      case "both command and exe" -> task("bad", A1, "cpus:1", e).toBuilder()
          .setCommand(CommandInfo.newBuilder().setValue("x")).build();
      case "incompatible exe" -> task("bad", A1, "cpus:1", executor("e", "cpus:0.6"));
      default -> task("bad", A1, "cpus:1", e.toBuilder().setFrameworkId(OTHER_FW).build());
    };
    AcceptValidator.Result res = validate(accept(List.of(o), good, bad), false, Set.of("live"), Map.of());
    assertEquals(1, res.launches().size());
    assertEquals("good", res.launches().get(0).task().getTaskId().getValue());
    assertEquals(1, res.rejections().size());
    TaskStatus s = res.rejections().get(0);
    assertEquals(TaskState.TASK_ERROR, s.getState());
    assertEquals(TaskStatus.Reason.REASON_TASK_INVALID, s.getReason());
    assertTrue(s.getMessage().contains(reason.trim()), s.getMessage());
  }

  @Test
  void newExecutorCostsItsResourcesOnceAndRunningOneCostsNothing() {
    OfferID o = offer("o1", FW, A1, "cpus:2;mem:1024");
    ExecutorInfo e = executor("pod", "cpus:0.5;mem:32");
    AcceptValidator.Result res = validate(accept(List.of(o), task("a", A1, "cpus:0.75", e),
        task("b", A1, "cpus:0.75", e)), false, Set.of(), Map.of());
    assertEquals(2, res.launches().size());
    assertTrue(res.launches().get(0).newExecutor());
    assertEquals(r("mem:992"), res.unused());

    OfferID o2 = offer("o2", FW, A1, "cpus:2;mem:1024");
    Map<ExecutorID, ExecutorInfo> running = Map.of(e.getExecutorId(), e.toBuilder().setFrameworkId(FW).build());
    AcceptValidator.Result again = validate(accept(List.of(o2), task("c", A1, "cpus:2", e)), false, Set.of(), running);
    assertEquals(1, again.launches().size());
    assertFalse(again.launches().get(0).newExecutor());
    assertEquals(r("mem:1024"), again.unused());
  }

  @Test
  void commandTasksGetACommandExecutorNamedAfterTheTask() {
    OfferID o = offer("o1", FW, A1, "cpus:2;mem:1024");
    AcceptValidator.Result res = validate(accept(List.of(o), task("cmd", A1, "cpus:1", null)), false, Set.of(), Map.of());
    AcceptValidator.Launch l = res.launches().get(0);
    assertTrue(l.commandExecutor());
    assertEquals("cmd", l.executor().getExecutorId().getValue());
    assertEquals(FW, l.executor().getFrameworkId());
  }

  @Test
  void severalOffersOfOneAgentAddUp() {
    OfferID o1 = offer("o1", FW, A1, "cpus:1;ports:31000-31000");
    OfferID o2 = offer("o2", FW, A1, "cpus:1;ports:31001-31001");
    AcceptValidator.Result res = validate(accept(List.of(o1, o2),
        task("t", A1, "cpus:1.9;ports:31000-31001", executor("e", ""))), false, Set.of(), Map.of());
    assertEquals(1, res.launches().size(), res.rejections().toString());
    assertEquals(2, res.usedOffers().size());
    assertEquals(r("cpus:0.1"), res.unused());
  }

  @Test
  void operationIdOnLaunchIsATaskError() {
    OfferID o = offer("o1", FW, A1, "cpus:2");
    Call.Accept a = accept(List.of(o), task("t", A1, "cpus:1", executor("e", "")));
    a = a.toBuilder().setOperations(0, a.getOperations(0).toBuilder()
        .setId(org.apache.mesos.v1.Protos.OperationID.newBuilder().setValue("op"))).build();
    AcceptValidator.Result res = validate(a, false, Set.of(), Map.of());
    assertEquals(new ArrayList<>(), res.launches());
    assertEquals(TaskState.TASK_ERROR, res.rejections().get(0).getState());
  }
}
