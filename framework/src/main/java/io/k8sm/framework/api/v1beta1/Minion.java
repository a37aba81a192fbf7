package io.k8sm.framework.api.v1beta1;

import java.util.List;
import java.util.Map;

/** One agent seen in offers, as {@code GET /api/v1beta1/minions} lists it. */
public record Minion(String kind, String id, String hostIP, Map<String, Object> resources, Map<String, String> labels) {

  public record MinionList(String kind, String apiVersion, List<Minion> items) {
    public static MinionList of(List<Minion> items) {
      return new MinionList("MinionList", "v1beta1", items);
    }
  }
}
