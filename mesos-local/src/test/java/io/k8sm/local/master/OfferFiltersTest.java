package io.k8sm.local.master;

import static io.k8sm.local.master.ResourcesTest.r;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.mesos.v1.Protos.AgentID;
import org.apache.mesos.v1.Protos.Filters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfferFiltersTest {
  private static final AgentID A = AgentID.newBuilder().setValue("a").build();
  private static final AgentID B = AgentID.newBuilder().setValue("b").build();

  @ParameterizedTest(name = "refuse_seconds {0} -> {1} ms")
  @CsvSource({"5, 5000", "0, 0", "-1, 5000", "0.25, 250", "100000000, 31536000000", "NaN, 5000"})
  void refuseDuration(double seconds, long millis) {
    assertEquals(millis, OfferFilters.refuseMillis(Filters.newBuilder().setRefuseSeconds(seconds).build()));
  }

  @Test
  void absentFiltersMeanTheDefaultFiveSeconds() {
    assertEquals(5000, OfferFilters.refuseMillis(null));
    assertEquals(5000, OfferFilters.refuseMillis(Filters.getDefaultInstance()));
  }

  @ParameterizedTest(name = "refused {0}, offering {1} at {2} ms: filtered {3}")
  @CsvSource(delimiter = '|', value = {
      "cpus:4;mem:1024 | cpus:4;mem:1024 | 0    | true",
      "cpus:4;mem:1024 | cpus:2          | 500  | true",
      "cpus:4;mem:1024 | cpus:5;mem:1024 | 0    | false",
      "cpus:4          | cpus:4;mem:1    | 0    | false",
      "cpus:4;mem:1024 | cpus:4;mem:1024 | 999  | true",
      "cpus:4;mem:1024 | cpus:4;mem:1024 | 1000 | false",
  })
  void subsetSemantics(String refused, String offerable, long at, boolean filtered) {
    OfferFilters f = new OfferFilters();
    f.refuse(A, r(refused), Filters.newBuilder().setRefuseSeconds(1).build(), 0);
    assertEquals(filtered, f.filters(A, r(offerable), at));
  }

  @Test
  void filtersArePerAgentAndReviveClearsThem() {
    OfferFilters f = new OfferFilters();
    f.refuse(A, r("cpus:4"), Filters.newBuilder().setRefuseSeconds(60).build(), 0);
    assertTrue(f.filters(A, r("cpus:4"), 1));
    assertFalse(f.filters(B, r("cpus:4"), 1));
    f.clear();
    assertFalse(f.filters(A, r("cpus:4"), 1));
    assertTrue(f.isEmpty());
  }

  @Test
  void zeroSecondsInstallsNothing() {
    OfferFilters f = new OfferFilters();
    f.refuse(A, r("cpus:4"), Filters.newBuilder().setRefuseSeconds(0).build(), 0);
    assertTrue(f.isEmpty());
  }
}
