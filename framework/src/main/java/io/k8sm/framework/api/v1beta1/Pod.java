package io.k8sm.framework.api.v1beta1;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * A pod as the seed's {@code /api/v1beta1/pods} shows it. On POST only {@code id}, {@code labels}
 * and {@code desiredState} are read; the other fields are filled in by the server.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Pod(
    String kind,
    String apiVersion,
    String id,
    String uid,
    String creationTimestamp,
    Long resourceVersion,
    Map<String, String> labels,
    DesiredState desiredState,
    CurrentState currentState) {

  /** The user's wish: the manifest. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record DesiredState(Manifest manifest) {}
}
