package io.k8sm.protocol.client;

import java.net.URI;

/**
 * Mesos answered with a status the client does not handle itself (anything but 2xx, and 307/503
 * once redirects or retries are used up). Carries the status and the plain-text body Mesos sends
 * as its reason.
 */
public final class MesosHttpException extends RuntimeException {
  private final int status;
  private final String body;
  private final URI uri;

  public MesosHttpException(int status, String body, URI uri) {
    super("HTTP " + status + " from " + uri + (body.isBlank() ? "" : ": " + body.strip()));
    this.status = status;
    this.body = body;
    this.uri = uri;
  }

  public int status() {
    return status;
  }

  /** The response body as text (Mesos puts its reason here); empty when there was none. */
  public String body() {
    return body;
  }

  /** The URL that gave this answer. */
  public URI uri() {
    return uri;
  }
}
