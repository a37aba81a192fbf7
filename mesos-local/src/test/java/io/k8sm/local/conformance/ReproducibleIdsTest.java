package io.k8sm.local.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.k8sm.local.MesosLocal;
import io.k8sm.protocol.codec.Encoding;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The master id, and so every id derived from it, follows from the seed. */
class ReproducibleIdsTest extends ConformanceBase {

  @Test
  void aSecondRunWithTheSameSeedHandsOutTheSameIds() throws Exception {
    Subscribed first = subscribe(json, "first");
    String firstOffer = awaitOffers(first.stream(), 1).get(0).getId().getValue();
    try (MesosLocal twin = MesosLocal.start(settings().build())) {
      PlainScheduler client = new PlainScheduler(twin.masterUrl(), Encoding.JSON);
      Subscribed second = subscribe(client, "second");
      assertEquals(first.event().getMasterInfo().getId(), second.event().getMasterInfo().getId());
      assertEquals(first.id(), second.id());
      assertEquals(firstOffer, awaitOffers(second.stream(), 1).get(0).getId().getValue());
      UUID.fromString(second.event().getMasterInfo().getId());
    }
  }

  @Test
  void anotherSeedGivesAnotherMasterId() throws Exception {
    Subscribed first = subscribe(json, "first");
    try (MesosLocal other = MesosLocal.start(settings().seed(43).build())) {
      Subscribed second = subscribe(new PlainScheduler(other.masterUrl(), Encoding.JSON), "second");
      assertNotEquals(first.event().getMasterInfo().getId(), second.event().getMasterInfo().getId());
    }
  }
}
