package io.k8sm.framework.mesos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.typesafe.config.ConfigFactory;
import io.k8sm.framework.FrameworkSettings;
import io.k8sm.framework.MasterUrls;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;

class SchedulerCallsTest {
  static final FrameworkSettings S = FrameworkSettings.fromConfig(ConfigFactory.load());
  static final FrameworkID ID = FrameworkID.newBuilder().setValue("fw").build();

  @Test
  void reSubscribeCarriesTheIdInBothPlacesAndANewOneInNeither() {
    Call fresh = SchedulerCalls.subscribe(SchedulerCalls.frameworkInfo(S, Optional.empty(), ""));
    assertFalse(fresh.hasFrameworkId());
    assertFalse(fresh.getSubscribe().getFrameworkInfo().hasWebuiUrl());
    Call again = SchedulerCalls.subscribe(SchedulerCalls.frameworkInfo(S, Optional.of(ID), "http://h:1"));
    assertEquals(ID, again.getFrameworkId());
    assertEquals(ID, again.getSubscribe().getFrameworkInfo().getId());
    assertTrue(again.isInitialized());
  }

  @Test
  void acknowledgesOnlyUpdatesWithAUuidUsingItsExactBytes() {
    ByteString uuid = ByteString.copyFrom(new byte[] {(byte) 0xff, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14});
    TaskStatus s = TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t"))
        .setState(org.apache.mesos.v1.Protos.TaskState.TASK_RUNNING).setAgentId(AgentID.newBuilder().setValue("a"))
        .setUuid(uuid).build();
    assertEquals(uuid, SchedulerCalls.acknowledge(ID, s).orElseThrow().getAcknowledge().getUuid());
    assertTrue(SchedulerCalls.acknowledge(ID, s.toBuilder().clearUuid().build()).isEmpty());
  }

  @Test
  void killCarriesTheGracePeriod() {
    Call kill = SchedulerCalls.kill(ID, new MesosCalls.Kill(TaskID.newBuilder().setValue("t").build(), Optional.empty(),
        Duration.ofSeconds(3)));
    assertEquals(3_000_000_000L, kill.getKill().getKillPolicy().getGracePeriod().getNanoseconds());
    assertFalse(kill.getKill().hasAgentId());
  }

  @Test
  void masterAddressesBecomeBaseUrls() {
    assertEquals(List.of(URI.create("http://m1:5050"), URI.create("http://m2:5051"), URI.create("https://m3:443")),
        MasterUrls.parse(List.of("m1", "m2:5051", "https://m3:443/")));
  }
}
