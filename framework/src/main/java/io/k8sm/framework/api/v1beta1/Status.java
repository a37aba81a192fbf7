package io.k8sm.framework.api.v1beta1;

/** The API's answer to a failed (or a bodiless successful) request, v1beta1 style. */
public record Status(String kind, String apiVersion, String status, String message, String reason, Integer code) {

  public static Status success() {
    return new Status("Status", "v1beta1", "Success", null, null, 200);
  }

  public static Status failure(int code, String reason, String message) {
    return new Status("Status", "v1beta1", "Failure", message, reason, code);
  }
}
