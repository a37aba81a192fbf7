package io.k8sm.local.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceSpecTest {

  /** Renders resources back compactly so a table can state the expected result in one cell. */
  static String render(List<Resource> resources) {
    return resources.stream().map(r -> {
      assertEquals("*", r.getRole(), "every resource is unreserved");
      return switch (r.getType()) {
        case SCALAR -> r.getName() + "=" + r.getScalar().getValue();
        case RANGES -> r.getName() + "=" + r.getRanges().getRangeList().stream()
            .map(x -> x.getBegin() + "-" + x.getEnd()).collect(Collectors.joining(",", "[", "]"));
        case SET -> r.getName() + "=" + String.join(",", r.getSet().getItemList());
        default -> throw new AssertionError(r.getType());
      };
    }).collect(Collectors.joining(" "));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "cpus:4;mem:8192;disk:20000;ports:[31000-32000,32005-32010] | cpus=4.0 mem=8192.0 disk=20000.0 ports=[31000-32000,32005-32010]",
      "cpus:0.5                                                   | cpus=0.5",
      "cpus:1.23456                                               | cpus=1.235",
      " cpus : 2 ; mem : 64 ;                                     | cpus=2.0 mem=64.0",
      "cpus(*):2                                                  | cpus=2.0",
      "ports:[32005-32010, 31000-32000]                           | ports=[31000-32000,32005-32010]",
      "ports:[1-5,6-9,8-12]                                       | ports=[1-12]",
      "ports:[80-80]                                              | ports=[80-80]",
      "zones:{a,b,a}                                              | zones=a,b",
  })
  void parsesMesosStyleFlags(String spec, String expected) {
    assertEquals(expected.trim(), render(ResourceSpec.parse(spec)));
  }

  @ParameterizedTest(name = "[{0}]")
  @CsvSource(delimiter = '|', value = {
      "''                       | empty",
      "cpus                     | not name:value",
      "cpus:                    | not name:value",
      ":4                       | not name:value",
      "cpus:four                | neither a number",
      "cpus:-1                  | finite number >= 0",
      "cpus:NaN                 | finite number >= 0",
      "cpus:1;cpus:2            | given twice",
      "cpus(web):2              | only the unreserved role",
      "cpus(*:2                 | unclosed role",
      "ports:[31000-32000       | must end with ']'",
      "ports:[32000-31000]      | ends before it begins",
      "ports:[31000]            | not begin-end",
      "ports:[a-b]              | not a non-negative integer",
      "ports:[]                 | no ranges",
      "zones:{}                 | empty set",
      "bad name:1               | invalid name",
  })
  void rejectsBadInputWithAReason(String spec, String reason) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResourceSpec.parse(spec));
    assertTrue(e.getMessage().contains(reason.trim()), () -> "message was: " + e.getMessage());
  }

  @Test
  void defaultsDescribeThisMachine() {
    List<Resource> defaults = ResourceSpec.defaults(Path.of(System.getProperty("java.io.tmpdir")));
    String rendered = render(defaults);
    assertEquals(Runtime.getRuntime().availableProcessors(), scalar(defaults, "cpus"), 0.0);
    assertTrue(scalar(defaults, "mem") > 0, rendered);
    assertTrue(scalar(defaults, "disk") > 0, rendered);
    assertTrue(rendered.contains("ports=[31000-32000]"), rendered);
    assertEquals(Value.Type.RANGES, defaults.get(3).getType());
  }

  private static double scalar(List<Resource> resources, String name) {
    return resources.stream().filter(r -> r.getName().equals(name)).findFirst().orElseThrow()
        .getScalar().getValue();
  }
}
