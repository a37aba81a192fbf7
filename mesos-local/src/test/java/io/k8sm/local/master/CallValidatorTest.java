package io.k8sm.local.master;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.ByteString;
import java.util.Optional;
import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.TaskID;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CallValidatorTest {
  private static final FrameworkID ID = FrameworkID.newBuilder().setValue("f").build();
  private static final FrameworkInfo INFO = FrameworkInfo.newBuilder().setUser("u").setName("n").build();

  private static Call call(String scenario) {
    Call.Builder c = Call.newBuilder();
    switch (scenario) {
      case "no type" -> { }
      case "new subscribe" -> c.setType(Call.Type.SUBSCRIBE).setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(INFO));
      case "resubscribe" -> c.setType(Call.Type.SUBSCRIBE).setFrameworkId(ID)
          .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(INFO.toBuilder().setId(ID)));
      case "resubscribe id only in info" -> c.setType(Call.Type.SUBSCRIBE)
          .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(INFO.toBuilder().setId(ID)));
      case "subscribe without sub-message" -> c.setType(Call.Type.SUBSCRIBE);
      case "suppressed role not subscribed" -> c.setType(Call.Type.SUBSCRIBE)
          .setSubscribe(Call.Subscribe.newBuilder().setFrameworkInfo(INFO).addSuppressedRoles("web"));
      case "revive without framework id" -> c.setType(Call.Type.REVIVE);
      case "revive" -> c.setType(Call.Type.REVIVE).setFrameworkId(ID);
      case "accept without accept" -> c.setType(Call.Type.ACCEPT).setFrameworkId(ID);
      case "kill without kill" -> c.setType(Call.Type.KILL).setFrameworkId(ID);
      case "ack 15 bytes", "ack 16 bytes" -> c.setType(Call.Type.ACKNOWLEDGE).setFrameworkId(ID)
          .setAcknowledge(Call.Acknowledge.newBuilder().setAgentId(AgentID.newBuilder().setValue("a"))
              .setTaskId(TaskID.newBuilder().setValue("t"))
              .setUuid(ByteString.copyFrom(new byte[scenario.contains("15") ? 15 : 16])));
      case "unknown" -> c.setType(Call.Type.UNKNOWN).setFrameworkId(ID);
      default -> throw new IllegalArgumentException(scenario);
    }
    return c.buildPartial();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "no type                        | Expecting 'type' to be present",
      "new subscribe                  | ",
      "resubscribe                    | ",
      "resubscribe id only in info    | 'framework_id' differs from 'subscribe.framework_info.id'",
      "subscribe without sub-message  | Expecting 'subscribe' to be present",
      "suppressed role not subscribed | Suppressed role 'web' is not contained in the list of roles",
      "revive without framework id    | Expecting 'framework_id' to be present",
      "revive                         | ",
      "accept without accept          | Expecting 'accept' to be present",
      "kill without kill              | Expecting 'kill' to be present",
      "ack 15 bytes                   | Not a valid UUID: expected 16 bytes, got 15",
      "ack 16 bytes                   | ",
      "unknown                        | ",
  })
  void validate(String scenario, String expected) {
    assertEquals(Optional.ofNullable(expected), CallValidator.validate(call(scenario.trim())));
  }
}
