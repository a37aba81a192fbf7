package io.k8sm.local.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.typesafe.config.ConfigFactory;
import io.k8sm.local.MesosLocal;
import io.k8sm.local.MesosLocalSettings;
import io.k8sm.protocol.codec.Encoding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.mesos.v1.Protos.FrameworkID;
import org.apache.mesos.v1.Protos.FrameworkInfo;
import org.apache.mesos.v1.Protos.Offer;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh mesos-local per test (ephemeral port, two simulated agents, short timings). */
abstract class ConformanceBase {
  MesosLocal mesos;
  PlainScheduler json;
  PlainScheduler proto;
  private final List<EventStream> streams = new ArrayList<>();

  MesosLocalSettings.Builder settings() {
    return MesosLocalSettings.fromConfig(ConfigFactory.load()).toBuilder()
        .port(0)
        .realAgents(List.of())
        .simulatedAgents(2)
        .heartbeatInterval(Duration.ofMillis(400))
        .allocationInterval(Duration.ofMillis(100))
        .updateRetryBackoff(Duration.ofMillis(300))
        .updateRetryBackoffMax(Duration.ofSeconds(2))
        .simulatedTaskStartDelay(Duration.ofMillis(50))
        .seed(42);
  }

  @BeforeEach
  void startMesosLocal() {
    mesos = MesosLocal.start(settings().build());
    json = new PlainScheduler(mesos.masterUrl(), Encoding.JSON);
    proto = new PlainScheduler(mesos.masterUrl(), Encoding.PROTOBUF);
  }

  @AfterEach
  void stopMesosLocal() {
    streams.forEach(EventStream::close);
    mesos.close();
  }

  EventStream track(EventStream s) {
    streams.add(s);
    return s;
  }

  Subscribed subscribe(PlainScheduler client, FrameworkInfo info) throws Exception {
    EventStream s = track(client.subscribe(info));
    assertEquals(200, s.status(), "SUBSCRIBE status");
    Event first = s.poll(PlainScheduler.TIMEOUT);
    assertNotNull(first, "no first event");
    assertEquals(Event.Type.SUBSCRIBED, first.getType(), "first event: " + first);
    return new Subscribed(s, first.getSubscribed().getFrameworkId(), first.getSubscribed());
  }

  Subscribed subscribe(PlainScheduler client, String name) throws Exception {
    return subscribe(client, PlainScheduler.framework(name).build());
  }

  /** Offers from OFFERS events until {@code count} distinct agents were offered. */
  static List<Offer> awaitOffers(EventStream s, int count) throws InterruptedException {
    List<Offer> out = new ArrayList<>();
    while (out.size() < count) {
      out.addAll(s.await(Event.Type.OFFERS).getOffers().getOffersList());
    }
    return out;
  }
}
