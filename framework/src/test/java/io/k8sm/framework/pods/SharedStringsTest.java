package io.k8sm.framework.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.google.protobuf.ByteString;
import io.k8sm.framework.testing.Pods;
import java.util.List;
import org.apache.mesos.v1.Protos.TaskState;
import org.junit.jupiter.api.Test;

/**
 * Strings every pod keeps for its life are one String per value, not one per pod or per holder:
 * its key, the agent and host it runs on, and the sentence saying so. Values built apart (as two
 * offers or two journal reads build them) must come out as the same instance.
 */
class SharedStringsTest {

  static String apart(String s) {
    return new String(s.toCharArray());
  }

  @Test
  void aPodKeyIsOneStringWhoeverAsksForIt() {
    PodSpec spec = Pods.spec("web", 100);
    assertSame(spec.key(), spec.key());
    assertSame(spec.key(), new PodRegistry.PodRegistered(apart("default/web"), "pod-default.web.1").key());
    assertSame(spec.key(), new PodRegistry(java.util.Map.of(apart("default/web"), "pod-default.web.1"))
        .pods().keySet().iterator().next());
  }

  @Test
  void podsOnOneAgentShareItsIdItsHostAndTheirRunningMessage() {
    PodState a = running(Pods.spec("a", 100));
    PodState b = running(Pods.spec("b", 100));
    assertEquals("running on node-1", a.message());
    assertSame(a.agent(), b.agent());
    assertSame(a.host(), b.host());
    assertSame(a.message(), b.message());
  }

  static PodState running(PodSpec spec) {
    String task = "default." + spec.name() + ".1";
    return PodState.EMPTY.apply(new PodEvent.PodCreated(spec))
        .apply(new PodEvent.ResourcesReserved(apart("agent-1-S0"), apart("node-1"), List.of()))
        .apply(new PodEvent.TaskLaunched(task))
        .apply(new PodEvent.TaskStatusChanged(task, TaskState.TASK_RUNNING, "", ByteString.EMPTY));
  }
}
