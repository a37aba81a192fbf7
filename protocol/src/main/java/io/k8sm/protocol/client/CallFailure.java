package io.k8sm.protocol.client;

import akka.stream.BufferOverflowException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why a call to a Mesos master or agent failed, as far as retrying it is concerned. Pure: {@link #of}
 * reads only the exception. The same answers mean the same on the scheduler and the executor API.
 *
 * <ul>
 *   <li>{@link Kind#UNDELIVERED}: Mesos certainly did not act on it (503: no leader, or the master
 *       or agent still recovering; the connection was refused; the local request pool was full).
 *       Any call may be sent again.</li>
 *   <li>{@link Kind#UNCERTAIN}: it may or may not have been acted on (a timeout, a reset connection,
 *       another 5xx). Only idempotent calls may be sent again (see {@link Outbox}).</li>
 *   <li>{@link Kind#STALE}: Mesos no longer knows this subscription (400/403 naming the stream id,
 *       the framework, or "not subscribed"): nothing of this subscription will ever succeed.</li>
 *   <li>{@link Kind#REJECTED}: Mesos refused this one call (any other 4xx): sending it again
 *       changes nothing.</li>
 * </ul>
 */
public record CallFailure(Kind kind, String reason) {
  public enum Kind { UNDELIVERED, UNCERTAIN, STALE, REJECTED }

  public static CallFailure of(Throwable error) {
    Throwable t = unwrap(error);
    if (t instanceof MesosHttpException http) {
      String why = http.status() + " " + http.body().strip();
      if (http.status() == 503) return new CallFailure(Kind.UNDELIVERED, why);
      if (stale(http)) return new CallFailure(Kind.STALE, why);
      if (http.status() >= 400 && http.status() < 500) return new CallFailure(Kind.REJECTED, why);
      return new CallFailure(Kind.UNCERTAIN, why);
    }
    if (t instanceof BufferOverflowException) {
      return new CallFailure(Kind.UNDELIVERED, "the request pool is full: " + t.getMessage());
    }
    if (refused(t)) return new CallFailure(Kind.UNDELIVERED, "connection refused: " + t.getMessage());
    return new CallFailure(Kind.UNCERTAIN, t.toString());
  }

  private static boolean stale(MesosHttpException http) {
    String body = http.body();
    return (http.status() == 403 || http.status() == 400) && (body.contains("not subscribed")
        || body.contains("Stream-Id") || body.contains("stream ID") || body.contains("cannot be found"));
  }

  /** Akka reports a refused connect as a StreamTcpException whose message names the ConnectException. */
  private static boolean refused(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConnectException) return true;
      String m = c.getMessage();
      if (m != null && m.contains("Connection refused")) return true;
      if (c.getCause() == c) break;
    }
    return false;
  }

  private static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
