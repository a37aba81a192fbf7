package io.k8sm.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.util.ByteString;
import com.google.protobuf.Message;
import io.k8sm.protocol.testing.ExecutorMessages;
import io.k8sm.protocol.testing.SchedulerMessages;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Mesos bodies in both encodings: lossless round trips and JSON exactly as Mesos reads and writes it. */
class EncodingTest {
  private static final Pattern JSON_KEY = Pattern.compile("\"([A-Za-z0-9_]+)\":");

  static Stream<Arguments> everyMessage() {
    Stream.Builder<Arguments> all = Stream.builder();
    for (Encoding encoding : Encoding.values()) {
      add(all, encoding, "scheduler Call", SchedulerMessages.calls());
      add(all, encoding, "scheduler Event", SchedulerMessages.events());
      add(all, encoding, "executor Call", ExecutorMessages.calls());
      add(all, encoding, "executor Event", ExecutorMessages.events());
    }
    return all.build();
  }

  private static void add(Stream.Builder<Arguments> all, Encoding encoding, String kind,
      Map<String, ? extends Message> messages) {
    messages.forEach((type, message) -> all.add(Arguments.of(encoding, kind + " " + type, message)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyMessage")
  void roundTripsLosslessly(Encoding encoding, String name, Message message) throws Exception {
    ByteString body = encoding.encode(message);
    assertEquals(message, encoding.decode(body, message.getDefaultInstanceForType()), name);
    // Servers read what clients write, 64-bit numbers quoted by JsonFormat included.
    assertEquals(message, encoding.decodeStrict(body, message.getDefaultInstanceForType()), name + " (strict)");
  }

  @ParameterizedTest(name = "JSON {1}")
  @MethodSource("everyMessage")
  void jsonKeysAreProtoFieldNames(Encoding encoding, String name, Message message) {
    String json = Encoding.JSON.encode(message).utf8String();
    Matcher keys = JSON_KEY.matcher(json);
    while (keys.find()) {
      String key = keys.group(1);
      assertEquals(key.toLowerCase(), key, name + ": camelCase key '" + key + "' in " + json);
    }
    String type = ((com.google.protobuf.Descriptors.EnumValueDescriptor) message.getField(
        message.getDescriptorForType().findFieldByName("type"))).getName();
    assertTrue(json.contains("\"type\":\"" + type + "\""), name + ": enum by name in " + json);
  }

  @Test
  void jsonUsesSnakeCaseNamesEnumNamesAndBase64Bytes() {
    String subscribed = Encoding.JSON.encode(SchedulerMessages.events().get("SUBSCRIBED")).utf8String();
    assertTrue(subscribed.contains("\"framework_id\":{\"value\":\"framework-1\"}"), subscribed);
    assertTrue(subscribed.contains("\"heartbeat_interval_seconds\":15"), subscribed);
    assertFalse(subscribed.contains("frameworkId") || subscribed.contains("heartbeatIntervalSeconds"), subscribed);

    String ack = Encoding.JSON.encode(SchedulerMessages.calls().get("ACKNOWLEDGE")).utf8String();
    String uuid = Base64.getEncoder().encodeToString(SchedulerMessages.UUID.toByteArray());
    assertTrue(ack.contains("\"uuid\":\"" + uuid + "\""), ack);
    assertEquals(16, SchedulerMessages.UUID.size());

    String accept = Encoding.JSON.encode(SchedulerMessages.calls().get("ACCEPT")).utf8String();
    String data = Base64.getEncoder().encodeToString(SchedulerMessages.taskInfo().getData().toByteArray());
    assertTrue(accept.contains("\"data\":\"" + data + "\""), accept);
    assertTrue(accept.contains("\"type\":\"LAUNCH\"") && accept.contains("\"task_infos\":["), accept);
    assertTrue(accept.contains("\"refuse_seconds\":5"), accept);

    String update = Encoding.JSON.encode(SchedulerMessages.events().get("UPDATE")).utf8String();
    assertTrue(update.contains("\"state\":\"TASK_RUNNING\"") && update.contains("\"source\":\"SOURCE_EXECUTOR\""), update);
  }

  @Test
  void jsonAsMesosWritesItDecodes() throws Exception {
    // Plain numbers for 64-bit ints, unset defaults printed, and fields this build does not know.
    String json = """
        {"type":"OFFERS","offers":{"offers":[{"id":{"value":"o1"},"framework_id":{"value":"f"},
         "agent_id":{"value":"a"},"hostname":"h","domain_of_the_future":{"x":1},
         "resources":[{"name":"ports","type":"RANGES","role":"*",
           "ranges":{"range":[{"begin":31000,"end":31005},{"begin":"31100","end":32000}]}},
          {"name":"cpus","type":"SCALAR","scalar":{"value":2.5},"allocation_info":{"role":"eng"}}]}]},
         "unknown_top_level":[1,2,3]}""";
    Event event = Encoding.JSON.decode(ByteString.fromString(json), Event.getDefaultInstance());
    var offer = event.getOffers().getOffers(0);
    assertEquals(2, offer.getResources(0).getRanges().getRangeCount());
    assertEquals(31100, offer.getResources(0).getRanges().getRange(1).getBegin());
    assertEquals(2.5, offer.getResources(1).getScalar().getValue());
    assertEquals("eng", offer.getResources(1).getAllocationInfo().getRole());
  }

  @Test
  void missingRequiredFieldsAreMalformed() {
    String json = "{\"type\":\"ACKNOWLEDGE\",\"framework_id\":{\"value\":\"f\"},"
        + "\"acknowledge\":{\"task_id\":{\"value\":\"t\"}}}";
    MalformedMessageException e = assertThrows(MalformedMessageException.class,
        () -> Encoding.JSON.decode(ByteString.fromString(json), Call.getDefaultInstance()));
    assertTrue(e.getMessage().contains("missing required fields") && e.getMessage().contains("agent_id")
        && e.getMessage().contains("uuid"), e.getMessage());

    byte[] partial = Call.newBuilder().setType(Call.Type.KILL).setKill(Call.Kill.newBuilder().buildPartial()).buildPartial().toByteArray();
    MalformedMessageException p = assertThrows(MalformedMessageException.class,
        () -> Encoding.PROTOBUF.decode(ByteString.fromArray(partial), Call.getDefaultInstance()));
    assertTrue(p.getMessage().contains("kill.task_id"), p.getMessage());
  }

  @Test
  void garbageIsMalformed() {
    MalformedMessageException json = assertThrows(MalformedMessageException.class,
        () -> Encoding.JSON.decode(ByteString.fromString("{\"type\": "), Call.getDefaultInstance()));
    assertTrue(json.getMessage().contains("Failed to parse body into Call"), json.getMessage());
    assertThrows(MalformedMessageException.class,
        () -> Encoding.JSON.decode(ByteString.fromString("[1, 2]"), Call.getDefaultInstance()));
    assertThrows(MalformedMessageException.class, () -> Encoding.PROTOBUF.decode(
        ByteString.fromArray(new byte[] {(byte) 0xff, (byte) 0xff, 0x01}), Call.getDefaultInstance()));
  }

  @Test
  void anUnknownEnumNameInAnOptionalFieldIsDroppedAsMesosDoes() throws Exception {
    Call call = Encoding.JSON.decode(ByteString.fromString("{\"type\":\"NO_SUCH_TYPE\"}"), Call.getDefaultInstance());
    assertFalse(call.hasType());
  }

  @Test
  void contentTypesMatchExactly() {
    assertEquals(Optional.of(Encoding.JSON), Encoding.ofMediaType("application/json"));
    assertEquals(Optional.of(Encoding.PROTOBUF), Encoding.ofMediaType("application/x-protobuf"));
    assertEquals(Optional.empty(), Encoding.ofMediaType("application/json; charset=utf-8"));
    assertEquals(Optional.empty(), Encoding.ofMediaType("application/json;charset=UTF-8"));
    assertEquals(Optional.empty(), Encoding.ofMediaType("Application/JSON"));
    assertEquals(Optional.empty(), Encoding.ofMediaType("application/protobuf"));
    assertEquals(Optional.empty(), Encoding.ofMediaType(""));
    assertEquals(Optional.empty(), Encoding.ofMediaType(null));
  }

  @Test
  void configNamesAnEncoding() {
    assertEquals(Encoding.JSON, Encoding.ofConfig("json"));
    assertEquals(Encoding.PROTOBUF, Encoding.ofConfig(" Protobuf "));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Encoding.ofConfig("xml"));
    assertTrue(e.getMessage().contains("'xml'") && e.getMessage().contains("json or protobuf"), e.getMessage());
  }
}
