package io.k8sm.protocol.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorSystem;
import akka.stream.javadsl.Sink;
import akka.util.ByteString;
import com.typesafe.config.ConfigFactory;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.codec.MalformedMessageException;
import io.k8sm.protocol.recordio.RecordIO;
import io.k8sm.protocol.recordio.RecordIOException;
import io.k8sm.protocol.testing.EventFeed;
import io.k8sm.protocol.testing.ExecutorMessages;
import io.k8sm.protocol.testing.MesosFixtureServer;
import io.k8sm.protocol.testing.SchedulerMessages;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An open subscription: events in, calls out, heartbeats, chunking and closing, against a real HTTP server. */
class MesosClientStreamTest {
  private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.load());
  private static final ActorSystem<?> system = testKit.system();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  static ClientSettings settings(MesosFixtureServer server, Encoding encoding) {
    return ClientSettings.fromConfig(system.settings().config(), List.of(server.baseUri()), "/api/v1/scheduler")
        .withEncoding(encoding).withRequestTimeout(Duration.ofSeconds(5));
  }

  /** A master that streams {@code feed} on SUBSCRIBE (stream id "stream-1") and accepts every other call. */
  static MesosFixtureServer master(EventFeed feed, Encoding encoding) throws Exception {
    return MesosFixtureServer.start(system, request -> encoding.decode(request.body(), Call.getDefaultInstance())
        .getType() == Call.Type.SUBSCRIBE
            ? MesosFixtureServer.stream(encoding, Optional.of("stream-1"), feed.source())
            : MesosFixtureServer.accepted());
  }

  static <T> T await(java.util.concurrent.CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static Throwable failure(java.util.concurrent.CompletionStage<?> stage) throws Exception {
    try {
      stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void subscribeDeliversEventsAndStreamIdAndSendsCallsOnAnotherConnection(Encoding encoding) throws Exception {
    EventFeed feed = new EventFeed(system, encoding);
    feed.event(SchedulerMessages.subscribed(15)).event(SchedulerMessages.heartbeat())
        .event(SchedulerMessages.events().get("OFFERS"));
    try (MesosFixtureServer server = master(feed, encoding)) {
      var client = MesosClient.scheduler(system, settings(server, encoding));
      var subscription = await(client.subscribe(SchedulerMessages.subscribe()));
      assertEquals(Optional.of("stream-1"), subscription.streamId());
      assertEquals(server.baseUri().resolve("/api/v1/scheduler"), subscription.endpoint());

      List<Event> seen = new CopyOnWriteArrayList<>();
      CompletableFuture<Void> third = new CompletableFuture<>();
      var done = subscription.events().runWith(Sink.foreach(e -> {
        seen.add(e);
        if (seen.size() == 3) {
          third.complete(null);
        }
      }), system);
      third.get(10, TimeUnit.SECONDS);
      assertEquals(List.of(Event.Type.SUBSCRIBED, Event.Type.HEARTBEAT, Event.Type.OFFERS),
          seen.stream().map(Event::getType).toList());
      assertEquals(SchedulerMessages.events().get("OFFERS"), seen.get(2));

      Call decline = SchedulerMessages.calls().get("DECLINE");
      await(subscription.send(decline));
      var subscribe = server.requests().get(0);
      var call = server.requests().get(1);
      assertEquals(Optional.empty(), subscribe.header("Mesos-Stream-Id"));
      assertEquals(encoding.mediaType(), subscribe.contentType());
      assertEquals(Optional.of(encoding.mediaType()), subscribe.header("Accept"));
      assertEquals(Optional.of("stream-1"), call.header("Mesos-Stream-Id"));
      assertEquals(encoding.mediaType(), call.contentType());
      assertEquals("/api/v1/scheduler", call.path());
      assertEquals(decline, encoding.decode(call.body(), Call.getDefaultInstance()));
      assertNotEquals(subscribe.connection(), call.connection(), "a call must not use the subscription's connection");

      feed.event(SchedulerMessages.heartbeat());
      feed.complete();
      await(done);
      assertEquals(4, seen.size(), "the stream stays usable after a call and completes when the server ends it");
    }
  }

  @Test
  void silenceLongerThanTheHeartbeatMissesFailsTheEvents() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.JSON);
    feed.event(SchedulerMessages.subscribed(1)).event(SchedulerMessages.heartbeat());
    try (MesosFixtureServer server = master(feed, Encoding.JSON)) {
      var settings = settings(server, Encoding.JSON).withHeartbeatMisses(2);
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
    try (MesosFixtureServer server = master(feed, Encoding.JSON)) {
      var settings = settings(server, Encoding.JSON).withHeartbeatMisses(3);
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
  void recordsSplitAcrossChunksAndSharingChunksAreDecoded() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.JSON);
    ByteString subscribed = RecordIO.frame(Encoding.JSON.encode(SchedulerMessages.subscribed(15)));
    ByteString offers = RecordIO.frame(Encoding.JSON.encode(SchedulerMessages.events().get("OFFERS")));
    ByteString heartbeat = RecordIO.frame(Encoding.JSON.encode(SchedulerMessages.heartbeat()));
    feed.chunk(subscribed.take(1)).chunk(subscribed.slice(1, 40)).chunk(subscribed.drop(40).concat(offers.take(3)))
        .chunk(offers.drop(3).concat(heartbeat).concat(heartbeat.take(2))).chunk(heartbeat.drop(2).concat(heartbeat));
    feed.complete();
    try (MesosFixtureServer server = master(feed, Encoding.JSON)) {
      var subscription = await(MesosClient.scheduler(system, settings(server, Encoding.JSON))
          .subscribe(SchedulerMessages.subscribe()));
      List<Event> events = await(subscription.events().runWith(Sink.seq(), system));
      assertEquals(List.of(SchedulerMessages.subscribed(15), SchedulerMessages.events().get("OFFERS"),
          SchedulerMessages.heartbeat(), SchedulerMessages.heartbeat(), SchedulerMessages.heartbeat()), events);
    }
  }

  @Test
  void closeEndsTheEventsAndTheConnection() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.JSON);
    feed.event(SchedulerMessages.subscribed(15));
    try (MesosFixtureServer server = master(feed, Encoding.JSON)) {
      var subscription = await(MesosClient.scheduler(system, settings(server, Encoding.JSON))
          .subscribe(SchedulerMessages.subscribe()));
      CompletableFuture<Event> first = new CompletableFuture<>();
      var done = subscription.events().runWith(Sink.foreach(first::complete), system);
      assertEquals(Event.Type.SUBSCRIBED, first.get(10, TimeUnit.SECONDS).getType());
      subscription.close();
      await(done);
      await(feed.terminated().handle((d, e) -> d)); // the server saw the stream go away
    }
  }

  @Test
  void eventsCanBeMaterializedOnlyOnce() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.JSON);
    feed.event(SchedulerMessages.subscribed(15)).complete();
    try (MesosFixtureServer server = master(feed, Encoding.JSON)) {
      var subscription = await(MesosClient.scheduler(system, settings(server, Encoding.JSON))
          .subscribe(SchedulerMessages.subscribe()));
      assertEquals(1, await(subscription.events().runWith(Sink.seq(), system)).size());
      Throwable again = failure(subscription.events().runWith(Sink.seq(), system));
      assertInstanceOf(IllegalStateException.class, again);
      assertTrue(again.getMessage().contains("only once"), again.getMessage());
    }
  }

  @Test
  void aBodyThatIsNotAnEventFailsTheEvents() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.JSON);
    feed.event(SchedulerMessages.subscribed(15)).chunk(RecordIO.frame(ByteString.fromString("{\"type\": 42")));
    try (MesosFixtureServer server = master(feed, Encoding.JSON)) {
      var subscription = await(MesosClient.scheduler(system, settings(server, Encoding.JSON))
          .subscribe(SchedulerMessages.subscribe()));
      Throwable error = failure(subscription.events().runWith(Sink.ignore(), system));
      assertInstanceOf(MalformedMessageException.class, error);
    }
  }

  @Test
  void aRecordOverTheLimitFailsTheEvents() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.JSON);
    feed.event(SchedulerMessages.subscribed(15)).event(SchedulerMessages.events().get("OFFERS"));
    try (MesosFixtureServer server = master(feed, Encoding.JSON)) {
      var settings = settings(server, Encoding.JSON).withMaxRecordBytes(300);
      var subscription = await(MesosClient.scheduler(system, settings).subscribe(SchedulerMessages.subscribe()));
      List<Event> seen = new CopyOnWriteArrayList<>();
      Throwable error = failure(subscription.events().runWith(Sink.foreach(seen::add), system));
      assertInstanceOf(RecordIOException.class, error);
      assertTrue(error.getMessage().contains("exceeds the maximum of 300 bytes"), error.getMessage());
      assertEquals(1, seen.size());
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

  @Test
  void aRejectedCallFailsWithStatusAndBody() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.JSON);
    feed.event(SchedulerMessages.subscribed(15));
    try (MesosFixtureServer server = MesosFixtureServer.start(system, request -> request.connection() == 1
        ? MesosFixtureServer.stream(Encoding.JSON, Optional.of("stream-1"), feed.source())
        : MesosFixtureServer.status(403, "Framework is not subscribed"))) {
      var subscription = await(MesosClient.scheduler(system, settings(server, Encoding.JSON))
          .subscribe(SchedulerMessages.subscribe()));
      Throwable error = failure(subscription.send(SchedulerMessages.calls().get("REVIVE")));
      MesosHttpException http = assertInstanceOf(MesosHttpException.class, error);
      assertEquals(403, http.status());
      assertEquals("Framework is not subscribed", http.body());
      assertEquals(subscription.endpoint(), http.uri());
      subscription.close();
    }
  }
}
