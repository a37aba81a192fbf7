package io.k8sm.framework.testing;

import akka.actor.typed.ActorSystem;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.testing.EventFeed;
import io.k8sm.protocol.testing.MesosFixtureServer;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * A scripted master on 127.0.0.1 for bridge tests: each SUBSCRIBE opens an {@link EventFeed} the
 * test writes events into; every other call is answered 202 and queued with its stream id.
 */
public final class FakeMaster implements AutoCloseable {
  public record Subscribe(Call call, EventFeed feed, String streamId) {}

  public record Received(Call call, String streamId) {}

  private final MesosFixtureServer server;
  private final BlockingQueue<Subscribe> subscribes = new LinkedBlockingQueue<>();
  private final BlockingQueue<Received> calls = new LinkedBlockingQueue<>();

  public FakeMaster(ActorSystem<?> system) throws Exception {
    AtomicInteger streams = new AtomicInteger();
    server = MesosFixtureServer.start(system, request -> {
      Call call = Encoding.JSON.decode(request.body(), Call.getDefaultInstance());
      if (call.getType() == Call.Type.SUBSCRIBE) {
        EventFeed feed = new EventFeed(system, Encoding.JSON);
        String id = "stream-" + streams.incrementAndGet();
        subscribes.add(new Subscribe(call, feed, id));
        return MesosFixtureServer.stream(Encoding.JSON, Optional.of(id), feed.source());
      }
      calls.add(new Received(call, request.header("Mesos-Stream-Id").orElse("")));
      return MesosFixtureServer.accepted();
    });
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
