package io.k8sm.local.master;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.Resource;
import org.apache.mesos.v1.Protos.Value;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourcesTest {

  /** Parses a tiny test notation: "cpus:1.5;mem:64;ports:31000-31005,31010-31010;disk(eng):10". */
  static Resources r(String spec) {
    List<Resource> out = new ArrayList<>();
    if (spec.isBlank()) {
      return Resources.of(out);
    }
    for (String part : spec.split(";")) {
      String[] kv = part.split(":");
      String name = kv[0];
      String role = null;
      if (name.contains("(")) {
        role = name.substring(name.indexOf('(') + 1, name.indexOf(')'));
        name = name.substring(0, name.indexOf('('));
      }
      Resource.Builder b = Resource.newBuilder().setName(name);
      if (role != null) {
        b.setRole(role);
      }
      if (kv[1].contains("-")) {
        Value.Ranges.Builder rb = Value.Ranges.newBuilder();
        for (String range : kv[1].split(",")) {
          String[] be = range.split("-");
          rb.addRange(Value.Range.newBuilder().setBegin(Long.parseLong(be[0])).setEnd(Long.parseLong(be[1])));
        }
        b.setType(Value.Type.RANGES).setRanges(rb);
      } else {
        b.setType(Value.Type.SCALAR).setScalar(Value.Scalar.newBuilder().setValue(Double.parseDouble(kv[1])));
      }
      out.add(b.build());
    }
    return Resources.of(out);
  }

  @ParameterizedTest(name = "{0} contains {1}: {2}")
  @CsvSource(delimiter = '|', value = {
      "cpus:1;mem:64               | cpus:1                 | true",
      "cpus:1;mem:64               | cpus:1.001             | false",
      "cpus:0.3                    | cpus:0.1;cpus:0.2      | true",
      "cpus:1                      | mem:1                  | false",
      "ports:31000-32000           | ports:31000-31001      | true",
      "ports:31000-31499,31501-32000 | ports:31500-31500    | false",
      "ports:31000-31010           | ports:31005-31011      | false",
      "cpus(eng):1                 | cpus:1                 | false",
      "cpus:1                      | cpus(eng):1            | false",
      "cpus:1                      | ''                     | true",
  })
  void contains(String have, String want, boolean expected) {
    assertEquals(expected, r(have).contains(r(want)));
  }

  @ParameterizedTest(name = "{0} - {1} = {2}")
  @CsvSource(delimiter = '|', value = {
      "cpus:4;mem:8192             | cpus:1.5;mem:1000      | cpus:2.5;mem:7192",
      "cpus:0.3                    | cpus:0.1               | cpus:0.2",
      "cpus:1                      | cpus:1                 | ''",
      "ports:31000-32000           | ports:31000-31001      | ports:31002-32000",
      "ports:31000-32000           | ports:31500-31500      | ports:31000-31499,31501-32000",
      "ports:31000-32000           | ports:32000-32000      | ports:31000-31999",
  })
  void minus(String have, String take, String left) {
    assertEquals(r(left), r(have).minus(r(take)));
  }

  @Test
  void fixedPointKeepsThreeDecimalsExact() {
    Resources sum = Resources.empty();
    for (int i = 0; i < 10; i++) {
      sum = sum.plus(r("cpus:0.1"));
    }
    assertEquals(r("cpus:1"), sum);
    assertEquals(1000, sum.scalarMillis("cpus"));
  }

  @Test
  void rangesMergeWhenAddedBack() {
    assertEquals(r("ports:31000-32000"), r("ports:31000-31499,31501-32000").plus(r("ports:31500-31500")));
  }

  @Test
  void subtractingWhatIsNotThereIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> r("cpus:1").minus(r("cpus:2")));
  }

  @Test
  void invalidQuantitiesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> r("cpus:-1"));
    assertThrows(IllegalArgumentException.class, () -> r("ports:32000-31000"));
  }

  @Test
  void protosAreStampedWithTheAllocationRoleAndKeepStarRole() {
    List<Resource> out = r("cpus:2;ports:31000-31001").toProtos("web");
    assertEquals(2, out.size());
    assertTrue(out.stream().allMatch(x -> x.getAllocationInfo().getRole().equals("web") && x.getRole().equals("*")));
    assertFalse(r("cpus:1").toProtos().get(0).hasAllocationInfo());
  }
}
