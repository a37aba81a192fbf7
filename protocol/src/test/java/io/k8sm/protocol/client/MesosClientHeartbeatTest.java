package io.k8sm.protocol.client;

import static io.k8sm.protocol.client.ClientFixtures.await;
import static io.k8sm.protocol.client.ClientFixtures.failure;
import static io.k8sm.protocol.client.ClientFixtures.master;
import static io.k8sm.protocol.client.ClientFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorSystem;
import akka.stream.javadsl.Sink;
import com.typesafe.config.ConfigFactory;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.testing.EventFeed;
import io.k8sm.protocol.testing.ExecutorMessages;
import io.k8sm.protocol.testing.MesosFixtureServer;
import io.k8sm.protocol.testing.SchedulerMessages;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Liveness: a silent scheduler stream fails after heartbeat-misses intervals; heartbeats keep it; executor streams are never timed out. */
class MesosClientHeartbeatTest {
  private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.load());
  private static final ActorSystem<?> system = testKit.system();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @Test
  void silenceLongerThanTheHeartbeatMissesFailsTheEvents() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.JSON);
    feed.event(SchedulerMessages.subscribed(1)).event(SchedulerMessages.heartbeat());
    try (MesosFixtureServer server = master(system, feed, Encoding.JSON)) {
      var settings = settings(system, server, Encoding.JSON).withHeartbeatMisses(2);
      var subscription = await(MesosClient.scheduler(system, settings).subscribe(SchedulerMessages.subscribe()));
      List<Event> seen = new CopyOnWriteArrayList<>();
      long start = System.nanoTime();
      Throwable error = failure(subscription.events().runWith(Sink.foreach(seen::add), system));
      long waitedMillis = (System.nanoTime() - start) / 1_000_000;

      HeartbeatTimeoutException timeout = assertInstanceOf(HeartbeatTimeoutException.class, error);
      assertEquals(Duration.ofSeconds(2), timeout.silence());
      assertTrue(timeout.getMessage().contains("2 heartbeat intervals"), timeout.getMessage());
      assertTrue(waitedMillis >= 1900, "failed after " + waitedMillis + " ms, before 2 x 1 s of silence");
      assertEquals(List.of(Event.Type.SUBSCRIBED, Event.Type.HEARTBEAT), seen.stream().map(Event::getType).toList());
      await(feed.terminated().handle((done, e) -> done)); // the dead connection is closed
    }
  }

  @Test
  void heartbeatsKeepAQuietStreamAlive() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.JSON);
    feed.event(SchedulerMessages.subscribed(0.2));
    try (MesosFixtureServer server = master(system, feed, Encoding.JSON)) {
      var settings = settings(system, server, Encoding.JSON).withHeartbeatMisses(3);
      var subscription = await(MesosClient.scheduler(system, settings).subscribe(SchedulerMessages.subscribe()));
      List<Event> seen = new CopyOnWriteArrayList<>();
      var done = subscription.events().runWith(Sink.foreach(seen::add), system);
      for (int i = 0; i < 8; i++) { // 1.6 s in all, well past the 0.6 s allowed without any event
        Thread.sleep(200);
        feed.event(SchedulerMessages.heartbeat());
      }
      assertFalse(done.toCompletableFuture().isDone(), "the stream must still be open: " + done);
      feed.complete();
      await(done);
      assertEquals(9, seen.size());
    }
  }

  @Test
  void executorSubscriptionHasNoStreamIdAndNoHeartbeatCheck() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.PROTOBUF);
    feed.event(ExecutorMessages.subscribed()).event(ExecutorMessages.events().get("LAUNCH"));
    try (MesosFixtureServer server = MesosFixtureServer.start(system, request ->
        Encoding.PROTOBUF.decode(request.body(), org.apache.mesos.v1.executor.Protos.Call.getDefaultInstance())
            .getType() == org.apache.mesos.v1.executor.Protos.Call.Type.SUBSCRIBE
            ? MesosFixtureServer.stream(Encoding.PROTOBUF, Optional.empty(), feed.source())
            : MesosFixtureServer.accepted())) {
      // A request timeout shorter than the silence below: the executor stream must not be timed out.
      var settings = ClientSettings.fromConfig(system.settings().config(), List.of(server.baseUri()), "/api/v1/executor")
          .withEncoding(Encoding.PROTOBUF).withRequestTimeout(Duration.ofMillis(300));
      var subscription = await(MesosClient.executor(system, settings).subscribe(ExecutorMessages.subscribe()));
      assertEquals(Optional.empty(), subscription.streamId());
      List<org.apache.mesos.v1.executor.Protos.Event> seen = new CopyOnWriteArrayList<>();
      var done = subscription.events().runWith(Sink.foreach(seen::add), system);
      Thread.sleep(1000);
      assertFalse(done.toCompletableFuture().isDone(), "a quiet executor stream must stay open: " + done);
      assertEquals(List.of(ExecutorMessages.subscribed(), ExecutorMessages.events().get("LAUNCH")), seen);

      var update = ExecutorMessages.calls().get("UPDATE");
      await(subscription.send(update));
      var call = server.requests().get(1);
      assertEquals("/api/v1/executor", call.path());
      assertEquals("application/x-protobuf", call.contentType());
      assertEquals(Optional.empty(), call.header("Mesos-Stream-Id"));
      assertEquals(update, Encoding.PROTOBUF.decode(call.body(),
          org.apache.mesos.v1.executor.Protos.Call.getDefaultInstance()));
      feed.complete();
      await(done);
    }
  }
}
