package io.k8sm.local.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.k8sm.local.MesosLocalSettings;
import io.k8sm.local.agent.Agent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.AgentInfo;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.ExecutorInfo;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.KillPolicy;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;

/** The scheduler endpoint's wait for the master comes from configuration, and running out is a 503. */
class CallTimeoutTest extends ConformanceBase {
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile AgentID stallingAgent;

  @Override
  MesosLocalSettings.Builder settings() {
    return super.settings().simulatedAgents(0).callTimeout(Duration.ofMillis(300))
        .addExtraAgent((id, listener) -> {
          stallingAgent = id;
          return new StallingAgent(id);
        });
  }

  @Test
  void aMasterSlowerThanTheConfiguredCallTimeoutIsAnswered503() throws Exception {
    Subscribed sub = subscribe(json, "impatient");
    Call message = PlainScheduler.call(Call.Type.MESSAGE, sub.id()).setMessage(Call.Message.newBuilder()
        .setAgentId(stallingAgent).setExecutorId(ExecutorID.newBuilder().setValue("e"))
        .setData(ByteString.copyFromUtf8("hello"))).build();
    try {
      long start = System.nanoTime();
      HttpResponse<String> r = json.call(message, sub.stream().streamId());
      assertEquals(503, r.statusCode(), r.body());
      assertEquals("The master did not answer within 300 ms", r.body());
      assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(9), "answered long before the old 10 s");
    } finally {
      release.countDown();
    }
  }

  /** An agent whose message delivery holds the master until the test lets go. */
  private final class StallingAgent implements Agent {
    private final AgentInfo info;

    StallingAgent(AgentID id) {
      info = AgentInfo.newBuilder().setId(id).setHostname("stalling.mesos-local").build();
    }

    @Override public AgentInfo info() { return info; }

    @Override public void launch(FrameworkInfo framework, ExecutorInfo executor, List<TaskInfo> tasks) {}

    @Override public void kill(FrameworkID framework, TaskID task, Optional<KillPolicy> killPolicy) {}

    @Override public void shutdownExecutor(FrameworkID framework, ExecutorID executor) {}

    @Override public void shutdownFramework(FrameworkID framework) {}

    @Override public void frameworkMessage(FrameworkID framework, ExecutorID executor, akka.util.ByteString data) {
      try {
        release.await(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override public void stop() {}
  }
}
