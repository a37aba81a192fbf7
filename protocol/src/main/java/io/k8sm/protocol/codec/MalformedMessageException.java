package io.k8sm.protocol.codec;

/** A body that does not parse as the expected Mesos message, with a reason fit for a 400 body. */
public final class MalformedMessageException extends Exception {
  public MalformedMessageException(String message, Throwable cause) {
    super(message, cause);
  }
}
