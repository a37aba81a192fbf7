package io.k8sm.protocol.client;

import static io.k8sm.protocol.client.ClientFixtures.await;
import static io.k8sm.protocol.client.ClientFixtures.failure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorSystem;
import akka.stream.javadsl.Sink;
import com.typesafe.config.ConfigFactory;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.testing.EventFeed;
import io.k8sm.protocol.testing.MesosFixtureServer;
import io.k8sm.protocol.testing.SchedulerMessages;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.scheduler.Protos.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Finding the leader: redirects, 503 retries, unreachable masters and refusals, against real HTTP servers. */
class MesosClientSubscribeTest {
  private static final ActorTestKit testKit = ActorTestKit.create(ConfigFactory.load());
  private static final ActorSystem<?> system = testKit.system();
  private static final String PATH = "/api/v1/scheduler";

  @AfterAll
  static void shutdown() {
    testKit.shutdownTestKit();
  }

  private static ClientSettings settings(List<URI> masters) {
    return ClientSettings.fromConfig(system.settings().config(), masters, PATH)
        .withRequestTimeout(Duration.ofSeconds(5))
        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(80));
  }

  private static MesosFixtureServer leader(EventFeed feed) throws Exception {
    return MesosFixtureServer.start(system, request -> request.header("Mesos-Stream-Id").isPresent()
        ? MesosFixtureServer.accepted()
        : MesosFixtureServer.stream(Encoding.JSON, Optional.of("leader-stream"), feed.source()));
  }

  /** A port nothing listens on: bound once by the OS, then released. */
  private static URI closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
  }

  @Test
  void followsAProtocolRelativeRedirectToTheLeaderAndSendsCallsThere() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.JSON);
    feed.event(SchedulerMessages.subscribed(15));
    try (MesosFixtureServer leader = leader(feed);
         MesosFixtureServer follower = MesosFixtureServer.start(system,
             request -> MesosFixtureServer.redirect("//127.0.0.1:" + leader.port() + PATH))) {
      var subscription = await(MesosClient.scheduler(system, settings(List.of(follower.baseUri())))
          .subscribe(SchedulerMessages.subscribe()));
      assertEquals(leader.baseUri().resolve(PATH), subscription.endpoint());
      assertEquals(Optional.of("leader-stream"), subscription.streamId());
      var first = await(subscription.events().take(1).runWith(Sink.seq(), system));
      assertEquals(Event.Type.SUBSCRIBED, first.get(0).getType());

      await(subscription.send(SchedulerMessages.calls().get("SUPPRESS")));
      assertEquals(1, follower.requests().size(), "only SUBSCRIBE went to the follower");
      assertEquals(2, leader.requests().size());
      assertEquals(Optional.of("leader-stream"), leader.requests().get(1).header("Mesos-Stream-Id"));
    }
  }

  @Test
  void redirectsAreFollowedOnlyUpToTheLimit() throws Exception {
    AtomicInteger port = new AtomicInteger();
    try (MesosFixtureServer loop = MesosFixtureServer.start(system,
        request -> MesosFixtureServer.redirect("//127.0.0.1:" + port.get() + PATH))) {
      port.set(loop.port());
      Throwable error = failure(MesosClient.scheduler(system, settings(List.of(loop.baseUri())).withMaxRedirects(3))
          .subscribe(SchedulerMessages.subscribe()));
      MesosHttpException http = assertInstanceOf(MesosHttpException.class, error);
      assertEquals(307, http.status());
      assertTrue(http.body().contains("more than 3 redirects"), http.body());
      assertEquals(4, loop.requests().size());
    }
  }

  @Test
  void retries503WithBackoffUntilTheMasterAnswers() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.JSON);
    feed.event(SchedulerMessages.subscribed(15));
    AtomicInteger calls = new AtomicInteger();
    try (MesosFixtureServer master = MesosFixtureServer.start(system, request -> calls.incrementAndGet() <= 2
        ? MesosFixtureServer.status(503, "Master has not finished recovery")
        : MesosFixtureServer.stream(Encoding.JSON, Optional.of("s"), feed.source()))) {
      var subscription = await(MesosClient.scheduler(system, settings(List.of(master.baseUri())))
          .subscribe(SchedulerMessages.subscribe()));
      assertEquals(Optional.of("s"), subscription.streamId());
      assertEquals(3, master.requests().size());
      assertEquals(3, master.requests().stream().map(r -> r.connection()).distinct().count(), "one connection per attempt");
      subscription.close();
    }
  }

  @Test
  void gives503UpAfterTheConfiguredAttempts() throws Exception {
    try (MesosFixtureServer master = MesosFixtureServer.start(system,
        request -> MesosFixtureServer.status(503, "No leader elected"))) {
      Throwable error = failure(MesosClient.scheduler(system, settings(List.of(master.baseUri())).withSubscribeAttempts(4))
          .subscribe(SchedulerMessages.subscribe()));
      MesosHttpException http = assertInstanceOf(MesosHttpException.class, error);
      assertEquals(503, http.status());
      assertEquals("No leader elected", http.body());
      assertEquals(master.baseUri().resolve(PATH), http.uri());
      assertEquals(4, master.requests().size());
    }
  }

  @Test
  void aRefusalSurfacesStatusAndBodyWithoutRetry() throws Exception {
    try (MesosFixtureServer master = MesosFixtureServer.start(system,
        request -> MesosFixtureServer.status(400, "Framework cannot be found"))) {
      Throwable error = failure(MesosClient.scheduler(system, settings(List.of(master.baseUri())))
          .subscribe(SchedulerMessages.subscribe()));
      MesosHttpException http = assertInstanceOf(MesosHttpException.class, error);
      assertEquals(400, http.status());
      assertEquals("Framework cannot be found", http.body());
      assertTrue(http.getMessage().contains("HTTP 400") && http.getMessage().contains("Framework cannot be found"));
      assertEquals(1, master.requests().size());
    }
  }

  @Test
  void anUnreachableMasterHandsOverToTheNextOne() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.JSON);
    feed.event(SchedulerMessages.subscribed(15));
    try (MesosFixtureServer master = leader(feed)) {
      var subscription = await(MesosClient.scheduler(system, settings(List.of(closedPort(), master.baseUri())))
          .subscribe(SchedulerMessages.subscribe()));
      assertEquals(master.baseUri().resolve(PATH), subscription.endpoint());
      subscription.close();
    }
  }

  @Test
  void noReachableMasterFailsWithConnectException() throws Exception {
    URI first = closedPort();
    URI second = closedPort();
    Throwable error = failure(MesosClient.scheduler(system, settings(List.of(first, second)))
        .subscribe(SchedulerMessages.subscribe()));
    assertInstanceOf(ConnectException.class, error);
    assertTrue(error.getMessage().contains(first.toString()) && error.getMessage().contains(second.toString()),
        error.getMessage());
  }

  @Test
  void aMasterThatNeverAnswersTimesOut() throws Exception {
    try (ServerSocket silent = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress())) {
      URI uri = URI.create("http://127.0.0.1:" + silent.getLocalPort());
      Throwable error = failure(MesosClient.scheduler(system,
          settings(List.of(uri)).withRequestTimeout(Duration.ofMillis(500))).subscribe(SchedulerMessages.subscribe()));
      assertInstanceOf(ConnectException.class, error);
      assertInstanceOf(java.util.concurrent.TimeoutException.class, error.getCause());
      assertTrue(error.getMessage().contains("SUBSCRIBE to " + uri.resolve(PATH) + ": no answer within 500 ms"),
          error.getMessage());
    }
  }

  @Test
  void aSilentMasterHandsOverToTheNextOneAfterTheRequestTimeout() throws Exception {
    EventFeed feed = new EventFeed(system, Encoding.JSON);
    feed.event(SchedulerMessages.subscribed(15));
    try (ServerSocket silent = new ServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
         MesosFixtureServer master = leader(feed)) {
      URI hung = URI.create("http://127.0.0.1:" + silent.getLocalPort());
      var subscription = await(MesosClient.scheduler(system,
              settings(List.of(hung, master.baseUri())).withRequestTimeout(Duration.ofMillis(500)))
          .subscribe(SchedulerMessages.subscribe()));
      assertEquals(master.baseUri().resolve(PATH), subscription.endpoint());
      subscription.close();
    }
  }
}
