package io.k8sm.executor.pod;

import java.util.concurrent.CompletionException;

/** Turns the failure of a stage into the sentence a report carries. */
final class Failures {
  private Failures() {}

  /** The cause's own message (unwrapping the stage's wrapper), else its class name. */
  static String message(Throwable t) {
    Throwable c = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
