package io.k8sm.local.master;

/** The master's answer to a non-SUBSCRIBE call: an HTTP status and a plain-text body (empty for 202). */
public record HttpReply(int status, String body) {
  public static final HttpReply ACCEPTED = new HttpReply(202, "");
  public static final HttpReply OK = new HttpReply(200, "");

  public static HttpReply badRequest(String reason) {
    return new HttpReply(400, reason);
  }
}
