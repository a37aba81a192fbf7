package io.k8sm.protocol.client;

import akka.actor.typed.ActorSystem;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.testing.EventFeed;
import io.k8sm.protocol.testing.MesosFixtureServer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.mesos.v1.scheduler.Protos.Call;

/** Helpers shared by the client tests: a scripted master, settings for it, bounded waits. */
final class ClientFixtures {
  private ClientFixtures() {}

  static ClientSettings settings(ActorSystem<?> system, MesosFixtureServer server, Encoding encoding) {
    return ClientSettings.fromConfig(system.settings().config(), List.of(server.baseUri()), "/api/v1/scheduler")
        .withEncoding(encoding).withRequestTimeout(Duration.ofSeconds(5));
  }

  /** A master that streams {@code feed} on SUBSCRIBE (stream id "stream-1") and accepts every other call. */
  static MesosFixtureServer master(ActorSystem<?> system, EventFeed feed, Encoding encoding) throws Exception {
    return MesosFixtureServer.start(system, request -> encoding.decode(request.body(), Call.getDefaultInstance())
        .getType() == Call.Type.SUBSCRIBE
            ? MesosFixtureServer.stream(encoding, Optional.of("stream-1"), feed.source())
            : MesosFixtureServer.accepted());
  }

  static <T> T await(CompletionStage<T> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The failure of {@code stage}; an AssertionError if it succeeds. */
  static Throwable failure(CompletionStage<?> stage) throws Exception {
    try {
      stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      return e.getCause();
    }
    throw new AssertionError("expected a failure");
  }
}
