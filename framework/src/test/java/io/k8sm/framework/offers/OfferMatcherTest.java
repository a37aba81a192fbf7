package io.k8sm.framework.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.k8sm.framework.testing.Offers;
import java.util.List;
import java.util.stream.Stream;
import org.apache.mesos.v1.Protos.ExecutorID;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.Protos.Resource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OfferMatcherTest {
  static final ExecutorID EXEC = ExecutorID.newBuilder().setValue("k8sm-exec").build();
  static final ExecutorCost COST = new ExecutorCost(100, 64_000);

  static PodShape shape(double cpus, double mem, Integer... ports) {
    return new PodShape(Scalars.toMillis(cpus), Scalars.toMillis(mem), 0, List.of(ports));
  }

  static OfferView view(Offer o) {
    return OfferView.of(o, EXEC);
  }

  static Stream<Arguments> shapes() {
    Offer small = Offers.of("h1", 1.5, 1024, 31000, 31005);
    Offer withExec = Offers.withExecutor(Offers.of("h2", 1.0, 256, 31000, 32000), EXEC);
    return Stream.of(
        Arguments.of("fits exactly with the executor", shape(1.4, 960), small, null),
        Arguments.of("cpus short because of the executor", shape(1.5, 100), small,
            "needs 1.5 cpus plus 0.1 for the executor, the offer on h1 has 1.5"),
        Arguments.of("mem short", shape(0.5, 2048), small, "needs 2048 MB mem plus 64 for the executor, the offer on h1 has 1024"),
        Arguments.of("port outside ranges", shape(0.1, 10, 8080), small, "no offered range on h1 contains port 8080"),
        Arguments.of("port inside", shape(0.1, 10, 31005), small, null),
        Arguments.of("executor already there costs nothing", shape(1.0, 256), withExec, null),
        Arguments.of("three-decimal arithmetic", shape(0.3, 0.1), Offers.of("h3", 0.4, 64.1), null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("shapes")
  void matchesResourceShapes(String name, PodShape shape, Offer offer, String reason) {
    Placement p = OfferMatcher.place(shape, view(offer), COST);
    if (reason == null) {
      assertInstanceOf(Placement.Fit.class, p);
    } else {
      assertEquals(reason, assertInstanceOf(Placement.NoFit.class, p).reason());
    }
    assertEquals(reason == null, OfferMatcher.fits(shape, view(offer), COST), "the quick check agrees with place");
  }

  @Test
  void fitTakesExactQuantitiesAndCutsPortsOut() {
    Placement.Fit fit = (Placement.Fit) OfferMatcher.place(shape(0.5, 128, 31500), view(Offers.of("h", 2, 1024, 31000, 32000)), COST);
    assertTrue(fit.executorCharged());
    assertEquals(0.5, scalar(fit.taskResources(), "cpus"));
    assertEquals(128.0, scalar(fit.taskResources(), "mem"));
    Resource ports = fit.taskResources().stream().filter(r -> r.getName().equals("ports")).findFirst().orElseThrow();
    assertEquals(31500, ports.getRanges().getRange(0).getBegin());
    assertEquals("*", ports.getAllocationInfo().getRole());
    OfferView rest = fit.remaining();
    assertEquals(1400, rest.total("cpus"));
    assertEquals(832_000, rest.total("mem"));
    assertFalse(rest.offersPort(31500));
    assertTrue(rest.offersPort(31499) && rest.offersPort(31501));
    assertTrue(rest.executorRunning());
  }

  @Test
  void packsSeveralPodsIntoOneOfferChargingTheExecutorOnce() {
    OfferView v = view(Offers.of("h", 1.1, 1000, 31000, 31001));
    Placement.Fit a = (Placement.Fit) OfferMatcher.place(shape(0.5, 400, 31000), v, COST);
    Placement.Fit b = (Placement.Fit) OfferMatcher.place(shape(0.5, 400, 31001), a.remaining(), COST);
    assertTrue(a.executorCharged());
    assertFalse(b.executorCharged());
    assertEquals(0, b.remaining().total("cpus"));
    Placement third = OfferMatcher.place(shape(0.001, 1), b.remaining(), COST);
    assertTrue(((Placement.NoFit) third).reason().startsWith("needs 0.001 cpus"));
  }

  @Test
  void aHostPortIsNeverHandedOutTwice() {
    Placement.Fit a = (Placement.Fit) OfferMatcher.place(shape(0.1, 10, 31000), view(Offers.of("h", 4, 4096, 31000, 31000)), COST);
    Placement b = OfferMatcher.place(shape(0.1, 10, 31000), a.remaining(), COST);
    assertEquals("no offered range on h contains port 31000", ((Placement.NoFit) b).reason());
  }

  @Test
  void givingBackRestoresWhatAPodTook() {
    OfferView v = view(Offers.of("h", 2, 1024, 31000, 31010));
    Placement.Fit a = (Placement.Fit) OfferMatcher.place(shape(1, 512, 31003), v, COST);
    OfferView back = OfferMatcher.giveBack(a.remaining(), a.taskResources());
    assertEquals(1900, back.total("cpus"));
    assertTrue(back.offersPort(31003));
    assertInstanceOf(Placement.Fit.class, OfferMatcher.place(shape(1, 512, 31003), back, COST));
  }

  static Stream<Arguments> reasons() {
    List<OfferView> views = List.of(view(Offers.of("a", 1.5, 512, 31000, 31999)), view(Offers.of("b", 1.0, 2048)));
    return Stream.of(
        Arguments.of(shape(2, 10), views, "needs 2 cpus, the largest offer has 1.4"),
        Arguments.of(shape(0.5, 4096), views, "needs 4096 MB mem, the largest offer has 1984"),
        Arguments.of(shape(0.5, 10, 8080), views, "no offered range contains port 8080"),
        Arguments.of(shape(0.5, 1024, 31000), views,
            "no single offer has 0.5 cpus, 1024 MB mem, host ports [31000] together (offers from a, b)"),
        Arguments.of(shape(0.5, 10), List.of(), "no offer from Mesos at the moment (no agent has free resources for us); needs 0.5 cpus, 10 MB mem"));
  }

  @ParameterizedTest
  @MethodSource("reasons")
  void explainsWhyNothingFits(PodShape shape, List<OfferView> views, String reason) {
    assertEquals(reason, OfferMatcher.whyNothingFits(shape, views, COST));
  }

  @Test
  void revocableAndMountDisksAreNotUsed() {
    Offer o = Offers.builder("h", 0, 0)
        .addResources(Offers.scalar("cpus", 8).toBuilder().setRevocable(Resource.RevocableInfo.getDefaultInstance()))
        .build();
    assertEquals(0, view(o).total("cpus"));
  }

  private static double scalar(List<Resource> rs, String name) {
    return rs.stream().filter(r -> r.getName().equals(name)).mapToDouble(r -> r.getScalar().getValue()).sum();
  }
}
