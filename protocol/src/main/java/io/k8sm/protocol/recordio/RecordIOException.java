package io.k8sm.protocol.recordio;

/** A RecordIO stream that cannot be decoded: a bad length prefix, a record over the limit, a torn record. */
public final class RecordIOException extends RuntimeException {
  public RecordIOException(String message) {
    super(message);
  }
}
