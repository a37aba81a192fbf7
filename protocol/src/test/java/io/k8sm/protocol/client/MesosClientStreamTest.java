package io.k8sm.protocol.client;

import static io.k8sm.protocol.client.ClientFixtures.await;
import static io.k8sm.protocol.client.ClientFixtures.failure;
import static io.k8sm.protocol.client.ClientFixtures.master;
import static io.k8sm.protocol.client.ClientFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import io.k8sm.protocol.testing.MesosFixtureServer;
import io.k8sm.protocol.testing.SchedulerMessages;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.scheduler.Protos.Call;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** An open subscription: events in order, any chunking, failures, closing; against a real HTTP server. */
class MesosClientStreamTest {
  private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.load());
  private static final ActorSystem<?> system = testKit.system();

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  @ParameterizedTest
  @EnumSource(Encoding.class)
  void subscribeDeliversEventsAndStreamIdAndSendsCallsOnAnotherConnection(Encoding encoding) throws Exception {
    EventFeed feed = new EventFeed(system, encoding);
    feed.event(SchedulerMessages.subscribed(15)).event(SchedulerMessages.heartbeat())
        .event(SchedulerMessages.events().get("OFFERS"));
    try (MesosFixtureServer server = master(system, feed, encoding)) {
      var client = MesosClient.scheduler(system, settings(system, server, encoding));
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
  void recordsSplitAcrossChunksAndSharingChunksAreDecoded() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.JSON);
    ByteString subscribed = RecordIO.frame(Encoding.JSON.encode(SchedulerMessages.subscribed(15)));
    ByteString offers = RecordIO.frame(Encoding.JSON.encode(SchedulerMessages.events().get("OFFERS")));
    ByteString heartbeat = RecordIO.frame(Encoding.JSON.encode(SchedulerMessages.heartbeat()));
    feed.chunk(subscribed.take(1)).chunk(subscribed.slice(1, 40)).chunk(subscribed.drop(40).concat(offers.take(3)))
        .chunk(offers.drop(3).concat(heartbeat).concat(heartbeat.take(2))).chunk(heartbeat.drop(2).concat(heartbeat));
    feed.complete();
    try (MesosFixtureServer server = master(system, feed, Encoding.JSON)) {
      var subscription = await(MesosClient.scheduler(system, settings(system, server, Encoding.JSON))
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
    try (MesosFixtureServer server = master(system, feed, Encoding.JSON)) {
      var subscription = await(MesosClient.scheduler(system, settings(system, server, Encoding.JSON))
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
    try (MesosFixtureServer server = master(system, feed, Encoding.JSON)) {
      var subscription = await(MesosClient.scheduler(system, settings(system, server, Encoding.JSON))
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
    try (MesosFixtureServer server = master(system, feed, Encoding.JSON)) {
      var subscription = await(MesosClient.scheduler(system, settings(system, server, Encoding.JSON))
          .subscribe(SchedulerMessages.subscribe()));
      Throwable error = failure(subscription.events().runWith(Sink.ignore(), system));
      assertInstanceOf(MalformedMessageException.class, error);
    }
  }

  @Test
  void aRecordOverTheLimitFailsTheEvents() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.JSON);
    feed.event(SchedulerMessages.subscribed(15)).event(SchedulerMessages.events().get("OFFERS"));
    try (MesosFixtureServer server = master(system, feed, Encoding.JSON)) {
      var settings = settings(system, server, Encoding.JSON).withMaxRecordBytes(300);
      var subscription = await(MesosClient.scheduler(system, settings).subscribe(SchedulerMessages.subscribe()));
      List<Event> seen = new CopyOnWriteArrayList<>();
      Throwable error = failure(subscription.events().runWith(Sink.foreach(seen::add), system));
      assertInstanceOf(RecordIOException.class, error);
      assertTrue(error.getMessage().contains("exceeds the maximum of 300 bytes"), error.getMessage());
      assertEquals(1, seen.size());
    }
  }

  @Test
  void aBrokenConnectionFailsTheEventsRatherThanEndingThem() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.JSON);
    feed.event(SchedulerMessages.subscribed(15));
    try (MesosFixtureServer server = master(system, feed, Encoding.JSON)) {
      var subscription = await(MesosClient.scheduler(system, settings(system, server, Encoding.JSON))
          .subscribe(SchedulerMessages.subscribe()));
      List<Event> seen = new CopyOnWriteArrayList<>();
      CompletableFuture<Event> first = new CompletableFuture<>();
      var done = subscription.events().runWith(Sink.foreach(e -> {
        seen.add(e);
        first.complete(e);
      }), system);
      first.get(10, TimeUnit.SECONDS);
      feed.fail(new RuntimeException("master crashed"));
      Throwable error = failure(done);
      assertTrue(error instanceof akka.stream.StreamTcpException || error instanceof akka.http.scaladsl.model.EntityStreamException,
          "a cut stream fails with a connection error: " + error);
      assertEquals(1, seen.size());
    }
  }
}
