package io.k8sm.protocol.client;

import static io.k8sm.protocol.client.ClientFixtures.await;
import static io.k8sm.protocol.client.ClientFixtures.failure;
import static io.k8sm.protocol.client.ClientFixtures.master;
import static io.k8sm.protocol.client.ClientFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorSystem;
import com.typesafe.config.ConfigFactory;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.testing.EventFeed;
import io.k8sm.protocol.testing.MesosFixtureServer;
import io.k8sm.protocol.testing.SchedulerMessages;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Calls within a subscription: refusals surface with status and body; bursts are not capped by Akka defaults. */
class MesosClientCallsTest {
  private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.load());
  private static final ActorSystem<?> system = testKit.system();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void aRejectedCallFailsWithStatusAndBody() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.JSON);
    feed.event(SchedulerMessages.subscribed(15));
    try (MesosFixtureServer server = MesosFixtureServer.start(system, request -> request.connection() == 1
        ? MesosFixtureServer.stream(Encoding.JSON, Optional.of("stream-1"), feed.source())
        : MesosFixtureServer.status(403, "Framework is not subscribed"))) {
      var subscription = await(MesosClient.scheduler(system, settings(system, server, Encoding.JSON))
          .subscribe(SchedulerMessages.subscribe()));
      Throwable error = failure(subscription.send(SchedulerMessages.calls().get("REVIVE")));
      MesosHttpException http = assertInstanceOf(MesosHttpException.class, error);
      assertEquals(403, http.status());
      assertEquals("Framework is not subscribed", http.body());
      assertEquals(subscription.endpoint(), http.uri());
      subscription.close();
    }
  }

  @Test
  void aBurstOfCallsIsNotLimitedByAkkasDefaultPool() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.PROTOBUF);
    feed.event(SchedulerMessages.subscribed(15));
    try (MesosFixtureServer server = master(system, feed, Encoding.PROTOBUF)) {
      var subscription = await(MesosClient.scheduler(system, settings(system, server, Encoding.PROTOBUF))
          .subscribe(SchedulerMessages.subscribe()));
      var acknowledge = SchedulerMessages.calls().get("ACKNOWLEDGE");
      List<CompletableFuture<akka.Done>> calls = new java.util.ArrayList<>();
      for (int i = 0; i < 300; i++) { // Akka's default pool takes 32 waiting requests
        calls.add(subscription.send(acknowledge).toCompletableFuture());
      }
      CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
      assertEquals(301, server.requests().size());
      long connections = server.requests().stream().map(MesosFixtureServer.Request::connection).distinct().count();
      assertTrue(connections >= 2 && connections <= 5, "subscription + at most 4 call connections, got " + connections);
      subscription.close();
    }
  }
}
