package io.k8sm.framework.pods;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.Behaviors;
import io.k8sm.framework.mesos.MesosCalls;
import io.k8sm.framework.store.ObjectStore;
import io.k8sm.framework.testing.Pods;
import io.k8sm.framework.testing.TestPersistence;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A burst against the supervisor on the default thread stack: thousands of creates sent at once,
 * interleaved with task updates to route, pod task notes and reconciliation queries. Every one is
 * answered exactly as if it had come alone (issue 5: an event-sourced supervisor stashed them all
 * behind each registration and overflowed the stack, or dropped them, when unstashing).
 */
class PodSupervisorBurstTest {
  static final ActorTestKit kit = ActorTestKit.create(TestPersistence.inMemory());
  static final int PODS = 5_000;

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  /** Counts every message it gets, by class. */
  static Behavior<Object> counter(Map<Class<?>, AtomicInteger> counts) {
    return Behaviors.receiveMessage(m -> {
      counts.computeIfAbsent(m.getClass(), c -> new AtomicInteger()).incrementAndGet();
      return Behaviors.same();
    });
  }

  static int count(Map<Class<?>, AtomicInteger> counts, Class<?> c) {
    AtomicInteger n = counts.get(c);
    return n == null ? 0 : n.get();
  }

  @Test
  void everyCreateUpdateAndQueryOfABurstIsAnswered() {
    Map<Class<?>, AtomicInteger> replies = new ConcurrentHashMap<>();
    Map<Class<?>, AtomicInteger> toBridge = new ConcurrentHashMap<>();
    ActorRef<Object> sink = kit.spawn(counter(replies));
    ActorRef<Object> bridge = kit.spawn(counter(toBridge));
    ActorRef<Object> pool = kit.spawn(Behaviors.ignore());
    ActorRef<ObjectStore.Command> store = kit.spawn(ObjectStore.create());
    ActorRef<PodSupervisor.Command> pods = kit.spawn(PodSupervisor.create(new PodDeps(pool.narrow(), bridge.narrow(),
        store, ExecutorInfos.of("/bin/exec", 100, 64, "*"), Pods.FAST, r -> { }, k -> { }),
        new PodPersistence(TestPersistence.uniqueId("registry"), 20, 2, m -> { throw new AssertionError(m); })));
    TestProbe<Object> watcher = kit.createTestProbe();

    for (int i = 0; i < PODS; i++) {
      pods.tell(new PodSupervisor.CreatePod(Pods.spec("burst-" + i, 100), sink.narrow()));
      // An update for a task no pod holds (ended: receipted, nothing to kill), and a note of a task.
      TaskID task = TaskID.newBuilder().setValue("default.burst-" + i + ".old").build();
      pods.tell(new PodSupervisor.TaskUpdate(TaskStatus.newBuilder().setTaskId(task).setState(TaskState.TASK_FAILED)
          .build(), bridge.narrow()));
      pods.tell(new PodSupervisor.PodTask("default/elsewhere-" + i, "", "", PodPhase.PENDING));
      if (i % 100 == 0) pods.tell(new PodSupervisor.ListTasks(bridge.narrow()));
    }

    watcher.awaitAssert(Duration.ofSeconds(60), Duration.ofMillis(200), () -> {
      assertEquals(PODS, count(replies, PodSupervisor.Created.class), "creates answered");
      assertEquals(PODS, count(toBridge, MesosCalls.UpdateTaken.class), "updates receipted");
      assertEquals(PODS / 100, count(toBridge, MesosCalls.KnownTasks.class), "task lists answered");
      return null;
    });
    assertEquals(0, count(replies, PodSupervisor.AlreadyExists.class));
    // The supervisor is alive and still holds every pod: a second create of one is refused.
    TestProbe<PodSupervisor.CreateResult> again = kit.createTestProbe();
    pods.tell(new PodSupervisor.CreatePod(Pods.spec("burst-7", 100), again.getRef()));
    assertInstanceOf(PodSupervisor.AlreadyExists.class, again.receiveMessage(Duration.ofSeconds(10)));
  }
}
