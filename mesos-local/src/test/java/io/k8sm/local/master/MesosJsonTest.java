package io.k8sm.local.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.OfferID;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.Protos.TaskInfo;
import org.apache.mesos.v1.Protos.TaskState;
import org.apache.mesos.v1.Protos.TaskStatus;
import org.apache.mesos.v1.Protos.Value;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.Test;

class MesosJsonTest {
  private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();

  private static Event offers() {
    return Event.newBuilder().setType(Event.Type.OFFERS).setOffers(Event.Offers.newBuilder().addOffers(Offer.newBuilder()
        .setId(OfferID.newBuilder().setValue("o\"1\n"))
        .setFrameworkId(FrameworkID.newBuilder().setValue("f"))
        .setAgentId(AgentID.newBuilder().setValue("a"))
        .setHostname("h")
        .addAllResources(List.of(
            Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR)
                .setScalar(Value.Scalar.newBuilder().setValue(2.5)).build(),
            Resource.newBuilder().setName("ports").setType(Value.Type.RANGES).setRanges(Value.Ranges.newBuilder()
                .addRange(Value.Range.newBuilder().setBegin(31000).setEnd(32000))).build())))).build();
  }

  @Test
  void roundTripsThroughAStandardParser() throws Exception {
    for (Event e : List.of(offers(), update())) {
      Event.Builder back = Event.newBuilder();
      PARSER.merge(MesosJson.print(e), back);
      assertEquals(e, back.build());
    }
  }

  @Test
  void writesMesosShapes() {
    String json = MesosJson.print(offers());
    assertTrue(json.contains("\"type\":\"OFFERS\""), json);
    assertTrue(json.contains("\"begin\":31000,\"end\":32000"), json);
    assertTrue(json.contains("\"scalar\":{\"value\":2.5}"), json);
    assertTrue(json.contains("\"framework_id\":{\"value\":\"f\"}"), json);
    String update = MesosJson.print(update());
    assertTrue(update.contains("\"uuid\":\"AAAAAAAAAAAAAAAAAAAAAQ==\""), update);
    assertTrue(update.contains("\"state\":\"TASK_RUNNING\""), update);
  }

  @Test
  void mapsAndInfinityLikeMesos() throws Exception {
    TaskInfo t = TaskInfo.newBuilder().setName("n").setTaskId(TaskID.newBuilder().setValue("t"))
        .setAgentId(AgentID.newBuilder().setValue("a"))
        .putLimits("cpus", Value.Scalar.newBuilder().setValue(Double.POSITIVE_INFINITY).build()).build();
    String json = MesosJson.print(t);
    assertTrue(json.contains("\"limits\":{\"cpus\":{\"value\":\"Infinity\"}}"), json);
    TaskInfo.Builder back = TaskInfo.newBuilder();
    PARSER.merge(json, back);
    assertEquals(t, back.build());
  }

  private static Event update() {
    byte[] uuid = new byte[16];
    uuid[15] = 1;
    return Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder().setStatus(
        TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t")).setState(TaskState.TASK_RUNNING)
            .setUuid(ByteString.copyFrom(uuid)).setTimestamp(1.7e9).setMessage("tab\there"))).build();
  }
}
