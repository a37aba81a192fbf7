package io.k8sm.framework.persistence;

import akka.pattern.CircuitBreakerOpenException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a store that is slow or briefly away from stored data that cannot be read. Pure.
 *
 * <p>A journal call that timed out, a circuit breaker opened by such timeouts, or a transient or
 * recoverable SQL error says nothing about what is stored: retrying later can succeed (the actor
 * restarts with backoff and recovers). Anything else (a row that does not decode, a table of
 * another shape) will fail the same way again and must stop the process with the store named.
 */
public final class StoreFailures {
  private StoreFailures() {}

  /** True when {@code failure} or one of its causes is a passing condition of the store. */
  public static boolean isTransient(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof TimeoutException || t instanceof CircuitBreakerOpenException
          || t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
        return true;
      }
    }
    return false;
  }
}
