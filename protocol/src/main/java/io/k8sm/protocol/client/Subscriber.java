package io.k8sm.protocol.client;

import akka.Done;
import akka.actor.typed.ActorSystem;
import akka.http.javadsl.ConnectHttp;
import akka.http.javadsl.Http;
import akka.http.javadsl.model.HttpHeader;
import akka.http.javadsl.model.HttpRequest;
import akka.http.javadsl.model.HttpResponse;
import akka.japi.Pair;
import akka.pattern.Patterns;
import akka.stream.KillSwitches;
import akka.stream.Materializer;
import akka.stream.UniqueKillSwitch;
import akka.stream.javadsl.Keep;
import akka.stream.javadsl.Sink;
import akka.stream.javadsl.Source;
import akka.util.ByteString;
import com.google.protobuf.Message;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SUBSCRIBE, from the first master to a 200: every request on its own new connection; 307 is
 * followed to the resolved Location (at most maxRedirects times per attempt); 503 is retried with
 * exponential backoff until subscribeAttempts requests have been refused; a master that gives no
 * answer hands over to the next one in the list (a ConnectException once all failed). Any other
 * status ends the attempt with the server's answer as a MesosHttpException.
 */
final class Subscriber<C extends Message, E extends Message> {
  private static final Logger log = LoggerFactory.getLogger(Subscriber.class);

  /** Where the search stands: master index, current URL, redirects and 503s so far. */
  private record Attempt(int master, URI target, int redirects, int refusals, List<String> unreachable) {}

  private final ActorSystem<?> system;
  private final ClientSettings settings;
  private final MesosApi<C, E> api;
  private final Materializer mat;

  Subscriber(ActorSystem<?> system, ClientSettings settings, MesosApi<C, E> api) {
    this.system = system;
    this.settings = settings;
    this.api = api;
    this.mat = Materializer.matFromSystem(system);
  }

  CompletionStage<Subscription<C, E>> subscribe(C call) {
    ByteString body = settings.encoding().encode(call);
    return Futures.unwrapped(attempt(body, new Attempt(0, master(0), 0, 0, List.of())));
  }

  private URI master(int index) {
    return settings.masters().get(index).resolve(settings.path());
  }

  private CompletionStage<Subscription<C, E>> attempt(ByteString body, Attempt a) {
    return open(a.target(), body)
        .handle((response, error) -> error == null
            ? onResponse(body, a, response)
            : onFailure(body, a, Futures.cause(error)))
        .thenCompose(next -> next);
  }

  /**
   * No response head at all (refused, reset, closed, unknown host, timed out): this master is of no
   * use now, the next one in the list may be. Only when every master failed is it a failure.
   */
  private CompletionStage<Subscription<C, E>> onFailure(ByteString body, Attempt a, Throwable error) {
    List<String> unreachable = new ArrayList<>(a.unreachable());
    unreachable.add(a.target() + " (" + error.getMessage() + ")");
    int next = a.master() + 1;
    if (next >= settings.masters().size()) {
      ConnectException failure = new ConnectException(
          "no Mesos " + api.name() + " endpoint reachable: " + String.join("; ", unreachable));
      failure.initCause(error);
      return CompletableFuture.failedFuture(failure);
    }
    log.info("Mesos at {} unreachable ({}), trying {}", a.target(), error.getMessage(), master(next));
    return attempt(body, new Attempt(next, master(next), 0, a.refusals(), unreachable));
  }

  private CompletionStage<Subscription<C, E>> onResponse(ByteString body, Attempt a, HttpResponse response) {
    int status = response.status().intValue();
    if (status == 200) {
      log.info("Subscribed to the Mesos {} API at {}", api.name(), a.target());
      return CompletableFuture.completedFuture(HttpSubscription.start(system, settings, api, a.target(), response));
    }
    if (status == 307) {
      response.discardEntityBytes(mat);
      return redirect(body, a, response.getHeader("Location").map(HttpHeader::value));
    }
    return Futures.bodyText(response, settings.requestTimeout(), mat).thenCompose(text -> {
      int refusals = a.refusals() + 1;
      if (status != 503 || refusals >= settings.subscribeAttempts()) {
        return CompletableFuture.failedFuture(new MesosHttpException(status, text, a.target()));
      }
      Duration wait = SubscribePolicy.backoff(settings.backoffMin(), settings.backoffMax(), refusals);
      log.info("Mesos at {} answered 503 ({}); retry {} of {} in {} ms", a.target(), text.strip(), refusals,
          settings.subscribeAttempts() - 1, wait.toMillis());
      return Patterns.after(wait, system.classicSystem().scheduler(), system.executionContext(),
          () -> attempt(body, new Attempt(a.master(), a.target(), 0, refusals, a.unreachable())));
    });
  }

  private CompletionStage<Subscription<C, E>> redirect(ByteString body, Attempt a, Optional<String> location) {
    if (location.isEmpty()) {
      return CompletableFuture.failedFuture(new MesosHttpException(307, "redirect without a Location", a.target()));
    }
    if (a.redirects() >= settings.maxRedirects()) {
      return CompletableFuture.failedFuture(new MesosHttpException(307,
          "more than " + settings.maxRedirects() + " redirects; last Location: " + location.get(), a.target()));
    }
    URI target;
    try {
      target = SubscribePolicy.redirectTarget(a.target(), location.get());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(new MesosHttpException(307, e.getMessage(), a.target()));
    }
    log.info("Mesos at {} redirects to {}", a.target(), target);
    return attempt(body, new Attempt(a.master(), target, a.redirects() + 1, a.refusals(), a.unreachable()));
  }

  /**
   * POSTs SUBSCRIBE on a connection of its own. The sink never cancels, so the connection lives as
   * long as the response body is read; a missing response head within the request timeout aborts it.
   */
  private CompletionStage<HttpResponse> open(URI target, ByteString body) {
    int port = target.getPort() != -1 ? target.getPort() : "https".equals(target.getScheme()) ? 443 : 80;
    ConnectHttp to = "https".equals(target.getScheme())
        ? ConnectHttp.toHostHttps(target.getHost(), port)
        : ConnectHttp.toHost(target.getHost(), port);
    String originForm = target.getRawPath() + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    HttpRequest request = WireFormat.post(originForm, settings.encoding(), body, settings.headers(), Optional.empty());
    CompletableFuture<HttpResponse> head = new CompletableFuture<>();
    Pair<UniqueKillSwitch, CompletionStage<Done>> running = Source.single(request)
        .via(Http.get(system).outgoingConnection(to))
        .viaMat(KillSwitches.single(), Keep.right())
        .toMat(Sink.foreach(head::complete), Keep.both())
        .run(mat);
    running.second().whenComplete((done, error) -> head.completeExceptionally(
        error != null ? error : new IOException("connection to " + target + " closed without a response")));
    return Futures.within(system, head, settings.requestTimeout(), "SUBSCRIBE to " + target)
        .whenComplete((response, error) -> {
          if (error != null) {
            running.first().abort(error);
          }
        });
  }
}
