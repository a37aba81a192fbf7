package io.k8sm.executor;

import akka.actor.typed.ActorSystem;
import akka.http.javadsl.model.HttpResponse;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.testing.EventFeed;
import io.k8sm.protocol.testing.MesosFixtureServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.mesos.v1.executor.Protos.Call;
import org.apache.mesos.v1.executor.Protos.Event;

/**
 * A stand-in for a Mesos agent's executor API on 127.0.0.1: every SUBSCRIBE gets a new event feed
 * the test drives ({@link #awaitSubscription}); every other call is answered 202 (or with
 * {@link #refuseSubscriptions} 500, or with {@link #answerNext} another status and not kept) and queued for the test to inspect ({@link #awaitCall}).
 */
public final class FakeAgent implements AutoCloseable {
  public record Subscription(Call subscribe, EventFeed feed) {}

  private final ActorSystem<?> system;
  private final MesosFixtureServer server;
  private final BlockingQueue<Subscription> subscriptions = new LinkedBlockingQueue<>();
  private final BlockingQueue<Call> calls = new LinkedBlockingQueue<>();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicInteger answerNext = new AtomicInteger();
  private volatile int answerStatus = 503;
  private volatile String answerBody = "";
  private final AtomicInteger subscribes = new AtomicInteger();
  private volatile boolean refuse;

  public FakeAgent(ActorSystem<?> system) throws Exception {
    this.system = system;
    this.server = MesosFixtureServer.start(system, this::handle);
  }

  private HttpResponse handle(MesosFixtureServer.Request request) throws Exception {
    if (!request.path().equals("/api/v1/executor")) {
      return MesosFixtureServer.status(404, "no such path " + request.path());
    }
    Encoding encoding = Encoding.ofMediaType(request.contentType()).orElseThrow();
    Call call = encoding.decode(request.body(), Call.getDefaultInstance());
    if (call.getType() != Call.Type.SUBSCRIBE) {
      if (answerNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        return MesosFixtureServer.status(answerStatus, answerBody);
      }
      calls.add(call);
      return MesosFixtureServer.accepted();
    }
    subscribes.incrementAndGet();
    if (refuse) {
      refused.incrementAndGet();
      return MesosFixtureServer.status(500, "agent is gone");
    }
    EventFeed feed = new EventFeed(system, Encoding.JSON);
    subscriptions.add(new Subscription(call, feed));
    return MesosFixtureServer.stream(Encoding.JSON, Optional.empty(), feed.source());
  }

  /** {@code ip:port}, as MESOS_AGENT_ENDPOINT has it. */
  public String endpoint() {
    return "127.0.0.1:" + server.port();
  }

  public URI uri() {
    return server.baseUri();
  }

  public Subscription awaitSubscription(Duration max) throws InterruptedException {
    Subscription s = subscriptions.poll(max.toMillis(), TimeUnit.MILLISECONDS);
    if (s == null) {
      throw new AssertionError("no SUBSCRIBE within " + max);
    }
    return s;
  }

  /** The next non-SUBSCRIBE call of {@code type}, skipping others. */
  public Call awaitCall(Call.Type type, Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (true) {
      Call c = calls.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (c == null) {
        throw new AssertionError("no " + type + " call within " + max);
      }
      if (c.getType() == type) {
        return c;
      }
    }
  }

  public List<Call> drainCalls() {
    List<Call> all = new java.util.ArrayList<>();
    calls.drainTo(all);
    return all;
  }

  public void refuseSubscriptions(boolean value) {
    refuse = value;
  }

  /** The next {@code n} calls other than SUBSCRIBE are answered 503 and dropped, as a recovering agent does. */
  public void answerUnavailable(int n) {
    answerNext(n, 503, "Agent has not finished recovery");
  }

  /** The next {@code n} calls other than SUBSCRIBE are answered {@code status} with {@code body} and dropped. */
  public void answerNext(int n, int status, String body) {
    answerStatus = status;
    answerBody = body;
    answerNext.set(n);
  }

  /** SUBSCRIBE requests received so far, refused or not. */
  public int subscribeRequests() {
    return subscribes.get();
  }

  public int refusedSubscriptions() {
    return refused.get();
  }

  public static Event subscribed() {
    return io.k8sm.protocol.testing.ExecutorMessages.subscribed();
  }

  @Override
  public void close() throws Exception {
    server.close();
  }
}
