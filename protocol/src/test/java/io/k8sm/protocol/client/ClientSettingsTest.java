package io.k8sm.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.k8sm.protocol.codec.Encoding;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings come from the shipped application.conf and refuse nonsense with a reason. */
class ClientSettingsTest {
  private static final List<URI> MASTERS = List.of(URI.create("http://127.0.0.1:5050"));

  @Test
  void readsTheShippedDefaults() {
    ClientSettings s = ClientSettings.fromConfig(ConfigFactory.load(), MASTERS, "/api/v1/scheduler");
    assertEquals(Encoding.JSON, s.encoding());
    assertEquals(32L << 20, s.maxRecordBytes());
    assertEquals(Duration.ofSeconds(75), s.requestTimeout());
    assertEquals(5, s.heartbeatMisses());
    assertEquals(Duration.ofSeconds(1), s.backoffMin());
    assertEquals(Duration.ofSeconds(15), s.backoffMax());
    assertEquals(5, s.maxRedirects());
    assertEquals(10, s.subscribeAttempts());
    assertEquals(Map.of(), s.headers());
  }

  @Test
  void callPoolComesFromTheSystemConfig() {
    var kit = akka.actor.testkit.typed.javadsl.ActorTestKit.create(ConfigFactory.parseString(
        "k8sm.protocol { call-connections = 2, max-pending-calls = 256 }").withFallback(ConfigFactory.load()));
    try {
      var pool = Calls.poolSettings(kit.system());
      assertEquals(2, pool.getMaxConnections());
      assertEquals(256, pool.getMaxOpenRequests());
    } finally {
      kit.shutdownTestKit();
    }
    var bad = akka.actor.testkit.typed.javadsl.ActorTestKit.create(ConfigFactory.parseString(
        "k8sm.protocol.max-pending-calls = 1000").withFallback(ConfigFactory.load()));
    try {
      assertReason("power of two", () -> Calls.poolSettings(bad.system()));
    } finally {
      bad.shutdownTestKit();
    }
  }

  @Test
  void configOverridesApply() {
    var config = ConfigFactory.parseString("k8sm.protocol { encoding = protobuf, request-timeout = 2s }")
        .withFallback(ConfigFactory.load());
    ClientSettings s = ClientSettings.fromConfig(config, MASTERS, "/api/v1/executor");
    assertEquals(Encoding.PROTOBUF, s.encoding());
    assertEquals(Duration.ofSeconds(2), s.requestTimeout());
    assertEquals("/api/v1/executor", s.path());
  }

  @Test
  void copiesChangeOneThing() {
    ClientSettings s = ClientSettings.fromConfig(ConfigFactory.load(), MASTERS, "/api/v1/scheduler");
    ClientSettings t = s.withHeaders(Map.of("Authorization", "Bearer x")).withEncoding(Encoding.PROTOBUF);
    assertEquals(Map.of("Authorization", "Bearer x"), t.headers());
    assertEquals(Encoding.PROTOBUF, t.encoding());
    assertEquals(s.requestTimeout(), t.requestTimeout());
    assertEquals(s.masters(), t.masters());
  }

  @Test
  void rejectsNonsenseWithAReason() {
    ClientSettings s = ClientSettings.fromConfig(ConfigFactory.load(), MASTERS, "/api/v1/scheduler");
    assertReason("at least one master", () -> s.withMasters(List.of()));
    assertReason("http(s)://host", () -> s.withMasters(List.of(URI.create("localhost:5050"))));
    assertReason("path must start with '/'", () -> s.withPath("api/v1/scheduler"));
    assertReason("backoff-max must be at least backoff-min",
        () -> s.withBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
    assertReason("subscribe-attempts must be positive", () -> s.withSubscribeAttempts(0));
    assertReason("heartbeat-misses must be positive", () -> s.withHeartbeatMisses(0));
    assertReason("request-timeout must be positive", () -> s.withRequestTimeout(Duration.ZERO));
    assertReason("header content-type is set by the client itself",
        () -> s.withHeaders(Map.of("content-type", "application/json; charset=utf-8")));
    assertReason("header Mesos-Stream-Id is set by the client itself",
        () -> s.withHeaders(Map.of("Mesos-Stream-Id", "x")));
  }

  private static void assertReason(String reason, Runnable change) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, change::run);
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }
}
