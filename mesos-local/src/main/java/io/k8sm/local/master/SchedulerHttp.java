package io.k8sm.local.master;

import akka.NotUsed;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.http.javadsl.model.HttpMethods;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.headers.RawHeader;
import akka.japi.Pair;
import akka.pattern.Patterns;
import akka.stream.BoundedSourceQueue;
import akka.stream.Materializer;
import akka.stream.javadsl.Source;
import akka.util.ByteString;
import io.k8sm.local.http.MediaRules;
import io.k8sm.local.http.Responses;
import io.k8sm.protocol.codec.Encoding;
import io.k8sm.protocol.codec.MalformedMessageException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.mesos.v1.scheduler.Protos.Call;

/**
 * The scheduler endpoint ({@code /api/v1/scheduler}, also {@code /master/api/v1/scheduler}) with
 * the status codes of the Mesos master, checked in its order: leadership (307/503), method (405),
 * Content-Type (400 missing, 415 anything but the exact two media types), body (400), call
 * validation (400); for SUBSCRIBE then Accept (406) and no Mesos-Stream-Id (400), answered with a
 * 200 chunked RecordIO stream; any other call goes to the master actor for its state checks.
 */
public final class SchedulerHttp {
  private static final int STREAM_BUFFER = 16_384;

  private final ActorSystem<?> system;
  private final ActorRef<Master.Command> master;
  private final Supplier<Leadership> leadership;
  private final Supplier<Duration> responseDelay;
  private final Duration callTimeout;
  private final Materializer mat;

  /** {@code callTimeout} bounds reading a call's body and then waiting for the master's answer. */
  public SchedulerHttp(ActorSystem<?> system, ActorRef<Master.Command> master, Supplier<Leadership> leadership,
      Supplier<Duration> responseDelay, Duration callTimeout) {
    this.system = system;
    this.callTimeout = callTimeout;
    this.master = master;
    this.leadership = leadership;
    this.responseDelay = responseDelay;
    this.mat = Materializer.matFromSystem(system);
  }

  public CompletionStage<HttpResponse> handle(HttpRequest request) {
    String path = request.getUri().path();
    if (!path.equals("/api/v1/scheduler") && !path.equals("/master/api/v1/scheduler")) {
      request.discardEntityBytes(mat);
      return done(Responses.error(404, "No such endpoint: " + path));
    }
    Leadership lead = leadership.get();
    if (lead.mode() != Leadership.Mode.LEADER) {
      request.discardEntityBytes(mat);
      return done(lead.mode() == Leadership.Mode.STANDBY
          ? HttpResponse.create().withStatus(307).addHeader(RawHeader.create("Location", "//" + lead.redirectTo() + path))
          : Responses.error(503, "No leader elected"));
    }
    if (request.method() != HttpMethods.POST) {
      request.discardEntityBytes(mat);
      return done(Responses.error(405, "Expecting one of { 'POST' }, but received '" + request.method().value() + "'")
          .addHeader(RawHeader.create("Allow", "POST")));
    }
    MediaRules.BodyEncoding encoding = MediaRules.bodyEncoding(request);
    if (encoding.encoding().isEmpty()) {
      request.discardEntityBytes(mat);
      return done(Responses.error(encoding.status(), encoding.reason()));
    }
    return request.entity().toStrict(callTimeout.toMillis(), mat)
        .thenCompose(body -> onBody(request, encoding.encoding().get(), body.getData()))
        .thenCompose(this::delayed);
  }

  private CompletionStage<HttpResponse> onBody(HttpRequest request, Encoding encoding, ByteString body) {
    Call call;
    try {
      call = encoding.decodeStrict(body, Call.getDefaultInstance());
    } catch (MalformedMessageException e) {
      return done(Responses.error(400, e.getMessage()));
    }
    Optional<String> invalid = CallValidator.validate(call);
    if (invalid.isPresent()) {
      return done(Responses.error(400, "Failed to validate scheduler::Call: " + invalid.get()));
    }
    Optional<String> streamId = request.getHeader("Mesos-Stream-Id").map(h -> h.value());
    if (call.getType() == Call.Type.SUBSCRIBE) {
      return done(subscribe(request, call, streamId));
    }
    CompletionStage<HttpReply> reply = AskPattern.ask(master,
        (ActorRef<HttpReply> replyTo) -> new Master.Handle(call, streamId, replyTo),
        callTimeout, system.scheduler());
    return reply.thenApply(r -> r.status() == 202 || (r.status() == 200 && r.body().isEmpty())
        ? HttpResponse.create().withStatus(r.status())
        : Responses.error(r.status(), r.body()))
        .exceptionally(e -> Responses.error(503, "The master did not answer within " + callTimeout.toMillis() + " ms"));
  }

  private HttpResponse subscribe(HttpRequest request, Call call, Optional<String> streamIdHeader) {
    Optional<Encoding> accept = MediaRules.streamEncoding(request);
    if (accept.isEmpty()) {
      return Responses.error(406, MediaRules.NOT_ACCEPTABLE);
    }
    if (streamIdHeader.isPresent()) {
      return Responses.error(400, "Subscribe calls should not include the 'Mesos-Stream-Id' header");
    }
    String streamId = UUID.randomUUID().toString();
    Pair<BoundedSourceQueue<ByteString>, Source<ByteString, NotUsed>> queued =
        Source.<ByteString>queue(STREAM_BUFFER).preMaterialize(mat);
    Source<ByteString, NotUsed> events = queued.second().watchTermination((nu, finished) -> {
      finished.whenComplete((d, t) -> master.tell(new Master.StreamClosed(streamId)));
      return nu;
    });
    Runnable broken = () -> master.tell(new Master.StreamClosed(streamId));
    master.tell(new Master.Subscribe(call.getSubscribe(),
        new Subscription(streamId, accept.get(), queued.first(), broken)));
    return Responses.stream(accept.get(), events).addHeader(RawHeader.create("Mesos-Stream-Id", streamId));
  }

  private CompletionStage<HttpResponse> delayed(HttpResponse response) {
    Duration delay = responseDelay.get();
    if (delay.isZero() || delay.isNegative()) {
      return done(response);
    }
    return Patterns.after(delay, system.classicSystem().scheduler(), system.executionContext(),
        () -> done(response));
  }

  private static CompletionStage<HttpResponse> done(HttpResponse r) {
    return CompletableFuture.completedFuture(r);
  }
}
