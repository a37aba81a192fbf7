package io.k8sm.local.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the actor system an agent runs in leaves no executor process behind. */
class AgentShutdownTest {
  @TempDir Path workDir;

  @Test
  void systemShutdownKillsExecutorsThatOutstayTheirGracePeriod() throws Exception {
    ActorTestKit kit = ActorTestKit.create(ConfigFactory.parseString(
        "akka.coordinated-shutdown.phases.before-service-unbind.timeout = 1s").withFallback(ConfigFactory.load()));
    RecordingListener listener = new RecordingListener();
    RealAgent agent = RealAgent.start(kit.system(), AgentFixture.settings(kit, workDir), AgentFixture.AGENT, listener);
    FrameworkInfo fw = AgentFixture.framework("fw-down", false);
    // Never subscribes and its grace period outlasts the shutdown phase: only the last resort ends it.
    ExecutorInfo exec = AgentFixture.sleepingExecutor("exec-down", Duration.ofMinutes(5));
    agent.launch(fw, exec, List.of(AgentFixture.task("t-d", "", exec)));
    ProcessHandle child = awaitChild();

    kit.shutdownTestKit();

    child.onExit().get(20, TimeUnit.SECONDS);
    assertFalse(child.isAlive());
    assertEquals(List.of(), ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList());
  }

  private static ProcessHandle awaitChild() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      var child = ProcessHandle.current().children().filter(ProcessHandle::isAlive).findFirst();
      if (child.isPresent()) {
        return child.get();
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the executor process did not start");
  }
}
