package io.k8sm.framework.api.v1beta1;

import java.util.List;

/** {@code GET /api/v1beta1/pods}. */
public record PodList(String kind, String apiVersion, Long resourceVersion, List<Pod> items) {
  public static PodList of(long resourceVersion, List<Pod> items) {
    return new PodList("PodList", "v1beta1", resourceVersion, items);
  }
}
