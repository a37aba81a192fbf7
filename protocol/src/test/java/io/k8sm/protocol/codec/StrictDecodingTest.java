package io.k8sm.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.util.ByteString;
import java.util.Map;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.api.Test;

/** JSON request bodies read as Mesos reads them (stout's protobuf parser), not as JsonFormat does. */
class StrictDecodingTest {
  private static final String USER_AND_NAME = "\"user\":\"u\",\"name\":\"n\"";

  @Test
  void aCamelCaseKeyIsDroppedSoTheRequiredFieldIsMissing() throws Exception {
    String body = "{\"type\":\"SUBSCRIBE\",\"subscribe\":{\"frameworkInfo\":{" + USER_AND_NAME + "}}}";
    assertEquals(Call.Type.SUBSCRIBE, lenient(body).getType(), "JsonFormat takes the json_name");
    MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> strict(body));
    assertEquals("Missing required fields: subscribe.framework_info", e.getMessage());
  }

  @Test
  void camelCaseKeysAreDroppedInsideRepeatedAndMapFieldsToo() throws Exception {
    String accept = "{\"type\":\"ACCEPT\",\"framework_id\":{\"value\":\"f\"},\"accept\":{\"offer_ids\":[{\"value\":\"o\"}],"
        + "\"operations\":[{\"type\":\"LAUNCH\",\"launch\":{\"taskInfos\":[]}}],\"offerIds\":[{\"value\":\"x\"}]}}";
    Call call = strict(accept);
    assertEquals(1, call.getAccept().getOfferIdsCount());
    assertFalse(call.getAccept().getOperations(0).getLaunch().getTaskInfosCount() > 0);
    String framework = "{" + USER_AND_NAME + ",\"offer_filters\":{\"web\":{\"minAllocatableResources\":"
        + "{\"quantities\":[{\"quantities\":{\"cpus\":{\"value\":1}}}]}}}}";
    FrameworkInfo lenient = Encoding.JSON.decode(ByteString.fromString(framework), FrameworkInfo.getDefaultInstance());
    assertTrue(lenient.getOfferFiltersMap().get("web").hasMinAllocatableResources());
    FrameworkInfo strict = Encoding.JSON.decodeStrict(ByteString.fromString(framework), FrameworkInfo.getDefaultInstance());
    assertTrue(strict.getOfferFiltersMap().containsKey("web"));
    assertFalse(strict.getOfferFiltersMap().get("web").hasMinAllocatableResources());
  }

  @Test
  void anEnumGivenAsANumberIsRejectedWithAReason() throws Exception {
    String body = "{\"type\":1,\"subscribe\":{\"framework_info\":{" + USER_AND_NAME + "}}}";
    assertEquals(Call.Type.SUBSCRIBE, lenient(body).getType(), "JsonFormat takes the number");
    MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> strict(body));
    assertEquals("Failed to parse body into Call: Not expecting a JSON number for field 'type'", e.getMessage());
  }

  @Test
  void anUnknownEnumNameIsDroppedWhenOptionalAndAnErrorWhenRequired() throws Exception {
    Call call = strict("{\"type\":\"NO_SUCH_CALL\"}");
    assertFalse(call.hasType());
    String resource = "{\"name\":\"cpus\",\"type\":\"NOPE\",\"scalar\":{\"value\":1}}";
    MalformedMessageException e = assertThrows(MalformedMessageException.class,
        () -> Encoding.JSON.decodeStrict(ByteString.fromString(resource), Resource.getDefaultInstance()));
    assertTrue(e.getMessage().endsWith("Failed to find enum for 'NOPE'"), e.getMessage());
  }

  @Test
  void numbersMayComeAsStringsAndDoublesAsInfinity() throws Exception {
    String task = "{\"name\":\"t\",\"task_id\":{\"value\":\"t\"},\"agent_id\":{\"value\":\"a\"},"
        + "\"resources\":[{\"name\":\"ports\",\"type\":\"RANGES\",\"ranges\":{\"range\":[{\"begin\":\"31000\",\"end\":31001}]}}],"
        + "\"limits\":{\"cpus\":{\"value\":\"Infinity\"},\"mem\":{\"value\":\"-Infinity\"}},\"max_completion_time\":null}";
    TaskInfo t = Encoding.JSON.decodeStrict(ByteString.fromString(task), TaskInfo.getDefaultInstance());
    assertEquals(31000, t.getResources(0).getRanges().getRange(0).getBegin());
    assertEquals(Double.POSITIVE_INFINITY, t.getLimitsMap().get("cpus").getValue());
    assertEquals(Double.NEGATIVE_INFINITY, t.getLimitsMap().get("mem").getValue());
    assertFalse(t.hasMaxCompletionTime());
  }

  @Test
  void valuesOfTheWrongKindAreRejectedAsMesosRejectsThem() {
    Map<String, String> bodies = Map.of(
        "{\"type\":\"SUBSCRIBE\",\"framework_id\":\"f\"}", "Not expecting a JSON string for field 'framework_id'",
        "{\"type\":[\"SUBSCRIBE\"]}", "Not expecting a JSON array for field 'type'",
        "{\"framework_id\":{\"value\":7}}", "Not expecting a JSON number for field 'value'",
        "[]", "Expecting a JSON object",
        "{\"type\":", "Failed to parse JSON");
    bodies.forEach((body, reason) -> {
      MalformedMessageException e = assertThrows(MalformedMessageException.class, () -> strict(body), body);
      assertTrue(e.getMessage().contains(reason), body + " -> " + e.getMessage());
    });
  }

  private static Call strict(String body) throws MalformedMessageException {
    return Encoding.JSON.decodeStrict(ByteString.fromString(body), Call.getDefaultInstance());
  }

  private static Call lenient(String body) throws MalformedMessageException {
    return Encoding.JSON.decode(ByteString.fromString(body), Call.getDefaultInstance());
  }
}
