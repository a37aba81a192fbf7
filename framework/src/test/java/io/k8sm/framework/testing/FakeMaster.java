package io.k8sm.framework.testing;

import akka.actor.typed.ActorSystem;
import akka.http.javadsl.model.HttpResponse;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.testing.EventFeed;
import io.k8sm.protocol.testing.MesosFixtureServer;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * A scripted master on 127.0.0.1 for bridge tests: each SUBSCRIBE opens an {@link EventFeed} the
 * test writes events into; every other call is answered 202 and queued with its stream id.
 */
public final class FakeMaster implements AutoCloseable {
  /** A SUBSCRIBE, the feed of its stream, and the encoding the client used (and the stream speaks). */
  public record Subscribe(Call call, EventFeed feed, String streamId, Encoding encoding) {}

  public record Received(Call call, String streamId, Encoding encoding) {}

  private final MesosFixtureServer server;
  private final BlockingQueue<Subscribe> subscribes = new LinkedBlockingQueue<>();
  private final BlockingQueue<Received> calls = new LinkedBlockingQueue<>();

  public FakeMaster(ActorSystem<?> system) throws Exception {
    this(system, call -> Optional.empty());
  }

  /**
   * A master that answers a call with {@code answer}'s response, if any, instead of 202 (a call so
   * answered is not queued). Bodies are read, and events written, in the encoding the client uses.
   */
  public FakeMaster(ActorSystem<?> system, Function<Call, Optional<HttpResponse>> answer) throws Exception {
    AtomicInteger streams = new AtomicInteger();
    server = MesosFixtureServer.start(system, request -> {
      Encoding encoding = Encoding.ofMediaType(request.contentType()).orElseThrow();
      Call call = encoding.decode(request.body(), Call.getDefaultInstance());
      if (call.getType() == Call.Type.SUBSCRIBE) {
        EventFeed feed = new EventFeed(system, encoding);
        String id = "stream-" + streams.incrementAndGet();
        subscribes.add(new Subscribe(call, feed, id, encoding));
        return MesosFixtureServer.stream(encoding, Optional.of(id), feed.source());
      }
      Optional<HttpResponse> instead = answer.apply(call);
      if (instead.isPresent()) return instead.get();
      calls.add(new Received(call, request.header("Mesos-Stream-Id").orElse(""), encoding));
      return MesosFixtureServer.accepted();
    });
  }

  /** The next call of any type, or null after {@code millis}. */
  public Received poll(long millis) throws InterruptedException {
    return calls.poll(millis, TimeUnit.MILLISECONDS);
  }

  public URI url() {
    return server.baseUri();
  }

  public Subscribe nextSubscribe() throws InterruptedException {
    Subscribe s = subscribes.poll(10, TimeUnit.SECONDS);
    if (s == null) throw new AssertionError("no SUBSCRIBE within 10 s");
    return s;
  }

  /** The next call of {@code type}, skipping others; fails after 10 s. */
  public Received nextCall(Call.Type type) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      Received r = calls.poll(100, TimeUnit.MILLISECONDS);
      if (r != null && r.call().getType() == type) return r;
    }
    throw new AssertionError("no " + type + " call within 10 s");
  }

  /** Fails if a call of {@code type} arrives within {@code millis}. */
  public void noCall(Call.Type type, long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < deadline) {
      Received r = calls.poll(20, TimeUnit.MILLISECONDS);
      if (r != null && r.call().getType() == type) throw new AssertionError("unexpected " + type + ": " + r.call());
    }
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
