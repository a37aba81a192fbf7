package io.k8sm.protocol.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import com.google.protobuf.util.JsonFormat;
import java.util.List;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.CommandInfo;
import org.apache.mesos.v1.Protos.Filters;
import org.apache.mesos.v1.Protos.FrameworkInfo;
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

class MesosJsonWriterTest {
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
      PARSER.merge(MesosJsonWriter.print(e), back);
      assertEquals(e, back.build());
    }
  }

  @Test
  void writesMesosShapes() {
    String json = MesosJsonWriter.print(offers());
    assertTrue(json.contains("\"type\":\"OFFERS\""), json);
    assertTrue(json.contains("\"begin\":31000,\"end\":32000"), json);
    assertTrue(json.contains("\"scalar\":{\"value\":2.5}"), json);
    assertTrue(json.contains("\"framework_id\":{\"value\":\"f\"}"), json);
    String update = MesosJsonWriter.print(update());
    assertTrue(update.contains("\"uuid\":\"AAAAAAAAAAAAAAAAAAAAAQ==\""), update);
    assertTrue(update.contains("\"state\":\"TASK_RUNNING\""), update);
  }

  @Test
  void mapsAndInfinityLikeMesos() throws Exception {
    TaskInfo t = TaskInfo.newBuilder().setName("n").setTaskId(TaskID.newBuilder().setValue("t"))
        .setAgentId(AgentID.newBuilder().setValue("a"))
        .putLimits("cpus", Value.Scalar.newBuilder().setValue(Double.POSITIVE_INFINITY).build()).build();
    String json = MesosJsonWriter.print(t);
    assertTrue(json.contains("\"limits\":{\"cpus\":{\"value\":\"Infinity\"}}"), json);
    TaskInfo.Builder back = TaskInfo.newBuilder();
    PARSER.merge(json, back);
    assertEquals(t, back.build());
  }

  @Test
  void unsetFieldsWithAnExplicitProtoDefaultArePrintedUnlessDeprecated() {
    String fw = MesosJsonWriter.print(FrameworkInfo.newBuilder().setUser("u").setName("n").build());
    assertEquals("{\"user\":\"u\",\"name\":\"n\",\"failover_timeout\":0.0,\"checkpoint\":false}", fw);
    assertTrue(MesosJsonWriter.print(CommandInfo.getDefaultInstance()).contains("\"shell\":true"));
    assertEquals("{\"refuse_seconds\":5.0}", MesosJsonWriter.print(Filters.getDefaultInstance()));
    String set = MesosJsonWriter.print(Filters.newBuilder().setRefuseSeconds(60).build());
    assertEquals("{\"refuse_seconds\":60.0}", set);
    String resource = MesosJsonWriter.print(Resource.newBuilder().setName("cpus").setType(Value.Type.SCALAR).build());
    assertFalse(resource.contains("role"), "deprecated role (default *) stays out: " + resource);
  }

  private static Event update() {
    byte[] uuid = new byte[16];
    uuid[15] = 1;
    return Event.newBuilder().setType(Event.Type.UPDATE).setUpdate(Event.Update.newBuilder().setStatus(
        TaskStatus.newBuilder().setTaskId(TaskID.newBuilder().setValue("t")).setState(TaskState.TASK_RUNNING)
            .setUuid(ByteString.copyFrom(uuid)).setTimestamp(1.7e9).setMessage("tab\there"))).build();
  }
}
