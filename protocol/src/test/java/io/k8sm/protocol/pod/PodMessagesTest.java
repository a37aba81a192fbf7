package io.k8sm.protocol.pod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.util.ByteString;
import io.k8sm.protocol.codec.Encoding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Our own framework-executor messages survive both encodings and the TaskInfo.data / TaskStatus.data trip. */
class PodMessagesTest {
  static PodTask podTask() {
    return PodTask.newBuilder().setNamespace("default").setName("web").setUid("0f0e-11")
        .putLabels("app", "web").setRestartPolicy(RestartPolicy.RESTART_ON_FAILURE).setTerminationGraceSeconds(10)
        .addContainers(Container.newBuilder().setName("httpd").setImage("k8sm/httpd:1")
            .addCommand("httpd").addArgs("-f").addEnv(EnvVar.newBuilder().setName("MODE").setValue("test"))
            .addPorts(PortMapping.newBuilder().setName("http").setContainerPort(80).setHostPort(31000)
                .setProtocol(Protocol.TCP).setHostIp("127.0.0.1"))
            .setResources(Resources.newBuilder().setCpuMillis(250).setMemoryBytes(64L << 20))
            .setLivenessProbe(Probe.newBuilder().setHttpGet(HttpGetAction.newBuilder().setPath("/healthz").setPort(80))
                .setPeriodSeconds(5).setFailureThreshold(3))
            .setImagePullPolicy(ImagePullPolicy.PULL_NEVER))
        .build();
  }

  static PodStatusReport report() {
    return PodStatusReport.newBuilder().setNamespace("default").setName("web").setUid("0f0e-11")
        .setPhase(PodPhase.POD_RUNNING).setHost("node-1").setHostIp("127.0.0.1").setPodIp("10.0.0.7")
        .addContainers(ContainerStatus.newBuilder().setName("httpd").setContainerId("abc123").setReady(true)
            .setRunning(Running.newBuilder().setStartedAtMillis(1_700_000_000_000L)).setRestartCount(2)
            .setLastTermination(Terminated.newBuilder().setExitCode(137).setReason("OOMKilled")))
        .setObservedAtMillis(1_700_000_000_500L).build();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void podTaskAndStatusReportRoundTrip(Encoding encoding) throws Exception {
    assertEquals(podTask(), encoding.decode(encoding.encode(podTask()), PodTask.getDefaultInstance()));
    assertEquals(report(), encoding.decode(encoding.encode(report()), PodStatusReport.getDefaultInstance()));
  }

  @Test
  void podTaskTravelsAsBytesInTaskData() throws Exception {
    com.google.protobuf.ByteString data = podTask().toByteString();
    assertEquals(podTask(), PodTask.parseFrom(data));
    assertEquals(report(), PodStatusReport.parseFrom(report().toByteString()));
  }

  @Test
  void jsonUsesProtoFieldNames() {
    String json = Encoding.JSON.encode(podTask()).utf8String();
    assertTrue(json.contains("\"container_port\":80") && json.contains("\"host_port\":31000"), json);
    assertTrue(json.contains("\"restart_policy\":\"RESTART_ON_FAILURE\""), json);
    assertTrue(Encoding.JSON.encode(report()).utf8String().contains("\"restart_count\":2"));
    assertEquals(ByteString.fromString("{}"), Encoding.JSON.encode(PodTask.getDefaultInstance()));
  }
}
