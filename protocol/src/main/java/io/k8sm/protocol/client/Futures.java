package io.k8sm.protocol.client;

import akka.actor.Cancellable;
import akka.actor.typed.ActorSystem;
import akka.http.javadsl.model.HttpResponse;
import akka.stream.Materializer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Small helpers around CompletionStage: real failures for callers, deadlines, error bodies. */
final class Futures {
  private static final long MAX_ERROR_BODY = 64 * 1024;

  private Futures() {}

  /** The same outcome, failed with the real cause rather than a CompletionException wrapper. */
  static <T> CompletionStage<T> unwrapped(CompletionStage<T> stage) {
    CompletableFuture<T> result = new CompletableFuture<>();
    stage.whenComplete((value, error) -> {
      if (error == null) {
        result.complete(value);
      } else {
        result.completeExceptionally(cause(error));
      }
    });
    return result;
  }

  /** Fails with a TimeoutException naming {@code what} unless {@code stage} completes in time. */
  static <T> CompletionStage<T> within(ActorSystem<?> system, CompletionStage<T> stage, Duration timeout,
      String what) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Cancellable timer = system.scheduler().scheduleOnce(timeout, () -> result.completeExceptionally(
        new TimeoutException(what + ": no answer within " + timeout.toMillis() + " ms")), system.executionContext());
    stage.whenComplete((value, error) -> {
      timer.cancel();
      if (error == null) {
        result.complete(value);
      } else {
        result.completeExceptionally(cause(error));
      }
    });
    return result;
  }

  /** The body of an error response as text, read with a deadline and a size bound. */
  static CompletionStage<String> bodyText(HttpResponse response, Duration timeout, Materializer mat) {
    return response.entity().toStrict(timeout.toMillis(), MAX_ERROR_BODY, mat)
        .thenApply(strict -> strict.getData().utf8String())
        .exceptionally(e -> "(body unreadable: " + cause(e) + ")");
  }

  static Throwable cause(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
