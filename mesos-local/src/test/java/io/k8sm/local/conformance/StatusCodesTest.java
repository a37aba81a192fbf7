package io.k8sm.local.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;

/** Every bad request gets the status and plain-text reason of a Mesos master (§2.1). */
class StatusCodesTest extends ConformanceBase {
  private static final Map<String, String> JSON_CT = Map.of("Content-Type", "application/json");

  private byte[] subscribeJson() {
    return json.encode(PlainScheduler.subscribeCall(PlainScheduler.framework("codes").build())).toArray();
  }

  private static void assertStatus(int status, String bodyPart, HttpResponse<String> r) {
    assertEquals(status, r.statusCode(), "status; body: " + r.body());
    assertTrue(r.body().contains(bodyPart), "body '" + r.body() + "' should contain '" + bodyPart + "'");
  }

  @Test
  void wrongMethodIs405() throws Exception {
    HttpResponse<String> r = json.raw("GET", null, Map.of());
    assertStatus(405, "POST", r);
    assertEquals("POST", r.headers().firstValue("Allow").orElse(""));
    assertStatus(405, "PUT", json.raw("PUT", subscribeJson(), JSON_CT));
  }

  @Test
  void missingContentTypeIs400() throws Exception {
    assertStatus(400, "Expecting 'Content-Type' to be present", json.raw("POST", subscribeJson(), Map.of()));
  }

  @Test
  void contentTypeIsComparedAsExactString() throws Exception {
    for (String ct : new String[] {"application/json; charset=utf-8", "text/plain", "application/octet-stream",
        "application/x-protobuf; proto=mesos.scheduler.Call", "garbage", "Application/JSON", "application/JSON",
        "APPLICATION/X-PROTOBUF"}) {
      assertStatus(415, "Expecting 'Content-Type' of application/json or application/x-protobuf",
          json.raw("POST", subscribeJson(), Map.of("Content-Type", ct)));
    }
  }

  @Test
  void unparsableBodyIs400() throws Exception {
    assertStatus(400, "Failed to parse", json.raw("POST", "{not json".getBytes(StandardCharsets.UTF_8), JSON_CT));
    assertStatus(400, "Failed to parse", json.raw("POST", new byte[] {(byte) 0xff, 1, 2},
        Map.of("Content-Type", "application/x-protobuf")));
    assertStatus(400, "", json.raw("POST", new byte[0], JSON_CT));
  }

  @Test
  void missingRequiredFieldsAre400() throws Exception {
    // framework_info without user and name (both required)
    String body = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"framework_info\":{}}}";
    assertStatus(400, "Missing required fields: subscribe.framework_info.user, subscribe.framework_info.name", json.raw("POST", body.getBytes(StandardCharsets.UTF_8), JSON_CT));
    assertStatus(400, "Expecting 'subscribe' to be present",
        json.raw("POST", "{\"type\":\"SUBSCRIBE\"}".getBytes(StandardCharsets.UTF_8), JSON_CT));
    assertStatus(400, "Expecting 'type' to be present", json.raw("POST", "{}".getBytes(StandardCharsets.UTF_8), JSON_CT));
    assertStatus(400, "Expecting 'framework_id' to be present",
        json.raw("POST", "{\"type\":\"REVIVE\"}".getBytes(StandardCharsets.UTF_8), JSON_CT));
  }

  @Test
  void camelCaseKeysAreDroppedAsMesosDropsAnyUnknownKey() throws Exception {
    String body = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"frameworkInfo\":{\"user\":\"u\",\"name\":\"n\"}}}";
    assertStatus(400, "Missing required fields: subscribe.framework_info",
        json.raw("POST", body.getBytes(StandardCharsets.UTF_8), JSON_CT));
  }

  @Test
  void enumValuesGivenAsNumbersAre400() throws Exception {
    String body = "{\"type\":1,\"subscribe\":{\"framework_info\":{\"user\":\"u\",\"name\":\"n\"}}}";
    assertStatus(400, "Not expecting a JSON number for field 'type'",
        json.raw("POST", body.getBytes(StandardCharsets.UTF_8), JSON_CT));
  }

