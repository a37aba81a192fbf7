package io.k8sm.framework.api;

import akka.http.javadsl.model.HttpMethod;
import akka.http.javadsl.model.headers.RetryAfter;
import akka.http.javadsl.server.AllDirectives;
import akka.http.javadsl.server.ExceptionHandler;
import akka.http.javadsl.server.Route;
import io.k8sm.framework.api.v1beta1.Status;
import java.util.Set;

/**
 * Admission control in front of the API's routes: at most {@link InFlight#limit()} mutating
 * requests (POST, PUT, PATCH, DELETE) are worked on at once; one more is answered at once with 429,
 * {@code Retry-After: 1} and a Status whose reason is {@code TooManyRequests}, as the Kubernetes API
 * server answers past {@code --max-mutating-requests-inflight}. Reads pass untouched: they are
 * served from the store's snapshot without waiting for an actor.
 *
 * <p>Invariants: a refused request reaches no route, so nothing stored changes; an admitted one
 * holds its permit until its response is produced, whether it succeeded, failed, timed out or threw.
 */
public final class Admission extends AllDirectives {
  /** The reason Kubernetes gives for a 429. */
  public static final String TOO_MANY_REQUESTS = "tooManyRequests";
  private static final Set<String> MUTATING = Set.of("POST", "PUT", "PATCH", "DELETE");

  private final InFlight mutating;

  public Admission(InFlight mutating) {
    this.mutating = mutating;
  }

  /** {@code routes}, with mutating requests admitted or refused by the limit. */
  public Route around(Route routes) {
    return extractMethod(m -> isMutating(m) ? admitted(routes) : routes);
  }

  static boolean isMutating(HttpMethod m) {
    return MUTATING.contains(m.name());
  }

  /** Runs per request: the decision is taken when the request arrives. */
  private Route admitted(Route routes) {
    InFlight.Decision d = mutating.tryEnter();
    if (d instanceof InFlight.Refused refused) {
      return refuse(refused.reason());
    }
    InFlight.Permit permit = ((InFlight.Admitted) d).permit();
    // A route that throws instead of failing its future still produces a response here, so the
    // permit is released on every path.
    return mapRouteResultFuture(result -> result.whenComplete((r, e) -> permit.release()),
        () -> handleExceptions(failed(), () -> routes));
  }

  private Route refuse(String reason) {
    // The body is not read: drain it so the connection stays usable for the client's retry.
    return extractRequest(req -> extractMaterializer(mat -> {
      req.entity().discardBytes(mat);
      return complete(Reply.to(req).status(Status.failure(429, TOO_MANY_REQUESTS, reason))
          .addHeader(RetryAfter.create(1L)));
    }));
  }

  private ExceptionHandler failed() {
    return ExceptionHandler.newBuilder().matchAny(e -> extractRequest(req -> complete(Reply.to(req)
        .status(Status.failure(500, "internalError", "the request failed: " + e))))).build();
  }
}
