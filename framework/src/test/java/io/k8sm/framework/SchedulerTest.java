package io.k8sm.framework;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.k8sm.framework.testing.TestPersistence;
import io.k8sm.framework.api.Json;
import io.k8sm.framework.testing.FakeMaster;
import io.k8sm.framework.testing.Offers;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.pod.PodStatusReport;
import io.k8sm.protocol.pod.PodTask;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.MasterInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The whole scheduler (Guardian, actors, REST API on an ephemeral port) against a scripted master:
 * POST examples/pod.json, see one ACCEPT launch it with our executor, report it running, DELETE it.
 */
class SchedulerTest {
  static final ActorTestKit kit = ActorTestKit.create();
  static final HttpClient http = HttpClient.newHttpClient();

  @AfterAll
  static void shutdown() {
    kit.shutdownTestKit();
  }

  static Config config() {
    return ConfigFactory.parseMap(Map.of("k8sm.framework.port", 0, "k8sm.framework.executor-path", "/opt/exec",
        "k8sm.framework.offers.ttl", "2s")).withFallback(ConfigFactory.load());
  }

  static HttpResponse<String> call(String method, String url, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json");
    return http.send(b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode pod(Scheduler s, String id) throws Exception {
    return Json.MAPPER.readTree(call("GET", s.apiUrl() + "/api/v1beta1/pods/" + id, null).body());
  }

  @Test
  void schedulesTheExamplePodThroughOneAcceptAndShowsItRunning() throws Exception {
    try (FakeMaster master = new FakeMaster(kit.system());
         Scheduler s = Scheduler.start(TestPersistence.freshDataDir(config()), List.of(master.url()), b -> { }, List.of())) {
      FakeMaster.Subscribe sub = master.nextSubscribe();
      assertEquals(s.apiUrl(), sub.call().getSubscribe().getFrameworkInfo().getWebuiUrl());
      assertEquals(Encoding.PROTOBUF, sub.encoding(), "the scheduler speaks protobuf by default");
      sub.feed().event(Event.newBuilder().setType(Event.Type.SUBSCRIBED).setSubscribed(Event.Subscribed.newBuilder()
          .setFrameworkId(FrameworkID.newBuilder().setValue("fw")).setHeartbeatIntervalSeconds(15)
          .setMasterInfo(MasterInfo.newBuilder().setId("m").setIp(0).setPort(5050))).build());
      master.nextCall(Call.Type.SUPPRESS); // nobody waits yet

      String body = Files.readString(Path.of("../examples/pod.json"));
      assertEquals(201, call("POST", s.apiUrl() + "/api/v1beta1/pods", body).statusCode());
      master.nextCall(Call.Type.REVIVE);
      Offer offer = Offers.of("node-1", 2, 1024, 31000, 32000);
      sub.feed().event(Event.newBuilder().setType(Event.Type.OFFERS)
          .setOffers(Event.Offers.newBuilder().addOffers(offer)).build());
      FakeMaster.Received accepted = master.nextCall(Call.Type.ACCEPT);
      assertEquals(Encoding.PROTOBUF, accepted.encoding());
      Call accept = accepted.call();
      assertEquals(List.of(offer.getId()), accept.getAccept().getOfferIdsList());
      TaskInfo task = accept.getAccept().getOperations(0).getLaunch().getTaskInfos(0);
      assertEquals("/opt/exec", task.getExecutor().getCommand().getValue());
      assertEquals(31080, PodTask.parseFrom(task.getData()).getContainers(0).getPorts(0).getHostPort());
      assertEquals("Waiting", pod(s, "php").at("/currentState/status").asText());

      ByteString uuid = ByteString.copyFrom(UUID.randomUUID().toString().getBytes(), 0, 16);
      TaskStatus running = TaskStatus.newBuilder().setTaskId(task.getTaskId()).setAgentId(offer.getAgentId())
          .setState(TaskState.TASK_RUNNING).setUuid(uuid)
          .setData(PodStatusReport.newBuilder().setHostIp("127.0.0.1").build().toByteString()).build();
      sub.feed().event(Event.newBuilder().setType(Event.Type.UPDATE)
          .setUpdate(Event.Update.newBuilder().setStatus(running)).build());
      assertEquals(uuid, master.nextCall(Call.Type.ACKNOWLEDGE).call().getAcknowledge().getUuid());
      JsonNode shown = pod(s, "php");
      assertEquals("Running", shown.at("/currentState/status").asText());
      assertEquals("node-1", shown.at("/currentState/host").asText());
      assertEquals("127.0.0.1", shown.at("/currentState/hostIP").asText());

      assertEquals(200, call("DELETE", s.apiUrl() + "/api/v1beta1/pods/php", null).statusCode());
      Call kill = master.nextCall(Call.Type.KILL).call();
      assertEquals(task.getTaskId(), kill.getKill().getTaskId());
      sub.feed().event(Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder()
          .setStatus(running.toBuilder().setState(TaskState.TASK_KILLED).setUuid(ByteString.copyFrom(new byte[16])))).build());
      master.nextCall(Call.Type.ACKNOWLEDGE);
      kit.createTestProbe().awaitAssert(() -> {
        try {
          assertEquals(404, call("GET", s.apiUrl() + "/api/v1beta1/pods/php", null).statusCode());
        } catch (Exception e) {
          throw new AssertionError(e);
        }
        return null;
      });
      assertTrue(Json.MAPPER.readTree(call("GET", s.apiUrl() + "/api/v1beta1/minions", null).body())
          .get("items").findValuesAsText("id").contains("node-1"));
    }
  }

  @Test
  void aPortInUseStopsTheStartWithTheReason() throws Exception {
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
         FakeMaster master = new FakeMaster(kit.system())) {
      Config config = ConfigFactory.parseMap(Map.of("k8sm.framework.port", taken.getLocalPort()))
          .withFallback(config());
      Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
          () -> Scheduler.start(TestPersistence.freshDataDir(config), List.of(master.url()), b -> { }, List.of()).close());
      assertTrue(String.valueOf(e.getMessage()).contains(String.valueOf(taken.getLocalPort()))
          || String.valueOf(e.getCause()).contains("Bind"), e.toString());
    }
  }
}
