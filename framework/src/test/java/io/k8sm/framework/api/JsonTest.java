package io.k8sm.framework.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.k8sm.framework.api.v1beta1.Container;
import io.k8sm.framework.api.v1beta1.Pod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pods read from JSON share equal strings and keep lists at their size instead of one copy each. */
class JsonTest {

  static Pod read(String id) throws Exception {
    return Json.MAPPER.readValue("{\"id\":\"" + id + "\",\"labels\":{\"app\":\"bench\",\"tier\":\"t1\"},"
        + "\"desiredState\":{\"manifest\":{\"version\":\"v1beta1\",\"id\":\"" + id + "\",\"containers\":[{"
        + "\"name\":\"c\",\"image\":\"k8sm/pause:1\",\"command\":[\"sh\",\"-c\"],"
        + "\"ports\":[{\"hostPort\":31000,\"containerPort\":80,\"protocol\":\"TCP\"}]}]}}}", Pod.class);
  }

  @Test
  void equalStringValuesAreOneInstance() throws Exception {
    Pod a = read("web-1");
    Pod b = read("web-2");
    Container ca = a.desiredState().manifest().containers().get(0);
    Container cb = b.desiredState().manifest().containers().get(0);
    assertSame(ca.image(), cb.image());
    assertSame(ca.name(), cb.name());
    assertSame(ca.command().get(1), cb.command().get(1));
    assertSame(ca.ports().get(0).protocol(), cb.ports().get(0).protocol());
    assertSame(a.labels().get("app"), b.labels().get("app"));
    assertSame(a.desiredState().manifest().version(), b.desiredState().manifest().version());
    assertSame(a.id(), a.desiredState().manifest().id());
    assertEquals(List.of("sh", "-c"), ca.command());
    assertEquals("web-2", b.id());
  }

  @Test
  void listsReadFromJsonHoldNoSpareRoomAndKeepTheirNulls() throws Exception {
    Container c = read("web-1").desiredState().manifest().containers().get(0);
    for (List<?> list : List.of(read("web-1").desiredState().manifest().containers(), c.ports(), c.command())) {
      assertFalse(list instanceof ArrayList, list.getClass().getName());
    }
    assertEquals(List.of(new Container.Port(null, 31000, 80, "TCP")), c.ports());
    Pod withNull = Json.MAPPER.readValue("{\"id\":\"x\",\"desiredState\":{\"manifest\":{\"containers\":[null]}}}",
        Pod.class);
    assertEquals(Arrays.asList((Container) null), withNull.desiredState().manifest().containers());
  }
}