  @Test
  void subscribeWithStreamIdIs400AndBadAcceptIs406() throws Exception {
    EventStream withId = track(json.subscribe(PlainScheduler.subscribeCall(PlainScheduler.framework("x").build()),
        Map.of("Mesos-Stream-Id", "0c4c9f1e-0000-0000-0000-000000000000")));
    assertEquals(400, withId.status());
    EventStream notAcceptable = track(json.subscribe(
        PlainScheduler.subscribeCall(PlainScheduler.framework("x").build()), Map.of("Accept", "text/html")));
    assertEquals(406, notAcceptable.status());
    EventStream protoOnly = track(json.subscribe(
        PlainScheduler.subscribeCall(PlainScheduler.framework("x").build()), Map.of("Accept", "application/x-protobuf")));
    assertEquals(200, protoOnly.status());
    assertEquals("application/x-protobuf", protoOnly.response.headers().firstValue("Content-Type").orElse(""));
  }

  @Test
  void subscribeWithMismatchedFrameworkIdsIs400() throws Exception {
    Call c = PlainScheduler.subscribeCall(PlainScheduler.framework("x")
        .setId(FrameworkID.newBuilder().setValue("a")).build()).toBuilder()
        .setFrameworkId(FrameworkID.newBuilder().setValue("b")).build();
    assertStatus(400, "'framework_id' differs from 'subscribe.framework_info.id'", json.call(c, null));
  }

  @Test
  void streamIdRulesForOtherCalls() throws Exception {
    Subscribed sub = subscribe(json, "stream-ids");
    Call revive = PlainScheduler.call(Call.Type.REVIVE, sub.id()).build();
    assertStatus(400, "should include the 'Mesos-Stream-Id' header", json.call(revive, null));
    assertStatus(400, "didn't match the stream ID", json.call(revive, "not-the-stream"));
    assertStatus(202, "", json.call(revive, sub.stream().streamId()));
    assertEquals("", json.call(revive, sub.stream().streamId()).body());
  }

  @Test
  void unknownFrameworkIs400() throws Exception {
    Call revive = PlainScheduler.call(Call.Type.REVIVE, FrameworkID.newBuilder().setValue("nobody").build()).build();
    assertStatus(400, "Framework cannot be found", json.call(revive, "any"));
  }

  @Test
  void knownButUnsubscribedFrameworkIs403() throws Exception {
    Subscribed sub = subscribe(json, PlainScheduler.framework("gone-for-a-while").setFailoverTimeout(60).build());
    String streamId = sub.stream().streamId();
    assertEquals(1, mesos.faults().dropSubscriptions());
    sub.stream().awaitEnd();
    Call revive = PlainScheduler.call(Call.Type.REVIVE, sub.id()).build();
    HttpResponse<String> r = json.call(revive, streamId);
    for (int i = 0; i < 50 && r.statusCode() != 403; i++) {
      Thread.sleep(50); // the master learns of the broken stream asynchronously
      r = json.call(revive, streamId);
    }
    assertStatus(403, "Framework is not subscribed", r);
  }

  @Test
  void acknowledgeUuidMustBe16Bytes() throws Exception {
    Subscribed sub = subscribe(proto, "acks");
    Call ack = PlainScheduler.call(Call.Type.ACKNOWLEDGE, sub.id()).setAcknowledge(Call.Acknowledge.newBuilder()
        .setAgentId(AgentID.newBuilder().setValue("a")).setTaskId(TaskID.newBuilder().setValue("t"))
        .setUuid(ByteString.copyFrom(new byte[15]))).build();
    assertStatus(400, "Not a valid UUID", proto.call(ack, sub.stream().streamId()));
  }

  @Test
  void unknownCallTypeIs501() throws Exception {
    Subscribed sub = subscribe(json, "unknown");
    assertEquals(501, json.call(PlainScheduler.call(Call.Type.UNKNOWN, sub.id()).build(), sub.stream().streamId())
        .statusCode());
  }

  @Test
  void theLibprocessPrefixedPathWorksToo() throws Exception {
    PlainScheduler prefixed = new PlainScheduler(mesos.masterUrl() + "/master", io.k8sm.protocol.codec.Encoding.JSON);
    EventStream s = track(prefixed.subscribe(PlainScheduler.framework("prefixed").build()));
    assertEquals(200, s.status());
    assertEquals(org.apache.mesos.v1.scheduler.Protos.Event.Type.SUBSCRIBED, s.poll(PlainScheduler.TIMEOUT).getType());
  }

  @Test
  void otherPathsAre404() throws Exception {
    var r = json.http.send(java.net.http.HttpRequest.newBuilder(
        java.net.URI.create(mesos.masterUrl() + "/api/v1/nothing")).POST(
            java.net.http.HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(404, r.statusCode());
  }
}
